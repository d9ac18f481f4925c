package io.pikeoperator.hostsim;

import java.nio.file.Path;
import java.util.List;

/** A started twin with a test SSH client and the seed's replay, closed together. */
final class TwinFixture implements AutoCloseable {

    static final List<HostOptions> SEED_HOSTS = List.of(HostOptions.of(SeedReplay.CONTROLLER, 0, "10.0.0.11"),
            HostOptions.of(SeedReplay.COMPUTE, 0, "10.0.0.31"));
    static final List<HostOptions> CONTROLLER_ONLY = SEED_HOSTS.subList(0, 1);

    final Twin twin;
    final TwinClient ssh;
    final SeedReplay seed;

    private TwinFixture(Path dir, List<HostOptions> hosts) {
        twin = Twin.start(dir.resolve("state"), List.of(TwinClient.KEY.getPublic()), hosts);
        ssh = new TwinClient(twin);
        seed = new SeedReplay(ssh);
    }

    static TwinFixture start(Path dir, List<HostOptions> hosts) {
        return new TwinFixture(dir, hosts);
    }

    @Override
    public void close() {
        ssh.close();
        twin.close();
    }
}

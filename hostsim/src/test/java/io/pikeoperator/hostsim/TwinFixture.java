package io.pikeoperator.hostsim;

import java.nio.file.Path;
import java.util.List;

/** A started twin with a test SSH client and the guide's replay, closed together. */
final class TwinFixture implements AutoCloseable {

    static final List<HostOptions> GUIDE_HOSTS = List.of(HostOptions.of(GuideReplay.CONTROLLER, 0, "10.0.0.11"),
            HostOptions.of(GuideReplay.COMPUTE, 0, "10.0.0.31"));
    static final List<HostOptions> CONTROLLER_ONLY = GUIDE_HOSTS.subList(0, 1);

    final Twin twin;
    final TwinClient ssh;
    final GuideReplay guide;

    private TwinFixture(Path dir, List<HostOptions> hosts) {
        twin = Twin.start(dir.resolve("state"), List.of(TwinClient.KEY.getPublic()), hosts);
        ssh = new TwinClient(twin);
        guide = new GuideReplay(ssh);
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

package io.pikeoperator.plan;

import io.pikeoperator.hostsim.model.Host;
import io.pikeoperator.hostsim.model.HostState;
import io.pikeoperator.hostsim.model.Systemd;
import io.pikeoperator.hostsim.model.World;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Twin hosts in-process, with just the files a contract test gives them, for asking the twin's model. */
final class TwinModel {

    final World world = new World(Clock.systemUTC());
    private final Path dir;

    TwinModel(Path dir) {
        this.dir = dir;
    }

    /** A host with these files (host path to content). */
    Host host(String name, String address, Map<String, String> files) {
        HostState state = new HostState();
        state.name = name;
        state.address = address;
        Path root = dir.resolve(name).resolve("root");
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = root.resolve(f.getKey().substring(1));
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            Files.createDirectories(dir.resolve(name).resolve("usr"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Host host = new Host(state, root, dir.resolve(name).resolve("usr"));
        world.add(host);
        return host;
    }

    /** Starts a unit with the twin's systemctl model: the twin's reason not to start, or null when it runs. */
    String start(Host host, String unit) {
        return Systemd.start(world, host, unit).orElse(null);
    }
}

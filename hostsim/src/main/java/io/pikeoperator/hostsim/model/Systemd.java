package io.pikeoperator.hostsim.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Starting and stopping units: the rules of {@link Services} plus what a first start initialises. */
public final class Systemd {

    private Systemd() {
    }

    /** Whether a unit exists on the host (its package is installed). */
    public static boolean known(Host host, String unit) {
        return PackageCatalog.get().ownerOfUnit(unit).map(p -> host.installed(p.name)).orElse(false);
    }

    /**
     * Starts a unit (a no-op when it runs). The unit loads its configuration now.
     *
     * @return the failure, or empty when the unit runs
     */
    public static Optional<String> start(World world, Host host, String unit) {
        HostState.Unit u = host.unit(unit);
        if ("active".equals(u.state)) {
            return Optional.empty();
        }
        Map<String, String> snap = Services.snapshot(host, unit);
        Optional<String> failure = Services.startFailure(world, host, unit, snap);
        if (failure.isPresent()) {
            u.state = "failed";
            u.failure = failure.get();
            u.loaded.clear();
            u.since = Instant.now(world.clock()).toString();
            return failure;
        }
        u.state = "active";
        u.failure = null;
        u.loaded.clear();
        u.loaded.putAll(snap);
        u.since = Instant.now(world.clock()).toString();
        initialise(host, unit);
        return Optional.empty();
    }

    public static void stop(World world, Host host, String unit) {
        HostState.Unit u = host.unit(unit);
        if ("active".equals(u.state) || "failed".equals(u.state)) {
            u.state = "inactive";
            u.loaded.clear();
            u.since = Instant.now(world.clock()).toString();
        }
    }

    public static Optional<String> restart(World world, Host host, String unit) {
        stop(world, host, unit);
        return start(world, host, unit);
    }

    /** After a reboot: nothing runs, then every enabled unit starts (in name order). */
    public static void boot(World world, Host host) {
        for (HostState.Unit u : host.state().units.values()) {
            u.state = "inactive";
            u.loaded.clear();
        }
        for (Map.Entry<String, HostState.Unit> e : host.state().units.entrySet()) {
            if (e.getValue().enabled && known(host, e.getKey())) {
                start(world, host, e.getKey());
            }
        }
    }

    /** What a service does on its first start: MariaDB creates its data directory, RabbitMQ its guest user. */
    private static void initialise(Host host, String unit) {
        HostState s = host.state();
        if (unit.equals("mariadb")) {
            if (s.mariadb == null) {
                s.mariadb = MariaDb.installDb(host.name());
            }
            MariaDb.flushPrivileges(s.mariadb);
        } else if (unit.equals("rabbitmq-server") && s.rabbit == null) {
            s.rabbit = Rabbit.initialState();
        }
    }
}

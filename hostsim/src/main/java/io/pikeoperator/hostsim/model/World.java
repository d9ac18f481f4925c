package io.pikeoperator.hostsim.model;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * All simulated hosts and what lies between them: name resolution (each host's /etc/hosts, then its own name),
 * addresses, listening services and firewalls. Model operations run under one lock, so a command sees a
 * consistent world; they are short (no I/O besides the hosts' files).
 */
public final class World {

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private volatile BiConsumer<Host, Duration> rebootHandler = (h, d) -> {
    };

    public World(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public ReentrantLock lock() {
        return lock;
    }

    public void add(Host host) {
        hosts.put(host.name(), host);
    }

    public Host host(String name) {
        Host h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no simulated host " + name);
        }
        return h;
    }

    public Collection<Host> hosts() {
        return hosts.values();
    }

    public Optional<Host> byAddress(String ip) {
        return hosts.values().stream().filter(h -> ip.equals(h.address())).findFirst();
    }

    /** What the SSH side does when a host reboots (drop connections, stay away for the downtime). */
    public void onReboot(BiConsumer<Host, Duration> handler) {
        this.rebootHandler = handler;
    }

    public void requestReboot(Host host, Duration downtime) {
        rebootHandler.accept(host, downtime);
    }

    // ---- name resolution and connections ----

    /** Resolves a name as glibc would on {@code from}: "files dns myhostname", with no DNS server reachable. */
    public Optional<String> resolve(Host from, String name) {
        if (name.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            return Optional.of(name);
        }
        for (String line : from.read("/etc/hosts").orElse("").split("\n")) {
            String s = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            String[] f = s.strip().split("\\s+");
            if (f.length < 2 || f[0].contains(":")) {
                continue;
            }
            for (int i = 1; i < f.length; i++) {
                if (f[i].equalsIgnoreCase(name)) {
                    return Optional.of(f[0]);
                }
            }
        }
        if (name.equalsIgnoreCase(from.name())) {
            return Optional.ofNullable(from.address());
        }
        return Optional.empty();
    }

    /** The name a server sees for a client address: the server's /etc/hosts (reverse), else the address. */
    public String reverse(Host server, String ip) {
        if (ip.startsWith("127.")) {
            return "localhost";
        }
        for (String line : server.read("/etc/hosts").orElse("").split("\n")) {
            String s = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            String[] f = s.strip().split("\\s+");
            if (f.length >= 2 && f[0].equals(ip)) {
                return f[1];
            }
        }
        return ip;
    }

    /**
     * Opens a TCP connection from {@code from} to {@code name:port} in the model.
     *
     * @return the server host, or the error text a client would print (errno message)
     */
    public Connection connect(Host from, String name, int port) {
        Optional<String> ip = resolve(from, name);
        if (ip.isEmpty()) {
            return Connection.failed(-2, "Name or service not known");
        }
        String address = ip.get();
        Host target;
        if (address.startsWith("127.")) {
            target = from;
        } else {
            target = byAddress(address).orElse(null);
            if (target == null) {
                return Connection.failed(113, "No route to host");
            }
        }
        if (target.isDown()) {
            return Connection.failed(113, "No route to host");
        }
        boolean local = target == from;
        if (!Services.listens(target, port, address)) {
            return Connection.failed(111, "Connection refused");
        }
        if (!local && target.active("firewalld") && !Firewall.allows(target, port)) {
            return Connection.failed(113, "No route to host");
        }
        String clientAddress = local ? address : from.address();
        return new Connection(target, clientAddress, 0, null);
    }

    /** The outcome of a modelled TCP connection. */
    public record Connection(Host server, String clientAddress, int errno, String error) {
        static Connection failed(int errno, String error) {
            return new Connection(null, null, errno, error);
        }

        public boolean ok() {
            return server != null;
        }

        /** "[Errno 111] Connection refused", as Python prints it. */
        public String pythonError() {
            return "[Errno " + errno + "] " + error;
        }
    }
}

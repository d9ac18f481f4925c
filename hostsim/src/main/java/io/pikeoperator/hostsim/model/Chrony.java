package io.pikeoperator.hostsim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * chronyd's view of its sources. Public NTP servers (the CentOS pool, public addresses) are modelled as reachable
 * and synchronised; a server that resolves to a simulated host is usable only when that host runs chronyd,
 * allows this host ({@code allow} covering its address), lets NTP through its firewall, and is itself synchronised.
 */
public final class Chrony {

    /** One line of {@code chronyc sources}: mode/state ("^*", "^+", "^?"), name, stratum, reach. */
    public record Source(String state, String name, int stratum, int reach) {
    }

    private Chrony() {
    }

    public static List<Source> sources(World world, Host host) {
        return sources(world, host, 0);
    }

    private static List<Source> sources(World world, Host host, int depth) {
        List<Source> out = new ArrayList<>();
        if (!host.active("chronyd")) {
            return out;
        }
        String conf = host.loaded("chronyd").getOrDefault("/etc/chrony.conf", "");
        boolean selected = false;
        for (String line : conf.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length < 2 || !(w[0].equals("server") || w[0].equals("pool"))) {
                continue;
            }
            Optional<Integer> stratum = depth > 4 ? Optional.empty() : stratumOf(world, host, w[1], depth);
            if (stratum.isEmpty()) {
                out.add(new Source("^?", w[1], 0, 0));
            } else {
                out.add(new Source(selected ? "^+" : "^*", w[1], stratum.get(), 377));
                selected = true;
            }
        }
        return out;
    }

    /** The stratum this host gets from a server name, or empty when that server is unusable. */
    private static Optional<Integer> stratumOf(World world, Host client, String name, int depth) {
        Optional<String> ip = world.resolve(client, name);
        if (ip.isEmpty()) {
            // Not in /etc/hosts: a public name goes to the modelled internet; anything else does not resolve.
            return name.contains(".") && !name.matches("[\\d.]+") ? Optional.of(2) : Optional.empty();
        }
        Optional<Host> server = world.byAddress(ip.get());
        if (server.isEmpty()) {
            return isPrivate(ip.get()) ? Optional.empty() : Optional.of(1);
        }
        Host s = server.get();
        if (s == client || s.isDown() || !s.active("chronyd")) {
            return Optional.empty();
        }
        if (s.active("firewalld") && !Firewall.allows(s, 123)) {
            return Optional.empty();
        }
        String conf = s.loaded("chronyd").getOrDefault("/etc/chrony.conf", "");
        if (!allows(conf, client.address())) {
            return Optional.empty();
        }
        List<Source> upstream = sources(world, s, depth + 1);
        Optional<Integer> best = upstream.stream().filter(x -> x.reach > 0).map(Source::stratum).min(Integer::compare);
        if (best.isPresent()) {
            return Optional.of(best.get() + 1);
        }
        for (String line : conf.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length >= 3 && w[0].equals("local") && w[1].equals("stratum")) {
                return Optional.of(Integer.parseInt(w[2]) + 1);
            }
        }
        return Optional.empty();
    }

    public static boolean synced(World world, Host host) {
        return sources(world, host).stream().anyMatch(s -> s.state.equals("^*"));
    }

    /** Whether a chrony.conf lets a client address query it (allow lines: none = nobody, bare allow = all). */
    static boolean allows(String conf, String address) {
        for (String line : conf.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length == 0 || !w[0].equals("allow")) {
                continue;
            }
            if (w.length == 1 || w[1].equals("all") || Cidr.contains(w[1], address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrivate(String ip) {
        return ip.startsWith("10.") || ip.startsWith("192.168.") || ip.startsWith("127.")
                || ip.matches("172\\.(1[6-9]|2\\d|3[01])\\..*");
    }

    /** IPv4 CIDR membership (a bare address is a /32). */
    public static final class Cidr {
        private Cidr() {
        }

        public static boolean contains(String cidr, String address) {
            if (address == null) {
                return false;
            }
            String[] parts = cidr.split("/");
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            Long net = toLong(parts[0]);
            Long addr = toLong(address);
            return net != null && addr != null && (net & mask) == (addr & mask);
        }

        private static Long toLong(String ip) {
            String[] o = ip.split("\\.");
            if (o.length != 4) {
                return null;
            }
            long v = 0;
            for (String s : o) {
                v = (v << 8) | Integer.parseInt(s);
            }
            return v;
        }
    }
}

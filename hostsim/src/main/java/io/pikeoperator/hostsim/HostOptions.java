package io.pikeoperator.hostsim;

import java.util.Locale;

/**
 * One simulated host: its name, the loopback address and port its SSH server listens on, and what the machine
 * looks like (CPU flags, OS, memory, its management address as peers see it).
 *
 * @param name      host name (what `hostname` prints)
 * @param bindHost  loopback address to listen on (127.0.0.0/8 only)
 * @param port      SSH port (0 = any free port)
 * @param cpu       vmx, svm or none
 * @param os        centos-7 (default), debian-12, ...
 * @param memoryMiB total memory
 * @param address   management address written in configs (e.g. 10.0.0.11); never connected to
 */
public record HostOptions(String name, String bindHost, int port, String cpu, String os, long memoryMiB,
                          String address) {

    public HostOptions {
        if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException("invalid host name: " + name);
        }
        if (!bindHost.startsWith("127.")) {
            throw new IllegalArgumentException("the twin listens on loopback only, not " + bindHost);
        }
        if (!cpu.equals("vmx") && !cpu.equals("svm") && !cpu.equals("none")) {
            throw new IllegalArgumentException("cpu must be vmx, svm or none, not " + cpu);
        }
    }

    public static HostOptions of(String name, int port, String address) {
        return new HostOptions(name, "127.0.0.1", port, "none", "centos-7", 8192, address);
    }

    /**
     * Parses the command-line form {@code name=127.0.0.1:2201[,cpu=vmx][,os=debian-12][,memory=4096][,ip=10.0.0.31]}.
     * Without ip, hosts get 10.0.0.11, 10.0.0.31, 10.0.0.32, ... in the order given (controller first).
     */
    public static HostOptions parse(String spec, int index) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected NAME=ADDRESS:PORT[,key=value...], got " + spec);
        }
        String name = spec.substring(0, eq);
        String[] parts = spec.substring(eq + 1).split(",");
        int colon = parts[0].lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected ADDRESS:PORT in " + spec);
        }
        String cpu = "none";
        String os = "centos-7";
        long memory = 8192;
        String ip = index == 0 ? "10.0.0.11" : "10.0.0." + (30 + index);
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected key=value, got " + parts[i]);
            }
            switch (kv[0].toLowerCase(Locale.ROOT)) {
                case "cpu" -> cpu = kv[1];
                case "os" -> os = kv[1];
                case "memory" -> memory = Long.parseLong(kv[1]);
                case "ip" -> ip = kv[1];
                default -> throw new IllegalArgumentException("unknown host option " + kv[0]);
            }
        }
        return new HostOptions(name, parts[0].substring(0, colon), Integer.parseInt(parts[0].substring(colon + 1)),
                cpu, os, memory, ip);
    }
}

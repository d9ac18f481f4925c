package io.pikeoperator.hostsim;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The twin's command line (SPEC §6):
 * <pre>
 * java -jar pike-hostsim.jar --state-dir DIR --authorized-key KEY.pub \
 *      --host controller01=127.0.0.1:2201 --host computer01=127.0.0.1:2202,cpu=vmx [--latency-ms N] [--admin-port N]
 * </pre>
 * Prints {@code ready} when every host listens; runs until SIGTERM or SIGINT.
 */
public final class HostSim {

    private HostSim() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("log4j2.configurationFile", "pike-hostsim-log4j2.xml");
        PrintStream out = System.out;
        Path stateDir = null;
        Path key = null;
        long latency = 0;
        int adminPort = 0;
        List<HostOptions> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--state-dir" -> stateDir = Path.of(args[++i]);
                    case "--authorized-key" -> key = Path.of(args[++i]);
                    case "--host" -> hosts.add(HostOptions.parse(args[++i], hosts.size()));
                    case "--latency-ms" -> latency = Long.parseLong(args[++i]);
                    case "--admin-port" -> adminPort = Integer.parseInt(args[++i]);
                    case "-h", "--help" -> {
                        usage(out);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (stateDir == null || key == null || hosts.isEmpty()) {
                throw new IllegalArgumentException("--state-dir, --authorized-key and at least one --host are required");
            }
            if (!Files.isReadable(key)) {
                throw new IllegalArgumentException("cannot read the authorized key " + key);
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("pike-hostsim: " + (e.getMessage() == null ? "missing option value" : e.getMessage()));
            usage(System.err);
            System.exit(2);
            return;
        }
        Twin twin = Twin.start(stateDir, key, hosts);
        for (SimHost h : twin.hosts()) {
            h.faults().setLatency(Duration.ofMillis(latency));
        }
        AdminServer admin = new AdminServer(twin, adminPort);
        Files.writeString(stateDir.resolve("admin.url"), "http://127.0.0.1:" + admin.port() + "\n");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            admin.close();
            twin.close();
            stopped.countDown();
        }, "twin-shutdown"));
        System.err.println("pike-hostsim: admin interface on http://127.0.0.1:" + admin.port());
        out.println("ready");
        out.flush();
        stopped.await();
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: java -jar pike-hostsim.jar --state-dir DIR --authorized-key KEY.pub \\
                         --host NAME=127.0.0.1:PORT[,cpu=vmx|svm|none][,os=centos-7|debian-12][,memory=MIB][,ip=10.0.0.N] ...
                         [--latency-ms N] [--admin-port N]
                Simulated CentOS 7 hosts behind real SSH servers on loopback. Writes DIR/known_hosts and
                DIR/admin.url, prints 'ready' when every host listens, stops on SIGTERM/SIGINT.""");
    }
}

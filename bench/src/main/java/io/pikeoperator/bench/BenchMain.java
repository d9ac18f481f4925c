package io.pikeoperator.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code java -jar bench/target/pike-operator-bench.jar [options]}: the benchmarks of docs/benchmarks.md, on twin
 * hosts on loopback. Prints one Markdown table per scenario and writes bench-results/*.json and *.png.
 */
public final class BenchMain {

    static final String USAGE = """
            usage: java -jar bench/target/pike-operator-bench.jar [--smoke]
                   [--scenario converge,scale,noop,ansible,resync] [--runs R] [--latencies 0,20,50]
                   [--computes 1,10,25,50] [--scale-latency 50] [--ansible-latency 50] [--nodes 1000]
                   [--resync-seconds 900] [--out bench-results] [--work DIR]
              converge  full converge of 1 + 1 hosts against the critical-path bound, per latency
              scale     1 controller + N computes at --scale-latency, ratio to N = 1
              noop      the re-run of a converged cluster (every cluster the other scenarios converge)
              ansible   bench/ansible/pike.yml (ansible-playbook) and apply, on fresh 1 + 1 twin hosts
              resync    the operator (a JVM of its own) with 1 + --nodes hosts, converged; R full passes (an
                        operator restart each), a minute of resyncs every --resync-seconds: pass time,
                        API requests, CPU, heap after GC, threads
              --smoke   N = 1, one run, latency 0, resync with 3 nodes: every scenario quickly (CI)
            Needs root, gcc and ssh-keygen (the twin), jcmd (resync), and ansible-core for the ansible scenario.
            """;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("pike-operator-bench: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options == null) {
            out.print(USAGE);
            return 0;
        }
        try {
            return new Bench(options, out).run();
        } catch (Exception e) {
            err.println("pike-operator-bench: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** The command line, parsed. */
    record BenchOptions(Set<String> scenarios, int runs, List<Integer> latencies, List<Integer> computes,
                        int scaleLatency, int ansibleLatency, int nodes, int resyncSeconds, Path out, Path work,
                        boolean smoke) {

        static final Set<String> ALL = Set.of("converge", "scale", "noop", "ansible", "resync");

        /** Null for --help. */
        static BenchOptions parse(String[] args) {
            Set<String> scenarios = ALL;
            Integer runs = null;
            List<Integer> latencies = null;
            List<Integer> computes = null;
            Integer scaleLatency = null;
            Integer ansibleLatency = null;
            Integer nodes = null;
            Integer resyncSeconds = null;
            Path out = Path.of("bench-results");
            Path work = null;
            boolean smoke = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--smoke" -> smoke = true;
                    case "--scenario" -> {
                        scenarios = Set.copyOf(Arrays.asList(value(args, ++i).split(",")));
                        if (!ALL.containsAll(scenarios)) {
                            throw new IllegalArgumentException("unknown scenario in " + args[i]);
                        }
                    }
                    case "--runs" -> runs = positive(value(args, ++i));
                    case "--latencies" -> latencies = ints(value(args, ++i));
                    case "--computes" -> computes = ints(value(args, ++i));
                    case "--scale-latency" -> scaleLatency = Integer.parseInt(value(args, ++i));
                    case "--ansible-latency" -> ansibleLatency = Integer.parseInt(value(args, ++i));
                    case "--nodes" -> nodes = positive(value(args, ++i));
                    case "--resync-seconds" -> resyncSeconds = positive(value(args, ++i));
                    case "--out" -> out = Path.of(value(args, ++i));
                    case "--work" -> work = Path.of(value(args, ++i));
                    case "-h", "--help" -> {
                        return null;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new BenchOptions(scenarios, runs != null ? runs : smoke ? 1 : 3,
                    latencies != null ? latencies : smoke ? List.of(0) : List.of(0, 20, 50),
                    computes != null ? computes : smoke ? List.of(1) : List.of(1, 10, 25, 50),
                    scaleLatency != null ? scaleLatency : smoke ? 0 : 50,
                    ansibleLatency != null ? ansibleLatency : smoke ? 0 : 50, nodes != null ? nodes : smoke ? 3 : 1000,
                    resyncSeconds != null ? resyncSeconds : smoke ? 5 : 900, out, work, smoke);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static int positive(String s) {
            int n = Integer.parseInt(s);
            if (n < 1) {
                throw new IllegalArgumentException("expected a positive number, got " + s);
            }
            return n;
        }

        private static List<Integer> ints(String s) {
            return Arrays.stream(s.split(",")).map(Integer::parseInt).collect(Collectors.toList());
        }
    }
}

package io.pikeoperator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Runs the chosen scenarios, prints their tables and writes bench-results/&lt;scenario&gt;.json and .png. */
final class Bench {

    /** A converge and the no-op re-run right after it, on one fresh cluster. */
    record Pair(ConvergeRun converge, ConvergeRun noop) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final BenchMain.BenchOptions options;
    private final PrintStream out;
    private final Path work;
    /** Measured clusters, by "computes@latency": the scenarios share them (scale N = 1 is converge at its latency). */
    private final Map<String, List<Pair>> measured = new LinkedHashMap<>();
    private final Map<String, Object> machine;
    private int clusters;

    Bench(BenchMain.BenchOptions options, PrintStream out) throws IOException {
        this.options = options;
        this.out = out;
        this.work = options.work() != null ? options.work() : Files.createTempDirectory(Path.of("/tmp"), "pike-bench-");
        this.machine = Machine.describe();
    }

    int run() throws Exception {
        Files.createDirectories(options.out());
        out.println("machine: " + machine);
        // each scenario's table is printed and written as soon as it is done: a long run that is stopped keeps them
        if (options.scenarios().contains("converge")) {
            publish(converge());
        }
        if (options.scenarios().contains("ansible")) {
            publish(ansible());
        }
        if (options.scenarios().contains("scale")) {
            publish(scale());
        }
        if (options.scenarios().contains("resync")) {
            publish(resync());
        }
        if (options.scenarios().contains("noop")) {
            if (measured.isEmpty()) {
                measure(1, options.latencies().get(0));
            }
            publish(noop());
        }
        out.println();
        out.println("results in " + options.out().toAbsolutePath());
        Machine.deleteTree(options.work() == null ? work : null);
        return 0;
    }

    private void publish(Table t) throws IOException {
        out.println();
        out.print(t.markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", t.name);
        json.put("title", t.title);
        json.put("finished", Instant.now().toString());
        json.put("machine", machine);
        json.put("loadAverageNow", Machine.describe().get("loadAverage"));
        json.put("runsPerFigure", options.runs());
        json.put("columns", t.columns);
        json.put("cells", t.rows);
        json.put("rows", t.data);
        JSON.writeValue(options.out().resolve(t.name + ".json").toFile(), json);
    }

    private Table converge() throws Exception {
        Table t = new Table("converge", "Full converge of 1 controller + 1 compute against the critical-path bound",
                "latency", "wall time (s)", "bound (s)", "wall / bound", "execs controller", "execs compute");
        List<Summary> walls = new ArrayList<>();
        List<Summary> bounds = new ArrayList<>();
        for (int latency : options.latencies()) {
            List<ConvergeRun> runs = converges(measure(1, latency));
            Summary wall = Summary.of(runs, ConvergeRun::wallSeconds);
            Summary bound = Summary.of(runs, ConvergeRun::boundSeconds);
            walls.add(wall);
            bounds.add(bound);
            t.add(figures(Map.of("latencyMs", latency, "computes", 1), runs, Map.of("wallSeconds", ConvergeRun::wallSeconds,
                            "boundSeconds", ConvergeRun::boundSeconds, "ratioToBound", ConvergeRun::ratioToBound,
                            "controllerExecs", ConvergeRun::controllerExecs, "computeExecs", ConvergeRun::computeExecsMedian)),
                    latency + " ms", wall.text("%.1f"), bound.text("%.1f"),
                    Summary.of(runs, ConvergeRun::ratioToBound).text("%.2f"),
                    Summary.of(runs, ConvergeRun::controllerExecs).text("%.0f"),
                    Summary.of(runs, ConvergeRun::computeExecsMedian).text("%.0f"));
        }
        Plots.bars(options.out().resolve("converge.png"), "Full converge vs critical-path bound (1 + 1 hosts)",
                "latency per SSH command", "seconds", options.latencies().stream().map(l -> l + " ms").toList(),
                List.of(new Plots.Series("apply wall time", walls), new Plots.Series("critical-path bound", bounds)));
        return t;
    }

    private Table scale() throws Exception {
        int latency = options.scaleLatency();
        Table t = new Table("scale", "Scale-out: 1 controller + N computes at " + latency + " ms per command",
                "N", "wall time (s)", "ratio to N = 1", "bound (s)", "compute start spread (s)", "compute span (s)",
                "compute twin work (s)", "controller tail (s)");
        double base = Double.NaN;
        List<Summary> walls = new ArrayList<>();
        List<Summary> bounds = new ArrayList<>();
        for (int n : options.computes()) {
            List<ConvergeRun> runs = converges(measure(n, latency));
            Summary wall = Summary.of(runs, ConvergeRun::wallSeconds);
            if (Double.isNaN(base)) {
                base = wall.median();
            }
            double b = base;
            walls.add(wall);
            bounds.add(Summary.of(runs, ConvergeRun::boundSeconds));
            t.add(figures(Map.of("computes", n, "latencyMs", latency, "ratioToFirst", wall.median() / b), runs,
                            Map.of("wallSeconds", ConvergeRun::wallSeconds, "boundSeconds", ConvergeRun::boundSeconds,
                                    "computeStartSpreadSeconds", ConvergeRun::computeStartSpreadSeconds,
                                    "computeSpanMedianSeconds", ConvergeRun::computeSpanMedianSeconds,
                                    "computeExecutionMedianSeconds", ConvergeRun::computeExecutionMedianSeconds,
                                    "controllerTailSeconds", ConvergeRun::controllerTailSeconds)),
                    String.valueOf(n), wall.text("%.1f"), String.format(java.util.Locale.ROOT, "%.2f", wall.median() / b),
                    Summary.of(runs, ConvergeRun::boundSeconds).text("%.1f"),
                    Summary.of(runs, ConvergeRun::computeStartSpreadSeconds).text("%.1f"),
                    Summary.of(runs, ConvergeRun::computeSpanMedianSeconds).text("%.1f"),
                    Summary.of(runs, ConvergeRun::computeExecutionMedianSeconds).text("%.1f"),
                    Summary.of(runs, ConvergeRun::controllerTailSeconds).text("%.1f"));
        }
        Plots.lines(options.out().resolve("scale.png"), "Scale-out at " + latency + " ms per command",
                "computes (N)", "seconds", options.computes(),
                List.of(new Plots.Series("apply wall time", walls), new Plots.Series("critical-path bound", bounds)));
        return t;
    }

    private Table noop() throws Exception {
        Table t = new Table("noop", "No-op re-run of a converged cluster", "cluster", "latency", "wall time (s)",
                "round trips controller", "round trips per compute");
        List<String> names = new ArrayList<>();
        List<Summary> walls = new ArrayList<>();
        for (Map.Entry<String, List<Pair>> e : measured.entrySet()) {
            List<ConvergeRun> runs = e.getValue().stream().map(Pair::noop).toList();
            ConvergeRun first = runs.get(0);
            String name = "1 + " + first.computes();
            Summary wall = Summary.of(runs, ConvergeRun::wallSeconds);
            names.add(name + " @ " + first.latencyMs() + " ms");
            walls.add(wall);
            t.add(figures(Map.of("computes", first.computes(), "latencyMs", first.latencyMs()), runs,
                            Map.of("wallSeconds", ConvergeRun::wallSeconds, "controllerExecs", ConvergeRun::controllerExecs,
                                    "computeExecs", ConvergeRun::computeExecsMedian)),
                    name, first.latencyMs() + " ms", wall.text("%.2f"),
                    Summary.of(runs, ConvergeRun::controllerExecs).text("%.0f"),
                    Summary.of(runs, ConvergeRun::computeExecsMedian).text("%.0f"));
        }
        Plots.bars(options.out().resolve("noop.png"), "No-op re-run", "cluster", "seconds", names,
                List.of(new Plots.Series("apply wall time", walls)));
        return t;
    }

    private Table ansible() throws Exception {
        int latency = options.ansibleLatency();
        Table t = new Table("ansible", "Side by side with Ansible: 1 controller + 1 compute at " + latency
                + " ms per command", "tool", "run", "wall time (s)", "round trips controller", "round trips compute", "exit");
        if (!AnsiblePlaybook.available()) {
            throw new IllegalStateException("ansible-playbook is not on the PATH (Debian: apt-get install ansible-core)");
        }
        List<Pair> ansible = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            try (TwinCluster cluster = new TwinCluster(work.resolve("ansible-" + r), 1, latency);
                 AnsiblePlaybook playbook = new AnsiblePlaybook(cluster)) {
                ConvergeRun first = playbook.run(1);
                if (first.exit() != 0) {
                    throw new IllegalStateException("ansible-playbook failed (" + first.exit() + "):\n" + tail(playbook.log(1)));
                }
                ConvergeRun again = playbook.run(2);
                if (again.exit() != 0) {
                    throw new IllegalStateException("ansible-playbook re-run failed:\n" + tail(playbook.log(2)));
                }
                ansible.add(new Pair(first, again));
            }
            Machine.deleteTree(work.resolve("ansible-" + r));
        }
        List<Pair> operator = measure(1, latency);
        List<Summary> converge = new ArrayList<>();
        List<Summary> noop = new ArrayList<>();
        for (String tool : List.of("ansible-playbook", "pike-operator apply")) {
            List<Pair> pairs = tool.startsWith("ansible") ? ansible : operator;
            for (String phase : List.of("first converge", "no-op re-run")) {
                List<ConvergeRun> runs = pairs.stream().map(p -> phase.startsWith("first") ? p.converge() : p.noop()).toList();
                Summary wall = Summary.of(runs, ConvergeRun::wallSeconds);
                (phase.startsWith("first") ? converge : noop).add(wall);
                t.add(figures(Map.of("tool", tool, "phase", phase, "latencyMs", latency), runs,
                                Map.of("wallSeconds", ConvergeRun::wallSeconds, "controllerExecs", ConvergeRun::controllerExecs,
                                        "computeExecs", ConvergeRun::computeExecsMedian)),
                        tool, phase, wall.text("%.1f"), Summary.of(runs, ConvergeRun::controllerExecs).text("%.0f"),
                        Summary.of(runs, ConvergeRun::computeExecsMedian).text("%.0f"),
                        String.valueOf(runs.stream().mapToInt(ConvergeRun::exit).max().orElse(0)));
            }
        }
        Plots.bars(options.out().resolve("ansible.png"), "Ansible vs pike-operator (1 + 1 hosts, " + latency + " ms)",
                "tool", "seconds", List.of("ansible-playbook", "pike-operator apply"),
                List.of(new Plots.Series("first converge", converge), new Plots.Series("no-op re-run", noop)));
        return t;
    }

    private Table resync() throws Exception {
        int n = options.nodes();
        Table t = new Table("resync", "One operator, 1 controller + " + n + " ComputeNodes, converged (CRUD mock API server)",
                "computes", "full pass (s)", "API requests, full pass", "operator CPU, full pass (s)", "resync period (s)",
                "steady state: execs / API requests / operator CPU (s) per minute", "heap after GC (MiB)",
                "threads (OS / Java)", "first pass (s)");
        Path dir = work.resolve("resync-" + n);
        ResyncScale.Result r;
        try (ResyncScale scale = new ResyncScale(dir, n, java.time.Duration.ofSeconds(options.resyncSeconds()), out)) {
            r = scale.run(options.runs());
        }
        Machine.deleteTree(dir);
        List<ResyncScale.Pass> full = r.fullPasses();
        Summary time = Summary.of(full, ResyncScale.Pass::seconds);
        Summary requests = Summary.of(full, ResyncScale.Pass::requests);
        Summary cpu = Summary.of(full, ResyncScale.Pass::operatorCpuSeconds);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("computes", n);
        row.put("apiServer", "fabric8 CRUD mock, in the benchmark's JVM");
        row.put("fullPassSeconds", time);
        row.put("fullPassApiRequests", requests);
        row.put("fullPassOperatorCpuSeconds", cpu);
        row.put("fullPasses", full);
        row.put("resyncSeconds", r.resyncSeconds());
        row.put("steadyMinute", r.steadyMinute());
        row.put("heapAfterGcMiB", r.heapAfterGcMiB());
        row.put("threadsOs", r.threads());
        row.put("threadsJava", r.javaThreads());
        row.put("setupSeconds", r.setupSeconds());
        row.put("firstPassSeconds", r.convergeSeconds());
        t.add(row, String.valueOf(n), time.text("%.1f"), requests.text("%.0f"), cpu.text("%.1f"),
                String.valueOf(r.resyncSeconds()), String.format(java.util.Locale.ROOT, "%d / %d / %.1f",
                        r.steadyMinute().execs(), r.steadyMinute().requests(), r.steadyMinute().operatorCpuSeconds()),
                String.format(java.util.Locale.ROOT, "%.0f", r.heapAfterGcMiB()), r.threads() + " / " + r.javaThreads(),
                String.format(java.util.Locale.ROOT, "%.0f", r.convergeSeconds()));
        List<String> names = new ArrayList<>();
        full.forEach(p -> names.add("full pass " + (names.size() + 1)));
        names.add("a minute of resyncs");
        List<ResyncScale.Pass> all = new ArrayList<>(full);
        all.add(r.steadyMinute());
        Plots.bars(options.out().resolve("resync.png"), "1 + " + n + " hosts in one operator", "pass", "seconds", names,
                List.of(new Plots.Series("pass time", all.stream().map(p -> Summary.of(List.of(p.seconds()))).toList()),
                        new Plots.Series("operator CPU", all.stream().map(p -> Summary.of(List.of(p.operatorCpuSeconds()))).toList())));
        return t;
    }

    /** Fresh clusters of 1 + computes at latency, each converged then re-run: as many as --runs, measured once. */
    private List<Pair> measure(int computes, int latency) throws Exception {
        String key = computes + "@" + latency;
        if (measured.containsKey(key)) {
            return measured.get(key);
        }
        List<Pair> pairs = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            Path dir = work.resolve("cluster-" + (++clusters));
            try (TwinCluster cluster = new TwinCluster(dir, computes, latency)) {
                ConvergeRun converge = cluster.apply();
                if (converge.exit() != 0) {
                    throw new IllegalStateException("apply did not converge 1 + " + computes + " hosts:\n" + tail(cluster.lastOutput()));
                }
                ConvergeRun noop = cluster.apply();
                if (noop.exit() != 0) {
                    throw new IllegalStateException("the re-run of apply failed:\n" + tail(cluster.lastOutput()));
                }
                pairs.add(new Pair(converge, noop));
                out.printf(java.util.Locale.ROOT, "1 + %d hosts @ %d ms, run %d: converge %.1f s (bound %.1f s), no-op %.2f s%n",
                        computes, latency, r + 1, converge.wallSeconds(), converge.boundSeconds(), noop.wallSeconds());
            }
            Machine.deleteTree(dir);
        }
        measured.put(key, pairs);
        return pairs;
    }

    private static List<ConvergeRun> converges(List<Pair> pairs) {
        return pairs.stream().map(Pair::converge).toList();
    }

    /** A row's JSON: its keys, a summary (median, min, max) of each named figure, and the single runs. */
    private static Map<String, Object> figures(Map<String, Object> keys, List<ConvergeRun> runs,
                                               Map<String, ToDoubleFunction<ConvergeRun>> named) {
        Map<String, Object> row = new LinkedHashMap<>(new java.util.TreeMap<>(keys));
        named.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> row.put(e.getKey(), Summary.of(runs, e.getValue())));
        row.put("runs", runs);
        return row;
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }
}

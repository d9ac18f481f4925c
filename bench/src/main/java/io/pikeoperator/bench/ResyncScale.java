package io.pikeoperator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ComputeNodeStatus;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NovaServiceRef;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.config.HostsFile;
import io.pikeoperator.demo.CrudApiServer;
import io.pikeoperator.hostsim.CommandLog;
import io.pikeoperator.hostsim.HostOptions;
import io.pikeoperator.hostsim.SimHost;
import io.pikeoperator.hostsim.Twin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Many ComputeNodes in one operator: the operator ({@link OperatorProcess}, a JVM of its own) against the CRUD mock
 * API server and twin hosts, converged, then measured. A full pass is an operator restart, which queues every node at
 * once: from the start of its JVM to the end of the last host's check, with the API requests and CPU it took. Then
 * a minute of the running operator (each node rechecks itself a resync period after its last pass, so these spread
 * out): its API requests, CPU and execs. Last, the operator's heap after a full GC and its threads.
 *
 * <p>The twin hosts are made cheaply, not lighter: one compute is converged by {@code apply}, then its state
 * (files, model, units as loaded) is copied to the others with name and address replaced and a host key of their
 * own; each still runs behind its own SSH server. Their nova-compute services report and are mapped into cell1 by
 * the guide's commands on the controller, and their ComputeNodes are created with the discovery the operator
 * records (see {@link #recordDiscovery}), and every /etc/hosts lists every host ({@link #listEveryHost}). The
 * operator's first pass checks them all and writes their status; then the passes are measured.
 */
final class ResyncScale implements AutoCloseable {

    /** A pass over every host: its time, API requests by kind, the operator's CPU (a restarted JVM's includes its start), execs. */
    record Pass(double seconds, int requests, Map<String, Integer> byKind, double operatorCpuSeconds, int execs) {
    }

    /** What one measurement found. */
    record Result(int computes, int resyncSeconds, double setupSeconds, double convergeSeconds, List<Pass> fullPasses,
                  Pass steadyMinute, double heapAfterGcMiB, int threads, int javaThreads) {
    }

    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "default";
    /** The window of the steady-state figures. */
    static final Duration STEADY = Duration.ofMinutes(1);

    private final Path dir;
    private final int computes;
    private final Duration resync;
    private final PrintStream out;
    private Twin twin;
    private KubernetesMockServer server;
    private KubernetesClient client;
    private OperatorProcess operator;

    ResyncScale(Path dir, int computes, Duration resync, PrintStream out) {
        this.dir = dir;
        this.computes = computes;
        this.resync = resync;
        this.out = out;
    }

    Result run(int passes) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        long t0 = System.nanoTime();
        String network = "10.0.0.0/16";
        try (TwinCluster base = new TwinCluster(dir.resolve("base"), 1, 0, network)) {
            ConvergeRun first = base.apply();
            if (first.exit() != 0) {
                throw new IllegalStateException("apply did not converge the first compute");
            }
        }
        Path stateDir = dir.resolve("base/twin");
        List<HostOptions> hosts = TwinCluster.hosts(computes);
        HostOptions original = hosts.get(1);
        for (HostOptions h : hosts.subList(2, hosts.size())) {
            cloneHost(stateDir.resolve(original.name()), original, stateDir.resolve(h.name()), h);
        }
        listEveryHost(stateDir, hosts);
        twin = Twin.start(stateDir, dir.resolve("base/id_ed25519.pub"), hosts);
        Map<String, String> services = registerAndDiscover();
        server = CrudApiServer.start();
        client = server.createClient();
        for (HasMetadata o : objects(TwinCluster.manifest(twin, Files.readString(dir.resolve("base/id_ed25519")), network),
                TwinCluster.passwordsFile(dir.resolve("base")))) {
            o.getMetadata().setNamespace(NS);
            HasMetadata created = client.resource(o).create();
            if (created instanceof ComputeNode node) {
                recordDiscovery(node, services);
            }
        }
        double setup = seconds(t0);
        out.printf(java.util.Locale.ROOT, "1 + %d hosts: twin and API ready in %.0f s; the operator converges them%n", computes, setup);
        long t1 = System.nanoTime();
        operator = OperatorProcess.start(client.getMasterUrl().toString(), resync, dir.resolve("operator.log"));
        waitFor(Duration.ofHours(2), Duration.ofSeconds(30), this::ready, () -> progress(t1));
        double converge = seconds(t1);
        out.printf(java.util.Locale.ROOT, "1 + %d hosts Ready in %.0f s; %d full passes (operator restarts), then a minute "
                + "of resyncs every %d s%n", computes, converge, passes, resync.toSeconds());
        List<Pass> full = new ArrayList<>();
        for (int p = 1; p <= passes; p++) {
            // a restart queues every node at once: the pass a resync period spreads out, done as fast as it can be
            operator.close();
            settle();
            drainRequests();
            Map<String, Integer> before = marks();
            Instant started = Instant.now();
            operator = OperatorProcess.start(client.getMasterUrl().toString(), resync, dir.resolve("operator-" + p + ".log"));
            waitFor(resync.plusMinutes(30), Duration.ofSeconds(30), () -> everyHostRan(before, 1), () -> { });
            settle();
            full.add(pass(before, started, drainRequests(), cpuSeconds()));
            report("full pass " + p, full.get(full.size() - 1));
        }
        // then a minute of the running operator, its nodes' resyncs spread out over their period
        Map<String, Integer> before = marks();
        drainRequests();
        double cpu = cpuSeconds();
        Thread.sleep(STEADY.toMillis());
        Pass steady = pass(before, null, drainRequests(), cpuSeconds() - cpu);
        report("a minute of resyncs", steady);
        Jvm jvm = Jvm.of(operator.pid());
        return new Result(computes, (int) resync.toSeconds(), setup, converge, full, steady, jvm.heapAfterGcMiB(),
                jvm.threads(), jvm.javaThreads());
    }

    private void report(String what, Pass p) {
        out.printf(java.util.Locale.ROOT, "  %s: %.1f s, %d execs, %d API requests %s, operator CPU %.1f s%n", what,
                p.seconds(), p.execs(), p.requests(), p.byKind(), p.operatorCpuSeconds());
    }

    private Map<String, Integer> marks() {
        Map<String, Integer> marks = new LinkedHashMap<>();
        twin.hosts().forEach(h -> marks.put(h.name(), h.commandLog().size()));
        return marks;
    }

    private boolean everyHostRan(Map<String, Integer> marks, int execs) {
        if (!operator.alive()) {
            throw new IllegalStateException("the operator exited; see its log in " + dir);
        }
        return twin.hosts().stream().allMatch(h -> h.commandLog().size() >= marks.get(h.name()) + execs);
    }

    /**
     * A pass as the hosts' command logs saw it: every exec since {@code marks}, from {@code started} (null: the first
     * of them) to the end of the last.
     */
    private Pass pass(Map<String, Integer> marks, Instant started, Map<String, Integer> byKind, double cpu) {
        Instant first = started;
        Instant last = null;
        int execs = 0;
        for (SimHost h : twin.hosts()) {
            List<CommandLog.Entry> all = h.commandLog().entries();
            for (CommandLog.Entry e : all.subList(marks.get(h.name()), all.size())) {
                Instant end = e.time().plusMillis(e.durationMs());
                first = first == null || e.time().isBefore(first) ? e.time() : first;
                last = last == null || end.isAfter(last) ? end : last;
                execs++;
            }
        }
        int requests = byKind.values().stream().mapToInt(Integer::intValue).sum();
        return new Pass(last == null ? 0 : (last.toEpochMilli() - first.toEpochMilli()) / 1000.0, requests, byKind, cpu, execs);
    }

    /**
     * The guide's own commands, run on the controller as its admin would: the copied computes report (the twin's
     * nova-compute heartbeat runs with each nova-manage and openstack command) and are mapped into cell1. Returns
     * each host's nova-compute service id.
     */
    private Map<String, String> registerAndDiscover() throws IOException, InterruptedException {
        SimHost controller = twin.host(TwinCluster.CONTROLLER);
        run(controller, "su -s /bin/sh -c 'nova-manage cell_v2 discover_hosts --verbose' nova");
        Map<String, String> ids = new TreeMap<>();
        run(controller, ". /root/admin_openrc && openstack compute service list --service nova-compute -f value -c ID -c Host")
                .lines().map(l -> l.strip().split("\\s+")).filter(f -> f.length == 2).forEach(f -> ids.put(f[1], f[0]));
        if (ids.size() != computes) {
            throw new IllegalStateException("expected " + computes + " nova-compute services, the controller lists " + ids.size());
        }
        return ids;
    }

    private static String run(SimHost host, String command) throws IOException, InterruptedException {
        Process p = host.sandbox().exec(command, Map.of());
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(host.name() + ": " + command + " failed:\n" + text + err);
        }
        return text;
    }

    /**
     * What the operator records once a compute is discovered (discovered, CellDiscovery, its service id), so that it
     * takes the node as a restarted operator would: it skips the first discovery, one controller round trip per new
     * compute (measured in docs/benchmarks.md; about an hour for 1,000 new computes on this machine).
     */
    private void recordDiscovery(ComputeNode node, Map<String, String> services) {
        String host = node.getSpec().hostname;
        ComputeNodeStatus status = new ComputeNodeStatus();
        status.discovered = true;
        status.novaService = new NovaServiceRef(host, services.get(host));
        status.conditions = new ArrayList<>(List.of(new ConditionBuilder().withType(ConditionTypes.CELL_DISCOVERY)
                .withStatus("True").withReason("Discovered").withMessage(host + " is up in Nova and mapped into cell1")
                .withLastTransitionTime(Instant.now().toString()).build()));
        node.setStatus(status);
        client.resource(node).updateStatus();
    }

    private boolean ready() {
        if (!operator.alive()) {
            throw new IllegalStateException("the operator exited; see " + dir.resolve("operator.log"));
        }
        PikeCluster c = client.resources(PikeCluster.class).inNamespace(NS).withName("pike").get();
        if (c == null || c.getStatus() == null || c.getStatus().phase != Phase.Ready) {
            return false;
        }
        return client.resources(ComputeNode.class).inNamespace(NS).list().getItems().stream().allMatch(n ->
                n.getStatus() != null && n.getStatus().phase == Phase.Ready && Boolean.TRUE.equals(n.getStatus().discovered));
    }

    private void progress(long t0) {
        List<ComputeNode> nodes = client.resources(ComputeNode.class).inNamespace(NS).list().getItems();
        long ready = nodes.stream().filter(n -> n.getStatus() != null && n.getStatus().phase == Phase.Ready).count();
        long discovered = nodes.stream().filter(n -> n.getStatus() != null && Boolean.TRUE.equals(n.getStatus().discovered)).count();
        out.printf(java.util.Locale.ROOT, "  %.0f s: %d of %d computes Ready, %d discovered%n", seconds(t0), ready,
                nodes.size(), discovered);
    }

    /** Waits until the API server has had no request for two seconds (at most a minute). */
    private void settle() throws InterruptedException {
        int last = server.getRequestCount();
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(2)) {
            Thread.sleep(200);
            int now = server.getRequestCount();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    /** The requests recorded since the last call, by method and what they touched (status, events, watches ...). */
    private Map<String, Integer> drainRequests() throws InterruptedException {
        Map<String, Integer> byKind = new TreeMap<>();
        RecordedRequest r;
        while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            byKind.merge(kind(r.getMethod(), r.getPath()), 1, Integer::sum);
        }
        return byKind;
    }

    static String kind(String method, String path) {
        String p = path == null ? "" : path;
        String what = p.contains("watch=true") ? "watch" : p.contains("/events") ? "events" : p.contains("/status") ? "status"
                : p.contains("/secrets") ? "secrets" : p.contains("/leases") ? "leases" : "objects";
        return method + " " + what;
    }

    /** The operator process's CPU time (user + system), from /proc. */
    private double cpuSeconds() throws IOException {
        String[] f = Files.readString(Path.of("/proc/" + operator.pid() + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
        // fields after the command: state is [0], utime [11], stime [12], in clock ticks (100 per second on Linux)
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /**
     * A copy of a converged host's state for another host: its files, model (packages, units and what they loaded)
     * with the host name and address replaced; no command log, no host key (a new one is made at start).
     */
    static void cloneHost(Path from, HostOptions fromHost, Path to, HostOptions toHost) throws IOException {
        Map<String, String> replace = new LinkedHashMap<>();
        replace.put(fromHost.name(), toHost.name());
        replace.put(fromHost.address(), toHost.address());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path src : files.toList()) {
                Path rel = from.relativize(src);
                String first = rel.getNameCount() == 0 ? "" : rel.getName(0).toString();
                if (Set.of("commands.jsonl", "argv.jsonl", "ssh_host_ed25519_key", "ssh_host_ed25519_key.pub").contains(first)) {
                    continue;
                }
                Path dst = to.resolve(rel.toString());
                if (Files.isSymbolicLink(src)) {
                    Files.createSymbolicLink(dst, Files.readSymbolicLink(src));
                } else if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst);
                } else if (Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
                    copy(src, dst, replace);
                }
                // sockets and other special files belong to the running twin: it makes its own
            }
        }
    }

    private static void copy(Path src, Path dst, Map<String, String> replace) throws IOException {
        byte[] bytes = Files.readAllBytes(src);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        String replaced = text;
        for (Map.Entry<String, String> e : replace.entrySet()) {
            // whole words only: 10.0.0.101 is not part of 10.0.0.1010, compute001 not of compute0010
            replaced = replaced.replaceAll("(?<![\\w.])" + Pattern.quote(e.getKey()) + "(?![\\w])",
                    Matcher.quoteReplacement(e.getValue()));
        }
        // owner, group and mode as they were (nova.conf is root:nova 0640: the operator checks all three)
        Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
        if (!replaced.equals(text)) {
            Files.writeString(dst, replaced);
        }
    }

    /**
     * Every host's /etc/hosts lists them all, as the operator writes it ({@link HostsFile#ensure}): the copies' first
     * pass then finds the file converged, and the operator's first pass is a check of every host, not 3,000 writes.
     */
    static void listEveryHost(Path stateDir, List<HostOptions> hosts) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        hosts.forEach(h -> entries.put(h.name(), h.address()));
        for (HostOptions h : hosts) {
            Path file = stateDir.resolve(h.name()).resolve("root/etc/hosts");
            Files.writeString(file, HostsFile.ensure(Files.readString(file), entries));
        }
    }

    /** The manifest's objects, its empty passwords Secret replaced by the one {@code apply} converged the hosts with. */
    static List<HasMetadata> objects(String manifest, Path passwordsFile) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode passwords = yaml.readTree(passwordsFile.toFile());
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : yaml.readerFor(JsonNode.class).<JsonNode>readValues(manifest).readAll()) {
            switch (doc.path("kind").asText()) {
                case "Secret" -> {
                    if (doc.path("metadata").path("name").asText().equals("pike-passwords")) {
                        ((ObjectNode) doc).set("stringData", passwords.path("stringData"));
                    }
                    objects.add(JSON.treeToValue(doc, Secret.class));
                }
                case "PikeCluster" -> objects.add(JSON.treeToValue(doc, PikeCluster.class));
                case "ControllerNode" -> objects.add(JSON.treeToValue(doc, ControllerNode.class));
                case "ComputeNode" -> objects.add(JSON.treeToValue(doc, ComputeNode.class));
                default -> throw new IllegalArgumentException("unexpected kind in the manifest: " + doc.path("kind").asText());
            }
        }
        return objects;
    }

    private static void waitFor(Duration timeout, Duration report, BooleanSupplier done, Runnable progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + report.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done after " + timeout.toSeconds() + " s");
            }
            if (System.nanoTime() > nextReport) {
                progress.run();
                nextReport = System.nanoTime() + report.toNanos();
            }
            Thread.sleep(500);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    @Override
    public void close() {
        if (operator != null) {
            operator.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
        if (twin != null) {
            twin.close();
        }
    }

    /** The operator JVM's heap after a full GC and its threads, through jcmd and /proc. */
    record Jvm(double heapAfterGcMiB, int threads, int javaThreads) {

        static Jvm of(long pid) throws IOException, InterruptedException {
            jcmd(pid, "GC.run");
            String heap = jcmd(pid, "GC.heap_info");
            Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(heap);
            if (!m.find()) {
                throw new IllegalStateException("no heap figure in jcmd GC.heap_info:\n" + heap);
            }
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring(8).strip());
                }
            }
            int javaThreads = (int) jcmd(pid, "Thread.print").lines().filter(l -> l.startsWith("\"")).count();
            return new Jvm(Long.parseLong(m.group(1)) / 1024.0, threads, javaThreads);
        }

        private static String jcmd(long pid, String command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed:\n" + text);
            }
            return text;
        }
    }
}

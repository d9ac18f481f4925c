package io.pikeoperator.bench;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pikeoperator.cli.Main;
import io.pikeoperator.demo.DemoCluster;
import io.pikeoperator.hostsim.CommandLog;
import io.pikeoperator.hostsim.HostOptions;
import io.pikeoperator.hostsim.SimHost;
import io.pikeoperator.hostsim.Twin;
import io.pikeoperator.plan.Passwords;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fresh twin hosts on loopback, one controller and N computes with a per-command latency, and the example cluster
 * pointed at them. Runs {@code pike-operator apply} in this JVM (the engine, not a subprocess) and reads what each
 * run cost from the twin's command logs.
 */
final class TwinCluster implements AutoCloseable {

    static final String CONTROLLER = "controller01";

    final Path dir;
    final Twin twin;
    final Path key;
    final long latencyMs;
    private final Path manifest;
    private final Map<String, Integer> marks = new HashMap<>();
    private String lastOutput = "";

    TwinCluster(Path dir, int computes, long latencyMs) throws IOException, InterruptedException {
        this(dir, computes, latencyMs, null);
    }

    /** As above, with the cluster's spec.managementNetwork set to {@code network} (null: the example's 10.0.0.0/24). */
    TwinCluster(Path dir, int computes, long latencyMs, String network) throws IOException, InterruptedException {
        this.dir = dir;
        this.latencyMs = latencyMs;
        Files.createDirectories(dir);
        this.key = DemoCluster.keyPair(dir);
        this.twin = Twin.start(dir.resolve("twin"), dir.resolve("id_ed25519.pub"), hosts(computes));
        twin.hosts().forEach(h -> h.faults().setLatency(Duration.ofMillis(latencyMs)));
        this.manifest = dir.resolve("pikecluster.yaml");
        Files.writeString(manifest, manifest(twin, Files.readString(key), network));
        writePasswords(passwordsFile(dir));
    }

    /** The example manifest pointed at {@code twin}, its management network replaced when {@code network} is given. */
    static String manifest(Twin twin, String privateKey, String network) throws IOException {
        String yaml = DemoCluster.manifest(twin, privateKey);
        if (network == null) {
            return yaml;
        }
        java.util.regex.Matcher example = java.util.regex.Pattern.compile("(?m)^(\\s*managementNetwork: )\"?10\\.0\\.0\\.0/24\"?$")
                .matcher(yaml);
        if (!example.find()) {
            throw new IllegalStateException("the example manifest no longer says managementNetwork: 10.0.0.0/24");
        }
        return example.replaceFirst("$1\"" + network + "\"");
    }

    /** The passwords Secret {@code apply} reads beside the manifest. */
    static Path passwordsFile(Path dir) {
        return dir.resolve("pikecluster.passwords.yaml");
    }

    /**
     * Every password given, in the file {@code apply} reads beside the manifest: so the first apply does not first
     * ask each host whether it was provisioned before (it would without them), and each host's first exec is its plan's.
     */
    private static void writePasswords(Path file) throws IOException {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", Map.of("name", "pike-passwords"));
        try {
            secret.put("stringData", Passwords.completing(Map.of(), new ArrayList<>()).asMap());
        } catch (Passwords.InvalidPasswordException e) {
            throw new IllegalStateException(e);
        }
        Files.writeString(file, new YAMLMapper().writeValueAsString(secret));
    }

    /**
     * controller01 (10.0.0.11) and compute001..N with vmx. Their addresses start at 10.0.0.101: inside the guide's
     * 10.0.0.0/24 (chrony's allow), clear of the example's block and object hosts (10.0.0.41, .51, .52).
     */
    static List<HostOptions> hosts(int computes) {
        List<HostOptions> hosts = new ArrayList<>();
        hosts.add(HostOptions.parse(CONTROLLER + "=127.0.0.1:0,ip=10.0.0.11", 0));
        for (int i = 1; i <= computes; i++) {
            hosts.add(compute(i));
        }
        return hosts;
    }

    /** Compute number i (from 1): compute001 at 10.0.0.101 ...; past 10.0.0.254, 10.0.1.1 on (a /16 network). */
    static HostOptions compute(int i) {
        String address = i <= 154 ? "10.0.0." + (100 + i) : "10.0." + (1 + (i - 155) / 254) + "." + (1 + (i - 155) % 254);
        return HostOptions.parse(String.format("compute%03d=127.0.0.1:0,cpu=vmx,ip=%s", i, address), i);
    }

    List<SimHost> computes() {
        return twin.hosts().stream().filter(h -> !h.name().equals(CONTROLLER)).toList();
    }

    /** One {@code apply}; its wall time and, per host, the execs the twin logged during it. */
    ConvergeRun apply() {
        twin.hosts().forEach(h -> marks.put(h.name(), h.commandLog().size()));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        int exit = Main.run(new String[]{"apply", "-f", manifest.toString()}, out, out);
        double wall = (System.nanoTime() - t0) / 1e9;
        lastOutput = buffer.toString(StandardCharsets.UTF_8);
        List<HostTiming> computes = computes().stream().map(this::timing).toList();
        return ConvergeRun.of(computes.size(), latencyMs, exit, wall, timing(twin.host(CONTROLLER)), computes);
    }

    /** What the last apply printed (to show why it failed). */
    String lastOutput() {
        return lastOutput;
    }

    HostTiming timing(SimHost host) {
        List<CommandLog.Entry> all = host.commandLog().entries();
        return HostTiming.of(host.name(), all.subList(marks.getOrDefault(host.name(), 0), all.size()), latencyMs);
    }

    /** Remembers where each host's command log is now, so that {@link #timing} counts what comes after. */
    void mark() {
        twin.hosts().forEach(h -> marks.put(h.name(), h.commandLog().size()));
    }

    @Override
    public void close() {
        twin.close();
    }
}

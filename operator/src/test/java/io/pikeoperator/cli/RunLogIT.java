package io.pikeoperator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pikeoperator.demo.CrudApiServer;
import io.pikeoperator.demo.DemoCluster;
import io.pikeoperator.hostsim.Twin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code pike-operator run} as started by hand (its own process, the production log configuration, no log flags):
 * its default level shows the deploy's progress, a line per changed step with the cluster, node and service; with
 * {@code --log-format json} the same line is one JSON object with those as fields. No logging backend warnings.
 */
class RunLogIT {

    private static final Pattern CHANGED_TEXT = Pattern.compile(
            "(?m)^\\S+ INFO  \\[pike controller01 (\\w+)\\] controller01: changed \\1 / .+$");

    @Test
    void runLogsEachChangedStepAtItsDefaultLevelAsTextAndAsJson(@TempDir Path dir) throws Exception {
        Path key = DemoCluster.keyPair(dir);
        KubernetesMockServer server = CrudApiServer.start();
        try (Twin twin = Twin.start(dir.resolve("twin"), Path.of(key + ".pub"), DemoCluster.hosts());
             KubernetesClient client = server.createClient()) {
            for (HasMetadata o : DemoCluster.objects(twin, Files.readString(key))) {
                o.getMetadata().setNamespace("default");
                client.resource(o).create();
            }
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: mock, cluster: {server: "%s"}}]
                    users: [{name: mock, user: {}}]
                    contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
                    current-context: mock
                    """.formatted(client.getMasterUrl().toString()));

            String text = logsUntil(kubeconfig, List.of(), out -> CHANGED_TEXT.matcher(out).find());
            System.out.println("RUN LOG (text, default level):\n" + text);
            assertThat(text).as("no logging backend warnings").doesNotContain("SLF4J", "StatusLogger");

            String json = logsUntil(kubeconfig, List.of("--log-format", "json"), out -> changedJson(out).isPresent());
            JsonNode line = changedJson(json).orElseThrow();
            assertThat(line.path("cluster").asText()).isEqualTo("pike");
            assertThat(line.path("node").asText()).isEqualTo("controller01");
            assertThat(line.path("message").asText()).startsWith("controller01: changed " + line.path("service").asText() + " / ");
            assertThat(line.path("log.level").asText()).isEqualTo("INFO");
        } finally {
            server.destroy();
        }
    }

    /** Starts {@code run}, collects its output until {@code enough} holds, stops it. */
    private static String logsUntil(Path kubeconfig, List<String> flags, java.util.function.Predicate<String> enough)
            throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile=classpath:log4j2.xml", "-cp", System.getProperty("java.class.path"),
                "io.pikeoperator.cli.Main", "run", "--no-leader-election", "--metrics-address", "127.0.0.1:0"));
        command.addAll(flags);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().remove("PIKE_LOG_LEVEL");
        pb.environment().remove("KUBERNETES_SERVICE_HOST");
        Process p = pb.start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "run-output");
        reader.start();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> enough.test(out.toString()) || !p.isAlive());
            assertThat(enough.test(out.toString())).as(out.toString()).isTrue();
            return out.toString();
        } finally {
            p.destroy();
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void copy(InputStream in, StringBuffer out) {
        try (java.io.Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                out.append(buffer, 0, n);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The first JSON log line that reports a changed step. */
    private static Optional<JsonNode> changedJson(String out) {
        ObjectMapper json = new ObjectMapper();
        return out.lines().filter(l -> l.startsWith("{") && l.contains("changed")).map(l -> {
            try {
                return json.readTree(l);
            } catch (IOException e) {
                return null;
            }
        }).filter(n -> n != null && n.path("message").asText().contains(": changed ")).findFirst();
    }
}

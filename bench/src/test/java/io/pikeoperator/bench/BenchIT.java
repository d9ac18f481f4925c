package io.pikeoperator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's output, not its speed: a smoke run of the converge and no-op scenarios on twin hosts writes the
 * tables, the JSON files and the plots. (CI also smoke-runs every scenario, Ansible included, from the jar.)
 */
class BenchIT {

    @Test
    void aSmokeRunPrintsTablesAndWritesJsonAndPlots(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Path results = dir.resolve("results");
        int exit = BenchMain.run(new String[]{"--smoke", "--scenario", "converge,noop", "--out", results.toString(),
                "--work", dir.resolve("work").toString()}, out, out);
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("| latency | wall time (s) | bound (s) | wall / bound |", "| 1 + 1 | 0 ms |");

        JsonNode converge = new ObjectMapper().readTree(results.resolve("converge.json").toFile());
        assertThat(converge.path("machine").path("cores").asInt()).isPositive();
        JsonNode row = converge.path("rows").get(0);
        assertThat(row.path("latencyMs").asInt()).isZero();
        assertThat(row.path("wallSeconds").path("median").asDouble()).isPositive();
        assertThat(row.path("boundSeconds").path("median").asDouble()).isPositive()
                .isLessThanOrEqualTo(row.path("wallSeconds").path("median").asDouble());
        assertThat(row.path("controllerExecs").path("median").asInt()).isGreaterThan(10);
        assertThat(row.path("runs")).hasSize(1);

        JsonNode noop = new ObjectMapper().readTree(results.resolve("noop.json").toFile()).path("rows").get(0);
        assertThat(noop.path("controllerExecs").path("median").asInt()).as("SPEC §8: one round trip").isEqualTo(1);
        assertThat(noop.path("computeExecs").path("median").asInt()).isEqualTo(1);
        for (String png : new String[]{"converge.png", "noop.png"}) {
            byte[] head = Files.readAllBytes(results.resolve(png));
            assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }
}

package io.pikeoperator.packaging.kubectl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The kubectl plugin ships beside the operator's jar ({@code operator/target/kubectl-pike}) and runs it: put on
 * PATH (here as a symlink, as one installs it), {@code kubectl pike ...} is {@code pike-operator ...}. An IT because it
 * runs the packaged jar.
 */
class KubectlPluginIT {

    private final List<Path> links = new java.util.ArrayList<>();

    static final Path TARGET = Path.of("..", "operator", "target").toAbsolutePath().normalize();

    @Test
    void theScriptIsExecutableAndRunsTheJarBesideItThroughASymlink(@TempDir Path bin) throws Exception {
        Path script = TARGET.resolve("kubectl-pike");
        assertThat(script).as("built by ./mvnw package").isRegularFile();
        assertThat(Files.isExecutable(script)).isTrue();
        Result r = run(List.of(link(bin).toString(), "--help"), Map.of());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("usage: pike-operator", "describe [-n NS] [CLUSTER]");
    }

    @Test
    void withoutItsJarItSaysWhereItLooked(@TempDir Path bin) throws Exception {
        Result r = run(List.of(TARGET.resolve("kubectl-pike").toString(), "describe"),
                Map.of("PIKE_OPERATOR_JAR", bin.resolve("absent.jar").toString()));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("no operator jar at " + bin.resolve("absent.jar"));
    }

    @Test
    void kubectlFindsItOnPath(@TempDir Path bin) throws Exception {
        assumeThat(onPath("kubectl")).as("kubectl installed").isTrue();
        link(bin);
        String path = bin + java.io.File.pathSeparator + System.getenv("PATH");
        Result r = run(List.of("kubectl", "pike", "help"), Map.of("PATH", path));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("usage: pike-operator", "describe");
    }

    /** kubectl-pike in {@code bin} as a symlink, removed after the test (JUnit warns about links out of @TempDir). */
    private Path link(Path bin) throws IOException {
        Path link = Files.createSymbolicLink(bin.resolve("kubectl-pike"), TARGET.resolve("kubectl-pike"));
        links.add(link);
        return link;
    }

    @AfterEach
    void unlink() throws IOException {
        for (Path l : links) {
            Files.deleteIfExists(l);
        }
    }

    private record Result(int exit, String out) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}

package io.pikeoperator.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real daemon started by a test: in its own PID namespace (everything it forks dies with it), tied to the JVM
 * by a parent-death signal (a crashed test run leaves nothing behind), listening on 127.0.0.1 only.
 */
final class RealDaemon implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private RealDaemon(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code script} (sh) as PID 1 of new PID and mount namespaces; its output goes to {@code log}. */
    static RealDaemon start(String name, String script, Map<String, String> env, Path log) throws IOException {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "unshare", "--pid", "--fork",
                "--kill-child", "--mount", "--propagation", "private", "sh", "-c", script));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new RealDaemon(name, pb.start(), log);
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:{@code port}, failing early if the daemon died. */
    void awaitPort(int port, Duration max) {
        await(name + " listening on 127.0.0.1:" + port).atMost(max).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited " + process.exitValue() + ": " + tail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a helper command to completion (no stdin), failing with its output if it fails. */
    static String run(Map<String, String> env, String... argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }

    /** SIGKILL to the namespace's parent: its PID 1 gets SIGKILL (--kill-child), and with it every process inside. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

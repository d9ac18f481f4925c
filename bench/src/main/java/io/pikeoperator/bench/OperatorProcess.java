package io.pikeoperator.bench;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pikeoperator.reconcile.OperatorApp;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The operator alone in a JVM of its own, so that its heap and threads can be measured apart from the API server and
 * the twin hosts: what {@code pike-operator run} starts, against a CRUD mock API server (which refuses server-side
 * apply, so status is written as {@code run} writes it there: without SSA). Stops when its stdin closes.
 */
public final class OperatorProcess implements AutoCloseable {

    private final Process process;

    private OperatorProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code java -cp <this classpath> OperatorProcess <masterUrl> <resyncSeconds>}; its output goes to {@code log}. */
    static OperatorProcess start(String masterUrl, Duration resync, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OperatorProcess.class.getName());
        command.add(masterUrl);
        command.add(String.valueOf(resync.toSeconds()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new OperatorProcess(p);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        // what changed is in the API; the benchmark's log keeps warnings and errors only
        Configurator.setLevel("io.pikeoperator", Level.WARN);
        PrintStream out = System.out;
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(args[0]).withTrustCerts(true).build()).build();
        OperatorApp app = new OperatorApp(client, new OperatorApp.Options(Set.of(), null, false,
                Duration.ofSeconds(Long.parseLong(args[1]))));
        app.start();
        out.println("operator started");
        out.flush();
        while (System.in.read() >= 0) {
            // runs until the benchmark closes stdin
        }
        app.close();
        client.close();
        System.exit(0);
    }
}

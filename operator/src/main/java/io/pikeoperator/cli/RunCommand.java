package io.pikeoperator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pikeoperator.reconcile.HealthServer;
import io.pikeoperator.reconcile.OperatorApp;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** {@code run}: the operator against the cluster of the kubeconfig (or the in-cluster service account). */
final class RunCommand {

    static final String DEFAULT_LOG_LEVEL = "info";

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        Set<String> namespaces = Set.of();
        String lease = System.getenv().getOrDefault("POD_NAMESPACE", "");
        boolean election = true;
        String metrics = "0.0.0.0:8080";
        Duration resync = Duration.ofMinutes(5);
        String logFormat = "text";
        String logLevel = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--namespaces" -> namespaces = Arrays.stream(args[++i].split(",")).map(String::strip)
                            .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
                    case "--lease-namespace" -> lease = args[++i];
                    case "--no-leader-election" -> election = false;
                    case "--metrics-address" -> metrics = args[++i];
                    case "--resync-seconds" -> resync = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--log-format" -> logFormat = args[++i];
                    case "--log-level" -> logLevel = logLevel == null ? args[++i] : logLevel + "," + args[++i];
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            Logging.format(logFormat);
            // the operator's progress (changed steps, conditions, Events) is worth reading by default
            Logging.levels(DEFAULT_LOG_LEVEL, logLevel);
        } catch (RuntimeException e) {
            err.println("pike-operator run: " + e.getMessage());
            err.print(Main.USAGE);
            return 2;
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        if (election && lease.isEmpty()) {
            lease = client.getNamespace() == null ? "default" : client.getNamespace();
        }
        int colon = metrics.lastIndexOf(':');
        OperatorApp app = new OperatorApp(client, new OperatorApp.Options(namespaces, election ? lease : null, true, resync));
        CountDownLatch stopped = new CountDownLatch(1);
        try (HealthServer health = new HealthServer(new InetSocketAddress(metrics.substring(0, colon),
                Integer.parseInt(metrics.substring(colon + 1))), app.registry(), app::started)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                client.close();
                stopped.countDown();
            }, "pike-operator-shutdown"));
            app.start();
            out.println("pike-operator running against " + client.getMasterUrl() + (namespaces.isEmpty() ? " (all namespaces)"
                    : " (namespaces " + String.join(",", namespaces) + ")") + "; metrics on http://" + metrics + "/metrics"
                    + (election ? "; leader election in namespace " + lease : ""));
            stopped.await();
            return 0;
        } catch (Exception e) {
            err.println("pike-operator run: " + e.getMessage());
            return 1;
        }
    }
}

package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pikeoperator.ssh.SshConnections;
import io.pikeoperator.ssh.SshSettings;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The operator: three reconcilers on one JOSDK {@link Operator}, one SSH connection pool, one metrics registry.
 * Used by {@code run} (a real cluster) and {@code demo} (an in-process API server).
 */
public final class OperatorApp implements AutoCloseable {

    /**
     * @param namespaces     namespaces to watch; empty = all
     * @param leaseNamespace where the leader election Lease lives; null = no leader election (a single replica)
     * @param ssa            patch status with server-side apply (a real API server); false for the CRUD mock
     * @param resync         how often a converged node is checked again
     */
    public record Options(Set<String> namespaces, String leaseNamespace, boolean ssa, Duration resync) {
    }

    /**
     * Reconciles at once. A host that does not answer costs one connect timeout per try and is then tried with
     * backoff, so a few dead hosts do not take every worker from the healthy ones.
     */
    static final int RECONCILE_THREADS = 32;

    private final Operator operator;
    private final SshConnections ssh;
    private final PrometheusMeterRegistry registry;
    private volatile boolean started;
    private volatile boolean closing;

    public OperatorApp(KubernetesClient client, Options options) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // JOSDK's meters have no description; Prometheus' linter (promtool check metrics) wants HELP on every series.
        registry.config().meterFilter(new io.micrometer.core.instrument.config.MeterFilter() {
            @Override
            public io.micrometer.core.instrument.Meter.Id map(io.micrometer.core.instrument.Meter.Id id) {
                return id.getDescription() != null ? id : new io.micrometer.core.instrument.Meter.Id(id.getName(),
                        io.micrometer.core.instrument.Tags.of(id.getTags()), id.getBaseUnit(),
                        "java-operator-sdk: " + id.getName(), id.getType());
            }
        });
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        SshSettings d = SshSettings.defaults();
        this.ssh = new SshConnections(new SshSettings(d.connectTimeout(), Duration.ofMinutes(15), d.keepAliveInterval(),
                16 << 20, d.maxConcurrentSessions(), d.reconnectInitialBackoff(), d.reconnectMaxBackoff()));
        OperatorServices services = new OperatorServices(client, ssh, new OperatorMetrics(registry), options.resync(),
                options.ssa());
        this.operator = new Operator(o -> {
            // No CRD check at start: it would need read access to CRDs, which the chart's RBAC does not grant.
            o.withKubernetesClient(client).withCloseClientOnStop(false).withUseSSAToPatchPrimaryResource(options.ssa())
                    .checkingCRDAndValidateLocalModel(false)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                    .withConcurrentReconciliationThreads(RECONCILE_THREADS);
            if (options.leaseNamespace() != null) {
                // JOSDK's default exits the JVM when leadership ends — also during shutdown, where System.exit from
                // a shutdown hook blocks forever. Exit only when leadership is lost while running.
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration("pike-operator-leader",
                        options.leaseNamespace(), Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), null,
                        new io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks(() -> { }, this::lostLeadership,
                                leader -> { }), false));
            }
        });
        operator.register(new PikeClusterReconciler(services), namespaces(options));
        operator.register(new ControllerNodeReconciler(services), namespaces(options));
        operator.register(new ComputeNodeReconciler(services), namespaces(options));
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> Consumer<ControllerConfigurationOverrider<R>> namespaces(
            Options options) {
        return c -> {
            if (options.namespaces().isEmpty()) {
                c.watchingAllNamespaces();
            } else {
                c.settingNamespaces(options.namespaces());
            }
        };
    }

    private void lostLeadership() {
        if (!closing) {
            // Another replica leads now: stop driving hosts at once; the Deployment restarts this one as a follower.
            new Thread(() -> System.exit(1), "pike-operator-lost-leadership").start();
        }
    }

    public void start() {
        operator.start();
        started = true;
    }

    public boolean started() {
        return started;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        closing = true;
        started = false;
        operator.stop();
        ssh.close();
    }
}

package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.HostFacts;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.StepResult;
import io.pikeoperator.ssh.SshConnections;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the operator's {@code /metrics} shows once it has done some work, for checking the Grafana dashboard against.
 * Lives in the operator's package because {@link OperatorMetrics}' recording methods are package-private.
 *
 * <p>The project's own meters are recorded through {@link OperatorMetrics} itself. JOSDK's meters come from
 * {@link MicrometerMetrics#withoutPerResourceMetrics}, wired as {@link OperatorApp} wires it, with the three real
 * reconcilers registered on a JOSDK {@link Operator} that is never started (so no API server is contacted), and
 * then driven through the calls JOSDK makes around a reconcile: event, start, timed reconcile and cleanup (one
 * succeeding, one failing), finish.
 */
public final class ExportedMetrics {

    private ExportedMetrics() {
    }

    /** The Prometheus text exposition after one sample of every kind of meter. */
    public static String scrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OperatorMetrics metrics = new OperatorMetrics(registry);
        recordOwn(metrics);
        recordJosdk(registry, metrics);
        String text = registry.scrape();
        // Micrometer holds gauges weakly; OperatorMetrics holds their values. Unreachable before the scrape, they read NaN.
        Reference.reachabilityFence(metrics);
        return text;
    }

    private static void recordOwn(OperatorMetrics metrics) {
        HostFacts facts = new HostFacts();
        facts.osRelease = "CentOS Linux 7 (Core)";
        StepResult unchanged = new StepResult("controller01", "TimeSync", "service chronyd", Outcome.UNCHANGED,
                Duration.ofMillis(180), null, null);
        StepResult changed = new StepResult("controller01", "Keystone", "packages openstack-keystone httpd mod_wsgi",
                Outcome.CHANGED, Duration.ofSeconds(74), null, null);
        StepResult failed = new StepResult("computer01", "HostReachable", "connect", Outcome.FAILED, Duration.ofMillis(350),
                "HostKeyMismatch", "host key of 10.0.0.31:22 does not match the known key");
        StepResult skipped = new StepResult("computer01", "NovaCompute", "packages openstack-nova-compute", Outcome.SKIPPED,
                Duration.ZERO, "NotReached", "not checked: HostReachable failed");
        for (StepResult r : List.of(unchanged, changed, failed, skipped)) {
            metrics.step(r);
        }
        metrics.run(new HostReport("controller01", List.of(unchanged, changed), new io.pikeoperator.engine.HostDecisions(facts, null), 14));
        metrics.run(new HostReport("computer01", List.of(failed, skipped), io.pikeoperator.engine.HostDecisions.NONE, 0));
        metrics.serviceReady("pike", "Keystone", true);
        metrics.serviceReady("pike", "NovaCompute", false);
        metrics.phase("pike", Phase.Provisioning);
        metrics.reconcileError("PikeCluster");
    }

    private static void recordJosdk(PrometheusMeterRegistry registry, OperatorMetrics metrics) {
        Metrics josdk = MicrometerMetrics.withoutPerResourceMetrics(registry);
        // Loopback and never used: the Operator is not started, nothing is listed or watched.
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443/").build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
             SshConnections ssh = new SshConnections()) {
            OperatorServices services = new OperatorServices(client, ssh, metrics, Duration.ofMinutes(5), true);
            Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false).withMetrics(josdk));
            operator.register(new PikeClusterReconciler(services));
            operator.register(new ControllerNodeReconciler(services));
            operator.register(new ComputeNodeReconciler(services));
            for (RegisteredController<?> controller : operator.getRegisteredControllers()) {
                Class<? extends HasMetadata> type = controller.getConfiguration().getResourceClass();
                drive(josdk, controller.getConfiguration().getName(), resource(type));
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not record JOSDK's metrics", e);
        }
    }

    private static void drive(Metrics josdk, String controller, HasMetadata resource) throws Exception {
        ResourceID id = ResourceID.fromResource(resource);
        Map<String, Object> metadata = Map.of(Constants.RESOURCE_GVK_KEY, GroupVersionKind.gvkFor(resource.getClass()),
                Constants.CONTROLLER_NAME, controller);
        josdk.receivedEvent(new ResourceEvent(ResourceAction.UPDATED, id, resource), metadata);
        josdk.reconcileCustomResource(resource, null, metadata);
        josdk.reconciliationExecutionStarted(resource, metadata);
        josdk.timeControllerExecution(execution("reconcile", controller, id, metadata, false));
        josdk.reconciliationExecutionFinished(resource, metadata);
        josdk.finishedReconciliation(resource, metadata);

        josdk.reconcileCustomResource(resource, null, metadata);
        josdk.reconciliationExecutionStarted(resource, metadata);
        try {
            josdk.timeControllerExecution(execution("reconcile", controller, id, metadata, true));
        } catch (Exception expected) {
            josdk.failedReconciliation(resource, expected, metadata);
        }
        josdk.reconciliationExecutionFinished(resource, metadata);

        josdk.timeControllerExecution(execution("cleanup", controller, id, metadata, false));
        josdk.cleanupDoneFor(id, metadata);
    }

    private static Metrics.ControllerExecution<String> execution(String name, String controller, ResourceID id,
                                                                 Map<String, Object> metadata, boolean fail) {
        return new Metrics.ControllerExecution<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String controllerName() {
                return controller;
            }

            @Override
            public String successTypeName(String result) {
                return result;
            }

            @Override
            public ResourceID resourceID() {
                return id;
            }

            @Override
            public Map<String, Object> metadata() {
                return metadata;
            }

            @Override
            public String execute() {
                if (fail) {
                    throw new IllegalStateException("the API server said no");
                }
                return "status";
            }
        };
    }

    private static HasMetadata resource(Class<? extends HasMetadata> type) {
        HasMetadata r;
        if (type == PikeCluster.class) {
            r = new PikeCluster();
        } else if (type == ControllerNode.class) {
            r = new ControllerNode();
        } else if (type == ComputeNode.class) {
            r = new ComputeNode();
        } else {
            throw new IllegalArgumentException("unexpected resource type " + type);
        }
        r.setMetadata(new ObjectMetaBuilder().withName("sample").withNamespace("openstack").withGeneration(1L).build());
        return r;
    }
}

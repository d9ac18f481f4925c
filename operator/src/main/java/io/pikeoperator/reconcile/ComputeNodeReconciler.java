package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ComputeNodeStatus;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.api.v1alpha1.VirtType;
import io.pikeoperator.drive.Assembly;
import io.pikeoperator.drive.InputException;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Redactor;
import io.pikeoperator.engine.RunOptions;
import io.pikeoperator.plan.NodeInfo;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.plan.SeedPlan;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Drives a compute host once the controller's NovaControlPlane is ready (until then: WaitingForController), then
 * has the controller see it up and discover it into cell1. Deleting a ComputeNode decommissions it first.
 */
public final class ComputeNodeReconciler implements Reconciler<ComputeNode>, Cleaner<ComputeNode> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ComputeNodeReconciler.class);

    private final OperatorServices services;

    public ComputeNodeReconciler(OperatorServices services) {
        this.services = services;
    }

    @Override
    public List<EventSource<?, ComputeNode>> prepareEventSources(EventSourceContext<ComputeNode> context) {
        return Watches.forNodes(context, ComputeNode.class, services.caches);
    }

    @Override
    public io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl<ComputeNode> updateErrorStatus(ComputeNode resource,
            Context<ComputeNode> context, Exception e) {
        services.metrics.reconcileError("ComputeNode");
        return io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl.noStatusUpdate();
    }

    @Override
    public UpdateControl<ComputeNode> reconcile(ComputeNode node, Context<ComputeNode> context) {
        LOG.debug("reconciling ComputeNode {}/{}", node.getMetadata().getNamespace(), node.getMetadata().getName());
        ComputeNodeStatus before = NodeStatuses.copy(node.getStatus());
        ComputeNodeStatus status = node.getStatus() == null ? new ComputeNodeStatus() : node.getStatus();
        node.setStatus(status);
        Long generation = node.getMetadata().getGeneration();
        Instant now = Instant.now();
        Duration again = services.resync;
        boolean ran = false;
        NodeGate gate = NodeGate.of(services, node.getMetadata().getNamespace(), node.getSpec());
        Optional<ControllerNode> controller = gate.cluster() == null ? Optional.empty() : services.loader.controllers(
                gate.cluster().getMetadata().getNamespace(), gate.cluster().getMetadata().getName()).stream().findFirst();
        if (gate.paused()) {
            status.message = gate.message();
        } else if (!gate.open()) {
            waiting(status, gate.reason(), gate.message(), generation, now);
            again = gate.retry();
        } else if (controller.isEmpty() || controller.get().getStatus() == null
                || !Conditions.isTrue(controller.get().getStatus().conditions, ConditionTypes.NOVA_CONTROL_PLANE)) {
            waiting(status, "WaitingForController", "waiting until the controller's NovaControlPlane is ready", generation, now);
            again = Duration.ofSeconds(15);
        } else {
            again = converge(node, gate.cluster(), gate.passwords(), status, generation, now);
            ran = true;
        }
        Conditions.summarize(status.conditions, ConditionTypes.COMPUTE, generation, now);
        if (ran) {
            NodeStatuses.passwordsConverged(status, gate.passwordsVersion());
        }
        NodeStatuses.finish(status, generation);
        UpdateControl<ComputeNode> control = NodeStatuses.changed(before, status) ? UpdateControl.patchStatus(node)
                : UpdateControl.noUpdate();
        return control.rescheduleAfter(again);
    }

    private void waiting(ComputeNodeStatus status, String reason, String message, Long generation, Instant now) {
        for (String type : ConditionTypes.COMPUTE) {
            if (Conditions.find(status.conditions, type).isEmpty() || type.equals(ConditionTypes.NOVA_COMPUTE)) {
                Conditions.set(status.conditions, type, type.equals(ConditionTypes.NOVA_COMPUTE) ? Conditions.FALSE
                        : Conditions.UNKNOWN, reason, message, generation, now);
            }
        }
        status.message = message;
    }

    private Duration converge(ComputeNode node, PikeCluster cluster, Passwords passwords, ComputeNodeStatus status,
                              Long generation, Instant now) {
        Assembly assembly;
        try {
            assembly = services.assemble(cluster, passwords);
        } catch (InputException e) {
            ReportConditions.setAll(status.conditions, List.of(ConditionTypes.HOST_REACHABLE), Conditions.FALSE, e.reason(),
                    e.getMessage(), generation, now);
            services.events.warning(node, e.reason(), e.getMessage());
            return Duration.ofSeconds(30);
        }
        String host = node.getSpec().hostname;
        NodeInfo info = assembly.cluster().computes().stream().filter(c -> c.hostname().equals(host)).findFirst().orElseThrow();
        List<Condition> previous = Conditions.copy(status.conditions);
        Redactor redactor = new Redactor(passwords.all());
        HostReport report = services.run(SeedPlan.compute(assembly.cluster(), info), assembly.targets().get(host),
                RunOptions.apply(), redactor);
        ReportConditions.apply(status.conditions, report, ConditionTypes.COMPUTE, generation, now);
        if (report.facts() != null && report.facts().cpuVirtualization != null) {
            status.virtType = VirtType.valueOf(assembly.cluster().virtTypeFor(info, report.facts().cpuVirtualization)
                    .toUpperCase(java.util.Locale.ROOT));
        }
        if (report.converged() && !(Boolean.TRUE.equals(status.discovered)
                && Conditions.isTrue(status.conditions, ConditionTypes.CELL_DISCOVERY))) {
            // First time only: later the controller's own plan keeps the compute up and mapped.
            String controllerHost = assembly.cluster().controllerName();
            HostReport cell = services.run(SeedPlan.computeOnController(assembly.cluster(), info),
                    assembly.targets().get(controllerHost), RunOptions.apply(), redactor);
            ReportConditions.apply(status.conditions, cell, List.of(ConditionTypes.CELL_DISCOVERY), generation, now);
            cell.failure().filter(f -> f.service().equals(ConditionTypes.NOVA_COMPUTE)).ifPresent(f -> Conditions.set(
                    status.conditions, ConditionTypes.NOVA_COMPUTE, Conditions.FALSE, f.reason(), f.step() + ": " + f.message(),
                    generation, now));
            status.discovered = cell.converged();
            cell.failure().ifPresent(f -> services.events.record(node, "Warning", f.reason(), f.step() + ": " + f.message(), redactor));
            if (cell.converged()) {
                services.events.normal(node, "Discovered", host + " is up in Nova and mapped into cell1");
            }
        } else if (!report.converged()) {
            Conditions.set(status.conditions, ConditionTypes.CELL_DISCOVERY, Conditions.UNKNOWN, "NotReached",
                    "the compute host has not converged", generation, now);
        }
        NodeStatuses.record(node, status, report, previous, services, cluster.getMetadata().getName(), redactor);
        return report.converged() ? services.resync : Duration.ofSeconds(report.failure().isPresent() ? 30 : 10);
    }

    /** Decommission before the finalizer goes: nova-compute disabled and deleted, unmapped, resource provider removed. */
    @Override
    public DeleteControl cleanup(ComputeNode node, Context<ComputeNode> context) {
        LOG.info("decommissioning {}", node.getSpec().hostname);
        String ns = node.getMetadata().getNamespace();
        Optional<PikeCluster> cluster = services.loader.cluster(ns, node.getSpec().clusterRef.name);
        Optional<Passwords> passwords = cluster.flatMap(services::passwords);
        if (cluster.isEmpty() || passwords.isEmpty() || services.loader.controllers(ns, cluster.get().getMetadata().getName()).isEmpty()) {
            services.events.warning(node, "DecommissionSkipped", "no cluster, passwords or controller left: "
                    + node.getSpec().hostname + " is released without being removed from Nova");
            return DeleteControl.defaultDelete();
        }
        if (Boolean.TRUE.equals(cluster.get().getSpec().paused)) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30));
        }
        try {
            io.pikeoperator.drive.ClusterInputs in = services.loader.inputs(cluster.get());
            List<ComputeNode> withThis = new java.util.ArrayList<>(in.computes());
            withThis.add(node);
            Assembly assembly = Assembly.of(new io.pikeoperator.drive.ClusterInputs(in.cluster(), in.controllers(), withThis,
                    in.secrets()), passwords.get(), Assembly.SshOverrides.NONE);
            Redactor redactor = new Redactor(passwords.get().all());
            // Stop it first where it can still be reached: a running nova-compute would register itself again.
            HostReport stop = services.run(SeedPlan.retire(node.getSpec().hostname),
                    assembly.targets().get(node.getSpec().hostname), RunOptions.apply(), redactor);
            stop.failure().ifPresent(f -> services.events.record(node, "Warning", f.reason(),
                    "could not stop nova-compute on " + node.getSpec().hostname + " (removing it from Nova anyway): "
                            + f.message(), redactor));
            HostReport r = services.run(SeedPlan.decommission(assembly.cluster(), node.getSpec().hostname),
                    assembly.targets().get(assembly.cluster().controllerName()), RunOptions.apply(), redactor);
            if (!r.converged()) {
                r.failure().ifPresent(f -> services.events.record(node, "Warning", "DecommissionFailed",
                        f.step() + ": " + f.message(), redactor));
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30));
            }
            services.events.normal(node, "Decommissioned", node.getSpec().hostname
                    + " removed from Nova (service, cell mapping, resource provider)");
            return DeleteControl.defaultDelete();
        } catch (InputException e) {
            services.events.warning(node, e.reason(), e.getMessage());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30));
        }
    }
}

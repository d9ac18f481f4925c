package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.drive.Assembly;
import io.pikeoperator.drive.InputException;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Redactor;
import io.pikeoperator.engine.RunOptions;
import io.pikeoperator.plan.GuidePlan;
import io.pikeoperator.plan.InstallOrder.Role;
import io.pikeoperator.plan.InstallOrder.Stage;
import io.pikeoperator.plan.InstallOrder;
import io.pikeoperator.plan.Passwords;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives the controller host service by service: one snapshot of the cluster's nodes, the {@link InstallOrder}'s
 * gate (what waits for the computes is held until every compute has converged its own host), one run, the report to
 * the {@link StatusWriter}.
 */
public final class ControllerNodeReconciler implements Reconciler<ControllerNode> {

    static final List<String> TYPES = withVerified();

    private final OperatorServices services;

    public ControllerNodeReconciler(OperatorServices services) {
        this.services = services;
    }

    private static List<String> withVerified() {
        List<String> t = new ArrayList<>(ConditionTypes.CONTROLLER);
        t.add(ConditionTypes.VERIFIED);
        return List.copyOf(t);
    }

    @Override
    public List<EventSource<?, ControllerNode>> prepareEventSources(EventSourceContext<ControllerNode> context) {
        return Watches.forNodes(context, ControllerNode.class, services.caches);
    }

    @Override
    public io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl<ControllerNode> updateErrorStatus(ControllerNode resource,
            Context<ControllerNode> context, Exception e) {
        services.metrics.reconcileError("ControllerNode");
        return io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl.noStatusUpdate();
    }

    @Override
    public UpdateControl<ControllerNode> reconcile(ControllerNode node, Context<ControllerNode> context) {
        NodeStatus before = StatusChange.copy(node.getStatus());
        NodeStatus status = node.getStatus() == null ? new NodeStatus() : node.getStatus();
        node.setStatus(status);
        StatusWriter writer = StatusWriter.of(node, services);
        Duration again = services.resync;
        String ranWith = null;
        NodeGate gate = NodeGate.of(services, node.getMetadata().getNamespace(), node.getSpec());
        if (gate.paused()) {
            status.message = gate.message();
        } else if (!gate.open()) {
            writer.gateClosed(status, gate.reason(), gate.message());
            again = gate.retry();
        } else {
            try {
                again = converge(node, gate.cluster(), gate.passwords(), status, writer);
                ranWith = gate.passwordsVersion();
            } catch (io.pikeoperator.ssh.SshConnections.HostBusy e) {
                // a compute's discovery holds the controller: give the worker back, nothing was run
                again = RetryBackoff.jittered(OperatorServices.LOCK_WAIT.toMillis());
            }
        }
        writer.finish(status, ConditionTypes.CONTROLLER, ranWith);
        UpdateControl<ControllerNode> control = StatusChange.changed(before, status) ? UpdateControl.patchStatus(node)
                : UpdateControl.noUpdate();
        return control.rescheduleAfter(again);
    }

    private Duration converge(ControllerNode node, PikeCluster cluster, Passwords passwords, NodeStatus status,
                              StatusWriter writer) {
        Assembly assembly;
        try {
            assembly = services.assemble(cluster, passwords);
        } catch (InputException e) {
            writer.inputError(status, List.of(ConditionTypes.HOST_REACHABLE), e.reason(), e.getMessage(), false);
            return services.backoff.failed(node);
        }
        // a rejected compute (its own input problem) is not part of the cluster and holds nothing back
        List<ComputeNode> computes = services.loader.computes(node.getMetadata().getNamespace(), cluster.getMetadata().getName())
                .stream().filter(c -> assembly.rejection(c.getMetadata().getName()).isEmpty()).toList();
        List<Stage> waiting = new OrderGate(List.of(node), computes).waiting(Role.CONTROLLER);
        RunOptions options = assembly.runOptions().holding(InstallOrder.held(waiting));
        List<Condition> previous = Conditions.copy(status.conditions);
        Redactor redactor = new Redactor(passwords.all());
        HostReport report = services.run(GuidePlan.controller(assembly.cluster()), assembly, options, redactor);
        writer.ran(status, report, TYPES, waiting);
        // Held checks may pass on what they saw, but a waiting stage counts only once its wait is over.
        waiting.forEach(stage -> writer.held(status, stage.shownOn(), stage.waitsFor().reason(), stage.waitsFor().message()));
        writer.record(status, report, previous, cluster.getMetadata().getName(), redactor);
        if (report.converged()) {
            services.backoff.reset(node);
            return services.resync;
        }
        if (report.failure().isPresent() || !waiting.isEmpty()) {
            // failing, or held for computes: a compute's NovaCompute turning True wakes this node anyway
            return services.backoff.failed(node);
        }
        return Duration.ofSeconds(10);
    }
}

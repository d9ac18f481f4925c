package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ComputeNodeStatus;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NovaServiceRef;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.drive.Assembly;
import io.pikeoperator.drive.ClusterInputs;
import io.pikeoperator.drive.InputException;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Redactor;
import io.pikeoperator.engine.RunOptions;
import io.pikeoperator.plan.GuidePlan;
import io.pikeoperator.plan.InstallOrder.Role;
import io.pikeoperator.plan.InstallOrder.Stage;
import io.pikeoperator.plan.InstallOrder;
import io.pikeoperator.plan.NodeInfo;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.plan.nova.NovaService;
import io.pikeoperator.ssh.SshConnections;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
        ComputeNodeStatus before = StatusChange.copy(node.getStatus());
        ComputeNodeStatus status = node.getStatus() == null ? new ComputeNodeStatus() : node.getStatus();
        node.setStatus(status);
        StatusWriter writer = StatusWriter.of(node, services);
        Duration again = services.resync;
        String ranWith = null;
        NodeGate gate = NodeGate.of(services, node.getMetadata().getNamespace(), node.getSpec());
        List<ControllerNode> controllers = gate.cluster() == null ? List.of() : services.loader.controllers(
                gate.cluster().getMetadata().getNamespace(), gate.cluster().getMetadata().getName());
        List<Stage> waiting = new OrderGate(controllers, List.of(node)).waiting(Role.COMPUTE);
        if (gate.paused()) {
            status.message = gate.message();
        } else if (!gate.open()) {
            writer.waiting(status, ConditionTypes.COMPUTE, ConditionTypes.NOVA_COMPUTE, gate.reason(), gate.message());
            again = gate.retry();
        } else if (InstallOrder.whollyWaiting(Role.COMPUTE, waiting)) {
            Stage first = waiting.get(0);
            writer.waiting(status, ConditionTypes.COMPUTE, first.shownOn(), first.waitsFor().reason(), first.waitsFor().message());
            again = Duration.ofSeconds(15);
        } else {
            try {
                again = converge(node, gate.cluster(), gate.passwords(), status, writer);
                ranWith = gate.passwordsVersion();
            } catch (SshConnections.HostBusy e) {
                LOG.debug("{}: {}; trying again later", node.getMetadata().getName(), e.getMessage());
                again = RetryBackoff.jittered(OperatorServices.LOCK_WAIT.toMillis());
            }
        }
        writer.finish(status, ConditionTypes.COMPUTE, ranWith);
        UpdateControl<ComputeNode> control = StatusChange.changed(before, status) ? UpdateControl.patchStatus(node)
                : UpdateControl.noUpdate();
        return control.rescheduleAfter(again);
    }

    private Duration converge(ComputeNode node, PikeCluster cluster, Passwords passwords, ComputeNodeStatus status,
                              StatusWriter writer) {
        Assembly assembly;
        try {
            assembly = services.assemble(cluster, passwords);
        } catch (InputException e) {
            writer.inputError(status, List.of(ConditionTypes.HOST_REACHABLE), e.reason(), e.getMessage(), false);
            return services.backoff.failed(node);
        }
        Optional<InputException> rejected = assembly.rejection(node.getMetadata().getName());
        if (rejected.isPresent()) {
            // this node alone is wrong: it says so, and the cluster's other nodes go on without it
            writer.inputError(status, List.of(ConditionTypes.HOST_REACHABLE, ConditionTypes.NOVA_COMPUTE),
                    rejected.get().reason(), rejected.get().getMessage(), true);
            return services.backoff.failed(node);
        }
        String host = node.getSpec().hostname;
        Optional<NodeInfo> member = assembly.cluster().computes().stream().filter(c -> c.hostname().equals(host)).findFirst();
        if (member.isEmpty()) {
            // deleted since this reconcile began: its cleanup takes over
            return services.resync;
        }
        NodeInfo info = member.get();
        List<Condition> previous = Conditions.copy(status.conditions);
        Redactor redactor = new Redactor(passwords.all());
        HostReport report = services.run(GuidePlan.compute(assembly.cluster(), info), assembly, assembly.runOptions(), redactor);
        writer.ran(status, report, ConditionTypes.COMPUTE);
        boolean converged = report.converged();
        if (converged && !(Boolean.TRUE.equals(status.discovered)
                && Conditions.isTrue(status.conditions, ConditionTypes.CELL_DISCOVERY))) {
            // First time only: later the controller's own plan keeps the compute up and mapped.
            HostReport cell = services.run(GuidePlan.computeOnController(assembly.cluster(), info), assembly,
                    assembly.runOptions(), redactor);
            writer.discovery(status, cell, host, redactor);
            converged = cell.converged();
        } else if (!converged) {
            writer.notReached(status, ConditionTypes.CELL_DISCOVERY, "the compute host has not converged");
        }
        if (Boolean.TRUE.equals(status.discovered) && status.novaService == null) {
            recordService(node, assembly, status);
        }
        writer.record(status, report, previous, cluster.getMetadata().getName(), redactor);
        if (converged) {
            services.backoff.reset(node);
            return services.resync;
        }
        return report.failure().isPresent() ? services.backoff.failed(node) : Duration.ofSeconds(10);
    }

    /** Records which nova-compute service this node is, so that its removal deletes that one and no other. */
    private void recordService(ComputeNode node, Assembly assembly, ComputeNodeStatus status) {
        String host = node.getSpec().hostname;
        try {
            io.pikeoperator.ssh.ExecResult r = services.query(assembly, assembly.cluster().controllerName(),
                    NovaService.query(host));
            NovaService.parse(r.ok() ? r.stdout() : "", host).ifPresent(s -> status.novaService = new NovaServiceRef(s.host(), s.id()));
        } catch (io.pikeoperator.ssh.SshException | SshConnections.HostBusy e) {
            LOG.debug("the nova-compute service of {} is not recorded yet: {}", host, e.getMessage());
        }
    }

    /**
     * Decommission before the finalizer goes: nova-compute stopped on the host, its recorded service deleted,
     * unmapped, resource provider removed. Best effort: a node whose removal cannot happen (its cluster paused or
     * gone, never registered) or keeps failing ({@link #MAX_CLEANUP_TRIES} tries, or {@link #CLEANUP_DEADLINE} after
     * the delete) is released with an Event that says what was left behind. A delete always finishes.
     */
    @Override
    public DeleteControl cleanup(ComputeNode node, Context<ComputeNode> context) {
        String host = node.getSpec().hostname;
        LOG.info("decommissioning {}", host);
        String left = release(node);
        if (left != null) {
            services.events.warning(node, "DecommissionSkipped", left + ": " + host
                    + " is released without being removed from Nova");
            return released(node);
        }
        PikeCluster cluster = services.loader.cluster(node.getMetadata().getNamespace(), node.getSpec().clusterRef.name).orElseThrow();
        Passwords passwords = services.passwords(cluster).orElseThrow();
        NovaServiceRef recorded = node.getStatus().novaService;
        String failure;
        try {
            Assembly assembly = Assembly.of(withThis(services.loader.inputs(cluster), node), passwords,
                    Assembly.SshOverrides.NONE);
            Redactor redactor = new Redactor(passwords.all());
            RunOptions once = assembly.runOptions().once(Duration.ofSeconds(30));
            if (assembly.targets().containsKey(host) && assembly.rejection(node.getMetadata().getName()).isEmpty()) {
                // Stop it first where it can still be reached: a running nova-compute would register itself again.
                HostReport stop = services.run(GuidePlan.retire(host), assembly, once, redactor);
                stop.failure().ifPresent(f -> services.events.record(node, "Warning", f.reason(),
                        "could not stop nova-compute on " + host + " (removing it from Nova anyway): " + f.message(), redactor));
            }
            HostReport r = services.run(GuidePlan.decommission(assembly.cluster(), new NovaService(recorded.host, recorded.id)),
                    assembly, once, redactor);
            if (r.converged()) {
                services.events.normal(node, "Decommissioned", host + " removed from Nova (service " + recorded.id
                        + ", cell mapping, resource provider)");
                return released(node);
            }
            failure = r.failure().map(f -> redactor.redact(f.step() + ": " + f.reason() + ": " + f.message()))
                    .orElse("the decommission did not finish");
        } catch (InputException e) {
            failure = e.reason() + ": " + e.getMessage();
        } catch (SshConnections.HostBusy e) {
            failure = "the controller is busy: " + e.getMessage();
        }
        services.events.warning(node, "DecommissionFailed", failure);
        Duration wait = services.backoff.failed(node);
        if (services.backoff.failures(node) >= MAX_CLEANUP_TRIES || pastDeadline(node)) {
            services.events.warning(node, "DecommissionAbandoned", "gave up removing " + host + " from Nova after "
                    + services.backoff.failures(node) + " tries; nova-compute service " + recorded.id + " of " + recorded.host
                    + " may still be registered: remove it by hand (openstack compute service delete " + recorded.id + ")");
            return released(node);
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait);
    }

    /** Tries of a decommission before the node is released anyway. */
    static final int MAX_CLEANUP_TRIES = 3;
    /** How long after the delete a failing decommission is still tried (counts across operator restarts). */
    static final Duration CLEANUP_DEADLINE = Duration.ofMinutes(10);

    /** Why nothing can be removed from Nova for this node, or null when a decommission can be tried. */
    private String release(ComputeNode node) {
        String ns = node.getMetadata().getNamespace();
        Optional<PikeCluster> cluster = services.loader.cluster(ns, node.getSpec().clusterRef.name);
        if (cluster.isEmpty()) {
            return "its PikeCluster is gone";
        }
        if (Boolean.TRUE.equals(cluster.get().getSpec().paused)) {
            return "its cluster is paused and hosts are not touched";
        }
        if (services.passwords(cluster.get()).isEmpty()) {
            return "the cluster's passwords are not complete";
        }
        if (services.loader.controllers(ns, cluster.get().getMetadata().getName()).isEmpty()) {
            return "the cluster has no ControllerNode";
        }
        if (node.getStatus() == null || node.getStatus().novaService == null) {
            return "no nova-compute service was ever recorded for it (never discovered)";
        }
        return null;
    }

    private DeleteControl released(ComputeNode node) {
        services.backoff.reset(node);
        return DeleteControl.defaultDelete();
    }

    private static boolean pastDeadline(ComputeNode node) {
        String deleted = node.getMetadata().getDeletionTimestamp();
        return deleted != null && Instant.parse(deleted).plus(CLEANUP_DEADLINE).isBefore(Instant.now());
    }

    /** The cluster's inputs with {@code node} among the computes (those being deleted are left out of them). */
    private static ClusterInputs withThis(ClusterInputs in, ComputeNode node) {
        List<ComputeNode> computes = new ArrayList<>(in.computes().stream()
                .filter(c -> !c.getMetadata().getName().equals(node.getMetadata().getName())).toList());
        computes.add(node);
        return new ClusterInputs(in.cluster(), in.controllers(), computes, in.secrets());
    }
}

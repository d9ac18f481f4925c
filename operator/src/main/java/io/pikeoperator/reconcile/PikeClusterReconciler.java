package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.Endpoints;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.api.v1alpha1.PikeClusterStatus;
import io.pikeoperator.plan.Passwords;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster: fills its passwords Secret, and sums up its nodes — a condition per service (the controller's for
 * its services, all nodes' for the host ones, all computes' for NovaCompute and CellDiscovery, the controller's
 * run of the guide's verification for Verified), phase, endpoints, progress. It never talks to a host.
 */
public final class PikeClusterReconciler implements Reconciler<PikeCluster> {

    private final OperatorServices services;

    public PikeClusterReconciler(OperatorServices services) {
        this.services = services;
    }

    @Override
    public List<EventSource<?, PikeCluster>> prepareEventSources(EventSourceContext<PikeCluster> context) {
        return Watches.forCluster(context, services.caches);
    }

    @Override
    public io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl<PikeCluster> updateErrorStatus(PikeCluster resource,
            Context<PikeCluster> context, Exception e) {
        services.metrics.reconcileError("PikeCluster");
        return io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl.noStatusUpdate();
    }

    @Override
    public UpdateControl<PikeCluster> reconcile(PikeCluster cluster, Context<PikeCluster> context) {
        try (LogFields fields = LogFields.of(cluster)) {
            return reconcileCluster(cluster, context);
        }
    }

    private UpdateControl<PikeCluster> reconcileCluster(PikeCluster cluster, Context<PikeCluster> context) {
        PikeClusterStatus before = StatusChange.copy(cluster.getStatus());
        PikeClusterStatus status = cluster.getStatus() == null ? new PikeClusterStatus() : cluster.getStatus();
        cluster.setStatus(status);
        StatusWriter writer = StatusWriter.of(cluster, services);
        String ns = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        List<ControllerNode> controllers = services.loader.controllers(ns, name);
        List<ComputeNode> computes = services.loader.computes(ns, name);
        passwords(cluster, status, controllers, computes, writer);
        secretsWatched(cluster, status, writer);
        Optional<NodeStatus> ctl = controllers.stream().findFirst().map(ControllerNode::getStatus);
        List<NodeStatus> all = new ArrayList<>();
        ctl.ifPresent(all::add);
        // a ComputeNode left out for its own spec reports that itself; the cluster goes on without it
        java.util.Set<String> leftOut = io.pikeoperator.drive.Assembly.leftOut(controllers.stream().findFirst().orElse(null),
                computes).keySet();
        List<ComputeNode> members = computes.stream().filter(c -> !leftOut.contains(c.getMetadata().getName())).toList();
        members.forEach(c -> all.add(c.getStatus()));

        for (String type : ConditionTypes.CLUSTER) {
            List<NodeStatus> from = switch (type) {
                case ConditionTypes.NOVA_COMPUTE, ConditionTypes.CELL_DISCOVERY -> members.stream()
                        .map(c -> (NodeStatus) c.getStatus()).toList();
                default -> ConditionTypes.HOST.contains(type) ? all : ctl.map(List::of).orElse(List.of());
            };
            writer.aggregate(status, type, from, controllers.isEmpty());
        }
        if (computes.isEmpty()) {
            writer.noComputes(status, List.of(ConditionTypes.NOVA_COMPUTE, ConditionTypes.CELL_DISCOVERY));
        }
        status.controller = controllers.stream().findFirst().map(c -> c.getSpec().hostname).orElse(null);
        status.endpoints = status.controller == null ? null : endpoints(status.controller);
        int ready = (int) computes.stream().filter(c -> c.getStatus() != null
                && Conditions.isTrue(c.getStatus().conditions, ConditionTypes.READY)).count();
        int done = all.stream().filter(s -> s != null && s.steps != null).mapToInt(s -> s.steps.done).sum();
        int total = all.stream().filter(s -> s != null && s.steps != null).mapToInt(s -> s.steps.total).sum();
        writer.finishCluster(status, name, Boolean.TRUE.equals(cluster.getSpec().paused), ready, computes.size(), done, total);
        return services.statusPatch.control(cluster, before);
    }

    /** Fills the passwords Secret while no host uses it; reports the keys it lacks once hosts do (never refills). */
    private void passwords(PikeCluster cluster, PikeClusterStatus status, List<ControllerNode> controllers,
                           List<ComputeNode> computes, StatusWriter writer) {
        String secret = ClusterLoader.passwordsSecretName(cluster);
        List<NodeStatus> nodes = new ArrayList<>();
        controllers.forEach(c -> nodes.add(c.getStatus()));
        computes.forEach(c -> nodes.add(c.getStatus()));
        boolean provisioned = PasswordsSecret.provisioned(cluster, nodes);
        try {
            PasswordsSecret.Decision d = PasswordsSecret.complete(services, cluster, provisioned);
            writer.passwords(status, d, provisioned, secret);
            if (d.kind() == PasswordsSecret.Kind.COMPLETE) {
                rotation(cluster, status, nodes, provisioned, writer);
            }
        } catch (Passwords.InvalidPasswordException e) {
            writer.invalidPassword(status, e.getMessage());
        }
    }

    /** Names the cluster's Secrets that lack the watch label: still read, but a change to one wakes nothing. */
    private void secretsWatched(PikeCluster cluster, PikeClusterStatus status, StatusWriter writer) {
        List<String> unlabeled = services.loader.unlabeledSecrets(cluster);
        String label = ClusterLoader.SECRET_LABEL + "=" + ClusterLoader.SECRET_LABEL_VALUE;
        writer.secretsWatched(status, unlabeled, "the cluster's Secrets carry " + label,
                "Secret " + String.join(", ", unlabeled) + " lacks the label " + label + ": the operator reads it from the "
                        + "API on every pass and does not see it change; label it: kubectl -n "
                        + cluster.getMetadata().getNamespace() + " label secret " + String.join(" ", unlabeled) + " " + label);
    }

    /**
     * Follows a rotation: keys of the Secret that differ from the applied set are rotating (the node reconcilers
     * carry the previous values to the hosts' steps); once every node converged with the Secret as it is, the Secret
     * becomes the applied set. Condition PasswordsRotating and Events name the keys, never a value.
     */
    private void rotation(PikeCluster cluster, PikeClusterStatus status, List<NodeStatus> nodes, boolean provisioned,
                          StatusWriter writer) {
        String ns = cluster.getMetadata().getNamespace();
        String secret = ClusterLoader.passwordsSecretName(cluster);
        Optional<io.fabric8.kubernetes.api.model.Secret> current = services.loader.secretResource(ns, secret);
        if (current.isEmpty()) {
            return;
        }
        String version = current.get().getMetadata().getResourceVersion();
        boolean everyNode = !nodes.isEmpty() && nodes.stream().allMatch(n -> n != null && version != null
                && version.equals(n.passwordsVersion));
        Map<String, String> values = ClusterLoader.decode(current.get());
        PasswordsRotation.Decision d = PasswordsRotation.decide(values, AppliedPasswords.read(services.loader, cluster),
                provisioned, everyNode);
        if (d.kind() == PasswordsRotation.Kind.RECORD || d.kind() == PasswordsRotation.Kind.FINISHED) {
            AppliedPasswords.write(services, cluster, values);
        }
        writer.rotation(status, d, secret);
    }

    static Endpoints endpoints(String controller) {
        Endpoints e = new Endpoints();
        e.identity = "http://" + controller + ":5000/v3/";
        e.image = "http://" + controller + ":9292";
        e.compute = "http://" + controller + ":8774/v2.1";
        e.placement = "http://" + controller + ":8778";
        return e;
    }
}

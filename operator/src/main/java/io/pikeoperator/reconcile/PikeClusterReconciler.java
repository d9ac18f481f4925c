package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ComputesStatus;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.Endpoints;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.api.v1alpha1.PikeClusterStatus;
import io.pikeoperator.plan.Passwords;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

import java.time.Instant;
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
        PikeClusterStatus before = NodeStatuses.copy(cluster.getStatus());
        PikeClusterStatus status = cluster.getStatus() == null ? new PikeClusterStatus() : cluster.getStatus();
        cluster.setStatus(status);
        Long generation = cluster.getMetadata().getGeneration();
        Instant now = Instant.now();
        String ns = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        List<ControllerNode> controllers = services.loader.controllers(ns, name);
        List<ComputeNode> computes = services.loader.computes(ns, name);
        passwords(cluster, status, controllers, computes, generation, now);
        secretsWatched(cluster, status, generation, now);
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
            aggregate(status.conditions, type, from, controllers.isEmpty(), generation, now);
        }
        if (computes.isEmpty()) {
            for (String type : List.of(ConditionTypes.NOVA_COMPUTE, ConditionTypes.CELL_DISCOVERY)) {
                Conditions.set(status.conditions, type, Conditions.FALSE, "NoComputeNodes",
                        "the cluster has no ComputeNode", generation, now);
            }
        }
        Conditions.summarize(status.conditions, ConditionTypes.CLUSTER, generation, now);
        Optional<Condition> pw = Conditions.find(status.conditions, ConditionTypes.PASSWORDS);
        if (pw.isPresent() && PasswordsSecret.LOST.equals(pw.get().getReason())) {
            // the hosts keep running, but the operator can no longer manage them
            Conditions.set(status.conditions, ConditionTypes.READY, Conditions.FALSE, PasswordsSecret.LOST,
                    pw.get().getMessage(), generation, now);
        }
        Phase phase = NodeStatuses.phase(status.conditions, status.phase);
        if (phase != status.phase) {
            if (phase == Phase.Ready) {
                services.events.normal(cluster, "Ready", "every service is ready and the guide's verification passes");
            } else if (phase == Phase.Degraded || phase == Phase.Failed) {
                services.events.warning(cluster, phase.name(), Conditions.find(status.conditions, ConditionTypes.READY)
                        .map(Condition::getMessage).orElse(""));
            }
        }
        status.phase = phase;
        status.observedGeneration = generation;
        status.controller = controllers.stream().findFirst().map(c -> c.getSpec().hostname).orElse(null);
        status.servicesReady = Conditions.readyCount(status.conditions, ConditionTypes.CLUSTER);
        int ready = (int) computes.stream().filter(c -> c.getStatus() != null
                && Conditions.isTrue(c.getStatus().conditions, ConditionTypes.READY)).count();
        status.computes = new ComputesStatus(ready, computes.size());
        status.computesReady = ready + "/" + computes.size();
        status.endpoints = status.controller == null ? null : endpoints(status.controller);
        int done = all.stream().filter(s -> s != null && s.steps != null).mapToInt(s -> s.steps.done).sum();
        int total = all.stream().filter(s -> s != null && s.steps != null).mapToInt(s -> s.steps.total).sum();
        status.progress = done + "/" + total + " steps";
        status.message = Boolean.TRUE.equals(cluster.getSpec().paused) ? "paused: hosts are not touched"
                : Conditions.find(status.conditions, ConditionTypes.READY).map(Condition::getMessage).orElse(null);
        services.metrics.phase(name, phase);
        for (String type : ConditionTypes.CLUSTER) {
            services.metrics.serviceReady(name, type, Conditions.isTrue(status.conditions, type));
        }
        return NodeStatuses.changed(before, status) ? UpdateControl.patchStatus(cluster) : UpdateControl.noUpdate();
    }

    /** Fills the passwords Secret while no host uses it; reports the keys it lacks once hosts do (never refills). */
    private void passwords(PikeCluster cluster, PikeClusterStatus status, List<ControllerNode> controllers,
                           List<ComputeNode> computes, Long generation, Instant now) {
        String secret = ClusterLoader.passwordsSecretName(cluster);
        List<NodeStatus> nodes = new ArrayList<>();
        controllers.forEach(c -> nodes.add(c.getStatus()));
        computes.forEach(c -> nodes.add(c.getStatus()));
        boolean provisioned = PasswordsSecret.provisioned(cluster, nodes);
        boolean wasLost = Conditions.find(status.conditions, ConditionTypes.PASSWORDS)
                .map(c -> PasswordsSecret.LOST.equals(c.getReason())).orElse(false);
        try {
            PasswordsSecret.Decision d = PasswordsSecret.complete(services, cluster, provisioned);
            switch (d.kind()) {
                case GENERATE -> {
                    services.events.normal(cluster, "PasswordsGenerated", "generated " + String.join(", ", d.missing())
                            + " into Secret " + secret);
                    Conditions.set(status.conditions, ConditionTypes.PASSWORDS, Conditions.TRUE, PasswordsSecret.GENERATED,
                            "generated into Secret " + secret + "; no host uses them yet", generation, now);
                }
                case COMPLETE -> {
                    Conditions.set(status.conditions, ConditionTypes.PASSWORDS, Conditions.TRUE,
                            provisioned ? PasswordsSecret.APPLIED : PasswordsSecret.COMPLETE,
                            provisioned ? "the hosts use the passwords of Secret " + secret
                                    : "Secret " + secret + " holds every password; no host uses them yet", generation, now);
                    if (wasLost) {
                        services.events.normal(cluster, "PasswordsRestored", "Secret " + secret + " holds every password again");
                    }
                    rotation(cluster, status, nodes, provisioned, generation, now);
                }
                case LOST -> {
                    String message = PasswordsSecret.lostMessage(secret, d.missing());
                    boolean changed = Conditions.set(status.conditions, ConditionTypes.PASSWORDS, Conditions.FALSE,
                            PasswordsSecret.LOST, message, generation, now);
                    if (!wasLost || changed) {
                        services.events.warning(cluster, PasswordsSecret.LOST, message);
                    }
                }
            }
        } catch (Passwords.InvalidPasswordException e) {
            Conditions.set(status.conditions, ConditionTypes.HOST_REACHABLE, Conditions.FALSE, "InvalidPassword",
                    e.getMessage(), generation, now);
            services.events.warning(cluster, "InvalidPassword", e.getMessage());
        }
    }

    /** Names the cluster's Secrets that lack the watch label: still read, but a change to one wakes nothing. */
    private void secretsWatched(PikeCluster cluster, PikeClusterStatus status, Long generation, Instant now) {
        List<String> unlabeled = services.loader.unlabeledSecrets(cluster);
        if (unlabeled.isEmpty()) {
            Conditions.set(status.conditions, ConditionTypes.SECRETS_WATCHED, Conditions.TRUE, "Labeled",
                    "the cluster's Secrets carry " + ClusterLoader.SECRET_LABEL + "=" + ClusterLoader.SECRET_LABEL_VALUE,
                    generation, now);
            return;
        }
        String message = "Secret " + String.join(", ", unlabeled) + " lacks the label " + ClusterLoader.SECRET_LABEL + "="
                + ClusterLoader.SECRET_LABEL_VALUE + ": the operator reads it from the API on every pass and does not see it "
                + "change; label it: kubectl -n " + cluster.getMetadata().getNamespace() + " label secret "
                + String.join(" ", unlabeled) + " " + ClusterLoader.SECRET_LABEL + "=" + ClusterLoader.SECRET_LABEL_VALUE;
        if (Conditions.set(status.conditions, ConditionTypes.SECRETS_WATCHED, Conditions.FALSE, "SecretNotLabeled", message,
                generation, now)) {
            services.events.warning(cluster, "SecretNotLabeled", message);
        }
    }

    /**
     * Follows a rotation: keys of the Secret that differ from the applied set are rotating (the node reconcilers
     * carry the previous values to the hosts' steps); once every node converged with the Secret as it is, the Secret
     * becomes the applied set. Condition PasswordsRotating and Events name the keys, never a value.
     */
    private void rotation(PikeCluster cluster, PikeClusterStatus status, List<NodeStatus> nodes, boolean provisioned,
                          Long generation, Instant now) {
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
        String type = ConditionTypes.PASSWORDS_ROTATING;
        Optional<Condition> was = Conditions.find(status.conditions, type);
        switch (d.kind()) {
            case NOT_PROVISIONED, IDLE -> {
                if (was.isPresent() && Conditions.TRUE.equals(was.get().getStatus())) {
                    // the pass that recorded the applied set may not have got its status written: finish it here
                    String message = "rotation finished: every node converged with the values of Secret " + secret;
                    Conditions.set(status.conditions, type, Conditions.FALSE, PasswordsRotation.ROTATED, message,
                            generation, now);
                    services.events.normal(cluster, "PasswordsRotated", message);
                } else if (was.isEmpty()) {
                    Conditions.set(status.conditions, type, Conditions.FALSE, PasswordsRotation.IDLE,
                            "no rotation under way", generation, now);
                }
            }
            case RECORD -> {
                AppliedPasswords.write(services, cluster, values);
                Conditions.set(status.conditions, type, Conditions.FALSE, PasswordsRotation.IDLE, "no rotation under way",
                        generation, now);
            }
            case ROTATING -> {
                String message = PasswordsRotation.rotatingMessage(secret, d.keys());
                boolean started = was.isEmpty() || !Conditions.TRUE.equals(was.get().getStatus())
                        || !message.equals(was.get().getMessage());
                Conditions.set(status.conditions, type, Conditions.TRUE, PasswordsRotation.ROTATING, message, generation, now);
                if (started) {
                    services.events.normal(cluster, "PasswordsRotating", "rotation started: " + message);
                }
            }
            case FINISHED -> {
                AppliedPasswords.write(services, cluster, values);
                String message = PasswordsRotation.rotatedMessage(secret, d.keys());
                Conditions.set(status.conditions, type, Conditions.FALSE, PasswordsRotation.ROTATED, message, generation, now);
                services.events.normal(cluster, "PasswordsRotated", message);
            }
        }
    }

    private static void aggregate(List<Condition> conditions, String type, List<NodeStatus> nodes, boolean noController,
                                  Long generation, Instant now) {
        if (noController && !ConditionTypes.HOST.contains(type)) {
            Conditions.set(conditions, type, Conditions.FALSE, "NoControllerNode", "the cluster has no ControllerNode",
                    generation, now);
            return;
        }
        for (NodeStatus s : nodes) {
            Optional<Condition> c = s == null ? Optional.empty() : Conditions.find(s.conditions, type);
            if (c.isEmpty()) {
                Conditions.set(conditions, type, Conditions.UNKNOWN, Conditions.REASON_NOT_EVALUATED,
                        type + " has not been evaluated yet", generation, now);
                return;
            }
            if (!Conditions.TRUE.equals(c.get().getStatus())) {
                Conditions.set(conditions, type, c.get().getStatus(), c.get().getReason(), c.get().getMessage(), generation, now);
                return;
            }
        }
        if (!nodes.isEmpty()) {
            Conditions.set(conditions, type, Conditions.TRUE, "Ready", nodes.size() == 1 ? "ready"
                    : "ready on " + nodes.size() + " nodes", generation, now);
        }
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

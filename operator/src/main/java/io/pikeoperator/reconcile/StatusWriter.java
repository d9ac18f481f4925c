package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.ComputeNodeStatus;
import io.pikeoperator.api.v1alpha1.ComputesStatus;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeClusterStatus;
import io.pikeoperator.api.v1alpha1.StepProgress;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.Redactor;
import io.pikeoperator.engine.StepResult;
import io.pikeoperator.plan.InstallOrder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The only writer of status: conditions, phase, progress, counts, and the status Events of one object in one
 * reconcile. The reconcilers decide (gate, run, rotate) and hand over what was decided and the host runs' reports;
 * values decided on the host (facts, virt type) are copied from the report, never worked out again.
 */
final class StatusWriter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatusWriter.class);

    /**
     * Reasons that mean the host could not be talked to (HostReachable=False). A step that hangs on a host that
     * answers is the step's failure ({@code StepTimedOut}), not the host's.
     */
    static final Set<String> SSH_REASONS = Set.of("HostKeyMismatch", "HostKeyUnknown", "HostKeyNotTrusted",
            "AuthenticationFailed", "HostUnreachable", "ConnectionDropped");
    /** Reasons of an object that is waiting, not failing. */
    static final Set<String> WAITING = ConditionMeaning.WAITING;
    /** Conditions beside the services' health: they never make a phase Failed. */
    static final Set<String> NOT_HEALTH = ConditionMeaning.NOT_HEALTH;

    private final HasMetadata on;
    private final EventSink events;
    private final OperatorMetrics metrics;
    private final Long generation;
    private final Instant now;

    StatusWriter(HasMetadata on, EventSink events, OperatorMetrics metrics, Instant now) {
        this.on = on;
        this.events = events;
        this.metrics = metrics;
        this.generation = on.getMetadata().getGeneration();
        this.now = now;
    }

    static StatusWriter of(HasMetadata on, OperatorServices services) {
        return new StatusWriter(on, services.events, services.metrics, Instant.now());
    }

    // ---- a node ----

    /**
     * Sets the condition of each of {@code types} that the report has steps for: True when all its steps are
     * converged, False with the failing step's reason and message, False with the reason of the install order's
     * wait when held by one of {@code waiting}, Unknown {@code NotReached} after an earlier failure. HostReachable
     * comes from how the run went.
     */
    void ran(NodeStatus status, HostReport report, List<String> types) {
        ran(status, report, types, List.of());
    }

    void ran(NodeStatus status, HostReport report, List<String> types, List<InstallOrder.Stage> waiting) {
        Optional<StepResult> failure = report.failure();
        for (String type : types) {
            if (type.equals(ConditionTypes.HOST_REACHABLE)) {
                boolean unreachable = failure.isPresent() && SSH_REASONS.contains(failure.get().reason());
                if (unreachable) {
                    set(status.conditions, type, Conditions.FALSE, failure.get().reason(), failure.get().message());
                } else {
                    set(status.conditions, type, Conditions.TRUE, "Connected", "SSH works");
                }
                continue;
            }
            List<StepResult> of = report.results().stream().filter(r -> r.service().equals(type)).toList();
            if (of.isEmpty()) {
                continue;
            }
            Optional<StepResult> failed = of.stream().filter(r -> r.outcome() == Outcome.FAILED).findFirst();
            Optional<StepResult> skipped = of.stream().filter(r -> r.outcome() == Outcome.SKIPPED).findFirst();
            if (failed.isPresent()) {
                StepResult f = failed.get();
                String reason = SSH_REASONS.contains(f.reason()) ? "HostUnreachable" : f.reason();
                set(status.conditions, type, Conditions.FALSE, reason, f.step() + ": " + f.message());
            } else if (skipped.isPresent() && skipped.get().message() != null && skipped.get().message().startsWith("waiting")) {
                String reason = waiting.stream().filter(w -> w.services().contains(type)).findFirst()
                        .map(w -> w.waitsFor().reason()).orElse("Waiting");
                set(status.conditions, type, Conditions.FALSE, reason, skipped.get().step() + ": " + skipped.get().message());
            } else if (skipped.isPresent()) {
                String blocker = failure.map(f -> f.service() + " failed").orElse("an earlier step did not finish");
                set(status.conditions, type, Conditions.UNKNOWN, "NotReached", "not checked: " + blocker);
            } else {
                // The message stays the same run after run, so a steady state writes no status.
                set(status.conditions, type, Conditions.TRUE, "Converged",
                        of.size() + (of.size() == 1 ? " step converged" : " steps converged"));
            }
        }
    }

    /**
     * A part of the install order this node runs is held for another: {@code type} is False with the wait's reason
     * (the checks of a held service may pass on what they saw; it counts only once the wait is over).
     */
    void held(NodeStatus status, String type, String reason, String message) {
        set(status.conditions, type, Conditions.FALSE, reason, message);
    }

    /**
     * The node cannot run yet (no cluster, no passwords, waiting for another node): the condition that waits is
     * False with the reason, the others of {@code types} not evaluated yet say the same as Unknown.
     */
    void waiting(NodeStatus status, List<String> types, String waitingType, String reason, String message) {
        for (String type : types) {
            if (type.equals(waitingType)) {
                set(status.conditions, type, Conditions.FALSE, reason, message);
            } else if (Conditions.find(status.conditions, type).map(c -> Conditions.UNKNOWN.equals(c.getStatus()))
                    .orElse(true)) {
                // not evaluated yet: say why now (an older wait's reason would otherwise become Ready's)
                set(status.conditions, type, Conditions.UNKNOWN, reason, message);
            }
        }
        status.message = message;
    }

    /** The controller's gate is closed: its host is not talked to (False when its cluster is gone). */
    void gateClosed(NodeStatus status, String reason, String message) {
        set(status.conditions, ConditionTypes.HOST_REACHABLE, reason.equals("ClusterNotFound") ? Conditions.FALSE
                : Conditions.UNKNOWN, reason, message);
    }

    /** The node's inputs are wrong ({@code types} False, a Warning); {@code alone}: only this node, it says so. */
    void inputError(NodeStatus status, List<String> types, String reason, String message, boolean alone) {
        for (String type : types) {
            set(status.conditions, type, Conditions.FALSE, reason, message);
        }
        if (alone) {
            status.message = reason + ": " + message;
        }
        events.warning(on, reason, message);
    }

    /** {@code type} was not looked at because the host before it did not converge. */
    void notReached(NodeStatus status, String type, String message) {
        set(status.conditions, type, Conditions.UNKNOWN, "NotReached", message);
    }

    /**
     * The controller's run for one compute (see it up, discover it): CellDiscovery from that run, NovaCompute False
     * when the controller does not see it up; Events on the compute.
     */
    void discovery(ComputeNodeStatus status, HostReport cell, String host, Redactor redactor) {
        ran(status, cell, List.of(ConditionTypes.CELL_DISCOVERY));
        cell.failure().filter(f -> f.service().equals(ConditionTypes.NOVA_COMPUTE)).ifPresent(f -> set(
                status.conditions, ConditionTypes.NOVA_COMPUTE, Conditions.FALSE, f.reason(), f.step() + ": " + f.message()));
        status.discovered = cell.converged();
        cell.failure().ifPresent(f -> events.record(on, "Warning", f.reason(), f.step() + ": " + f.message(), redactor));
        if (cell.converged()) {
            events.normal(on, "Discovered", host + " is up in Nova and mapped into cell1");
        }
    }

    /**
     * Facts, decisions, progress and Events from this node's own run; lastConvergedTime moves only when a run
     * converged after changes. {@code previous}: the conditions before this reconcile (for ServiceReady).
     */
    void record(NodeStatus status, HostReport report, List<Condition> previous, String cluster, Redactor redactor) {
        if (report.facts() != null && report.facts().osRelease != null) {
            status.facts = report.facts();
        }
        if (status instanceof ComputeNodeStatus compute && report.decisions().virtType() != null) {
            compute.virtType = report.decisions().virtType();
        }
        status.steps = progress(report);
        status.progress = status.steps.done + "/" + status.steps.total;
        if (report.converged() && (report.changed() || status.lastConvergedTime == null)) {
            status.lastConvergedTime = Conditions.timestamp(now);
        }
        status.message = report.failure().map(f -> f.service() + "/" + f.step() + ": " + f.reason()).orElse(null);
        report.failure().ifPresent(f -> events.record(on, "Warning", f.reason(),
                f.service() + " / " + f.step() + ": " + f.message(), redactor));
        List<String> nowReady = status.conditions.stream().filter(c -> Conditions.TRUE.equals(c.getStatus())
                        && !c.getType().equals(ConditionTypes.READY) && !Conditions.isTrue(previous, c.getType()))
                .map(Condition::getType).toList();
        if (!nowReady.isEmpty()) {
            events.normal(on, "ServiceReady", String.join(", ", nowReady) + " ready on " + report.host()
                    + (report.changed() ? " (changed " + report.count(Outcome.CHANGED) + " steps)" : ""));
        }
        for (Condition c : status.conditions) {
            if (!c.getType().equals(ConditionTypes.READY)) {
                metrics.serviceReady(cluster + "/" + report.host(), c.getType(), Conditions.TRUE.equals(c.getStatus()));
            }
        }
    }

    /**
     * Ends a node's reconcile: Ready from {@code types}, the passwords version once Ready after a run with them
     * ({@code ranWith}, null when nothing ran), observedGeneration, phase.
     */
    void finish(NodeStatus status, List<String> types, String ranWith) {
        summarize(status.conditions, types);
        if (ranWith != null && Conditions.isTrue(status.conditions, ConditionTypes.READY)) {
            // the cluster ends a rotation when every node says so
            status.passwordsVersion = ranWith;
        }
        status.observedGeneration = generation;
        status.phase = phase(status.conditions, status.phase);
    }

    static StepProgress progress(HostReport report) {
        StepProgress p = new StepProgress();
        p.total = report.results().size();
        p.done = (int) report.results().stream().filter(r -> r.outcome() == Outcome.UNCHANGED
                || r.outcome() == Outcome.CHANGED).count();
        p.current = report.results().stream().filter(r -> r.outcome() != Outcome.UNCHANGED && r.outcome() != Outcome.CHANGED)
                .findFirst().map(r -> r.service() + "/" + r.step()).orElse(null);
        return p;
    }

    static Phase phase(List<Condition> conditions, Phase before) {
        if (Conditions.isTrue(conditions, ConditionTypes.READY)) {
            return Phase.Ready;
        }
        boolean failing = conditions.stream().anyMatch(c -> Conditions.FALSE.equals(c.getStatus())
                && !c.getType().equals(ConditionTypes.READY) && !NOT_HEALTH.contains(c.getType())
                && !WAITING.contains(c.getReason()));
        if (before == Phase.Ready || before == Phase.Degraded) {
            return Phase.Degraded;
        }
        if (failing) {
            return Phase.Failed;
        }
        boolean evaluated = conditions.stream().anyMatch(c -> !c.getType().equals(ConditionTypes.READY)
                && !Conditions.UNKNOWN.equals(c.getStatus()));
        return evaluated ? Phase.Provisioning : Phase.Pending;
    }

    // ---- the cluster ----

    /** The passwords Secret as the cluster reconciler found (and filled) it. */
    void passwords(PikeClusterStatus status, PasswordsSecret.Decision d, boolean provisioned, String secret) {
        boolean wasLost = Conditions.find(status.conditions, ConditionTypes.PASSWORDS)
                .map(c -> PasswordsSecret.LOST.equals(c.getReason())).orElse(false);
        switch (d.kind()) {
            case GENERATE -> {
                events.normal(on, "PasswordsGenerated", "generated " + String.join(", ", d.missing()) + " into Secret " + secret);
                set(status.conditions, ConditionTypes.PASSWORDS, Conditions.TRUE, PasswordsSecret.GENERATED,
                        "generated into Secret " + secret + "; no host uses them yet");
            }
            case COMPLETE -> {
                set(status.conditions, ConditionTypes.PASSWORDS, Conditions.TRUE,
                        provisioned ? PasswordsSecret.APPLIED : PasswordsSecret.COMPLETE,
                        provisioned ? "the hosts use the passwords of Secret " + secret
                                : "Secret " + secret + " holds every password; no host uses them yet");
                if (wasLost) {
                    events.normal(on, "PasswordsRestored", "Secret " + secret + " holds every password again");
                }
            }
            case LOST -> {
                String message = PasswordsSecret.lostMessage(secret, d.missing());
                boolean changed = set(status.conditions, ConditionTypes.PASSWORDS, Conditions.FALSE, PasswordsSecret.LOST, message);
                if (!wasLost || changed) {
                    events.warning(on, PasswordsSecret.LOST, message);
                }
            }
        }
    }

    /** A password in the Secret cannot be used (the message names the key, never the value). */
    void invalidPassword(PikeClusterStatus status, String message) {
        set(status.conditions, ConditionTypes.HOST_REACHABLE, Conditions.FALSE, "InvalidPassword", message);
        events.warning(on, "InvalidPassword", message);
    }

    /** SecretsWatched: True, or False naming the Secrets that lack the watch label (a Warning when that changes). */
    void secretsWatched(PikeClusterStatus status, List<String> unlabeled, String labeledMessage, String unlabeledMessage) {
        if (unlabeled.isEmpty()) {
            set(status.conditions, ConditionTypes.SECRETS_WATCHED, Conditions.TRUE, "Labeled", labeledMessage);
        } else if (set(status.conditions, ConditionTypes.SECRETS_WATCHED, Conditions.FALSE, "SecretNotLabeled", unlabeledMessage)) {
            events.warning(on, "SecretNotLabeled", unlabeledMessage);
        }
    }

    /** PasswordsRotating and its Events from the rotation's decision (the keys are named, never a value). */
    void rotation(PikeClusterStatus status, PasswordsRotation.Decision d, String secret) {
        String type = ConditionTypes.PASSWORDS_ROTATING;
        Optional<Condition> was = Conditions.find(status.conditions, type);
        switch (d.kind()) {
            case NOT_PROVISIONED, IDLE -> {
                if (was.isPresent() && Conditions.TRUE.equals(was.get().getStatus())) {
                    // the pass that recorded the applied set may not have got its status written (or a pass from
                    // an older copy wrote over it): finish it here, with the same message as that pass
                    List<String> keys = PasswordsRotation.keysOf(was.get().getMessage());
                    String message = keys.isEmpty()
                            ? "rotation finished: every node converged with the values of Secret " + secret
                            : PasswordsRotation.rotatedMessage(secret, keys);
                    set(status.conditions, type, Conditions.FALSE, PasswordsRotation.ROTATED, message);
                    events.normal(on, "PasswordsRotated", message);
                } else if (was.isEmpty()) {
                    set(status.conditions, type, Conditions.FALSE, PasswordsRotation.IDLE, "no rotation under way");
                }
            }
            case RECORD -> set(status.conditions, type, Conditions.FALSE, PasswordsRotation.IDLE, "no rotation under way");
            case ROTATING -> {
                String message = PasswordsRotation.rotatingMessage(secret, d.keys());
                boolean started = was.isEmpty() || !Conditions.TRUE.equals(was.get().getStatus())
                        || !message.equals(was.get().getMessage());
                set(status.conditions, type, Conditions.TRUE, PasswordsRotation.ROTATING, message);
                if (started) {
                    events.normal(on, "PasswordsRotating", "rotation started: " + message);
                }
            }
            case FINISHED -> {
                String message = PasswordsRotation.rotatedMessage(secret, d.keys());
                set(status.conditions, type, Conditions.FALSE, PasswordsRotation.ROTATED, message);
                events.normal(on, "PasswordsRotated", message);
            }
        }
    }

    /**
     * One cluster condition from the nodes that have it: the first not True, else True; Unknown while a node has
     * not evaluated it. Without a controller, the controller's services are False NoControllerNode.
     */
    void aggregate(PikeClusterStatus status, String type, List<NodeStatus> nodes, boolean noController) {
        if (noController && !ConditionTypes.HOST.contains(type)) {
            set(status.conditions, type, Conditions.FALSE, "NoControllerNode", "the cluster has no ControllerNode");
            return;
        }
        for (NodeStatus s : nodes) {
            Optional<Condition> c = s == null ? Optional.empty() : Conditions.find(s.conditions, type);
            if (c.isEmpty()) {
                set(status.conditions, type, Conditions.UNKNOWN, Conditions.REASON_NOT_EVALUATED,
                        type + " has not been evaluated yet");
                return;
            }
            if (!Conditions.TRUE.equals(c.get().getStatus())) {
                set(status.conditions, type, c.get().getStatus(), c.get().getReason(), c.get().getMessage());
                return;
            }
        }
        if (!nodes.isEmpty()) {
            set(status.conditions, type, Conditions.TRUE, "Ready", nodes.size() == 1 ? "ready" : "ready on " + nodes.size() + " nodes");
        }
    }

    /** A cluster without ComputeNodes: {@code types} (what the computes provide) are False NoComputeNodes. */
    void noComputes(PikeClusterStatus status, List<String> types) {
        for (String type : types) {
            set(status.conditions, type, Conditions.FALSE, "NoComputeNodes", "the cluster has no ComputeNode");
        }
    }

    /**
     * Ends the cluster's reconcile: Ready (False PasswordsLost whatever the services say: the operator can no longer
     * manage the hosts), phase with its Event on a change, counts, progress, message, metrics.
     */
    void finishCluster(PikeClusterStatus status, String name, boolean paused, int computesReady, int computes,
                       int stepsDone, int stepsTotal) {
        summarize(status.conditions, ConditionTypes.CLUSTER);
        Optional<Condition> pw = Conditions.find(status.conditions, ConditionTypes.PASSWORDS);
        if (pw.isPresent() && PasswordsSecret.LOST.equals(pw.get().getReason())) {
            set(status.conditions, ConditionTypes.READY, Conditions.FALSE, PasswordsSecret.LOST, pw.get().getMessage());
        }
        Phase phase = phase(status.conditions, status.phase);
        if (phase != status.phase) {
            if (phase == Phase.Ready) {
                events.normal(on, "Ready", "every service is ready and the guide's verification passes");
            } else if (phase == Phase.Degraded || phase == Phase.Failed) {
                events.warning(on, phase.name(), Conditions.find(status.conditions, ConditionTypes.READY)
                        .map(Condition::getMessage).orElse(""));
            }
        }
        status.phase = phase;
        status.observedGeneration = generation;
        status.servicesReady = Conditions.readyCount(status.conditions, ConditionTypes.CLUSTER);
        status.computes = new ComputesStatus(computesReady, computes);
        status.computesReady = computesReady + "/" + computes;
        status.progress = stepsDone + "/" + stepsTotal + " steps";
        status.message = paused ? "paused: hosts are not touched"
                : Conditions.find(status.conditions, ConditionTypes.READY).map(Condition::getMessage).orElse(null);
        metrics.phase(name, phase);
        for (String type : ConditionTypes.CLUSTER) {
            metrics.serviceReady(name, type, Conditions.isTrue(status.conditions, type));
        }
    }

    private boolean set(List<Condition> conditions, String type, String status, String reason, String message) {
        String before = statusOf(conditions, type);
        boolean changed = Conditions.set(conditions, type, status, reason, message, generation, now);
        logTransition(conditions, type, before);
        return changed;
    }

    /** Ready derived from {@code types}, with a log line when it moves. */
    private void summarize(List<Condition> conditions, List<String> types) {
        String before = statusOf(conditions, ConditionTypes.READY);
        Conditions.summarize(conditions, types, generation, now);
        logTransition(conditions, ConditionTypes.READY, before);
    }

    private static String statusOf(List<Condition> conditions, String type) {
        return Conditions.find(conditions, type).map(Condition::getStatus).orElse(null);
    }

    /** A condition that changed status is one log line (condition messages are redacted, as all of status). */
    private void logTransition(List<Condition> conditions, String type, String before) {
        Conditions.find(conditions, type).filter(c -> !c.getStatus().equals(before)).ifPresent(c -> LOG.info(
                "{} {}: {} {} -> {}: {}: {}", on.getKind(), on.getMetadata().getName(), type,
                before == null ? "(new)" : before, c.getStatus(), c.getReason(), c.getMessage()));
    }
}

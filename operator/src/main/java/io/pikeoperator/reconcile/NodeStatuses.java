package io.pikeoperator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Redactor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Node status bookkeeping shared by the controller and compute reconcilers: phase, progress, facts, Events. */
final class NodeStatuses {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reasons of a node that is waiting, not failing. */
    static final Set<String> WAITING = Set.of("WaitingForComputes", "WaitingForController", "WaitingForPasswords",
            "NotReached", Conditions.REASON_NOT_EVALUATED);

    private NodeStatuses() {
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T status) {
        if (status == null) {
            return null;
        }
        return (T) JSON.convertValue(status, status.getClass());
    }

    /** Status is written only when it changed (a steady-state resync writes nothing). */
    static boolean changed(Object before, Object after) {
        return !Objects.equals(JSON.valueToTree(before), JSON.valueToTree(after));
    }

    static void finish(NodeStatus status, Long generation) {
        status.observedGeneration = generation;
        status.phase = phase(status.conditions, status.phase);
    }

    static Phase phase(List<Condition> conditions, Phase before) {
        if (Conditions.isTrue(conditions, ConditionTypes.READY)) {
            return Phase.Ready;
        }
        boolean failing = conditions.stream().anyMatch(c -> Conditions.FALSE.equals(c.getStatus())
                && !c.getType().equals(ConditionTypes.READY) && !WAITING.contains(c.getReason()));
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

    /** Facts, progress and Events from a run; lastConvergedTime moves only when a run converged after changes. */
    static void record(HasMetadata node, NodeStatus status, HostReport report, List<Condition> previous,
                       OperatorServices services, String cluster, Redactor redactor) {
        if (report.facts() != null && report.facts().osRelease != null) {
            status.facts = report.facts();
        }
        status.steps = ReportConditions.progress(report);
        status.progress = status.steps.done + "/" + status.steps.total;
        if (report.converged() && (report.changed() || status.lastConvergedTime == null)) {
            status.lastConvergedTime = Conditions.timestamp(Instant.now());
        }
        status.message = report.failure().map(f -> f.service() + "/" + f.step() + ": " + f.reason()).orElse(null);
        report.failure().ifPresent(f -> services.events.record(node, "Warning", f.reason(),
                f.service() + " / " + f.step() + ": " + f.message(), redactor));
        List<String> nowReady = status.conditions.stream().filter(c -> Conditions.TRUE.equals(c.getStatus())
                        && !c.getType().equals(ConditionTypes.READY) && !Conditions.isTrue(previous, c.getType()))
                .map(Condition::getType).toList();
        if (!nowReady.isEmpty()) {
            services.events.normal(node, "ServiceReady", String.join(", ", nowReady) + " ready on "
                    + report.host() + (report.changed() ? " (changed " + report.count(io.pikeoperator.engine.Outcome.CHANGED)
                    + " steps)" : ""));
        }
        for (Condition c : status.conditions) {
            if (!c.getType().equals(ConditionTypes.READY)) {
                services.metrics.serviceReady(cluster + "/" + report.host(), c.getType(), Conditions.TRUE.equals(c.getStatus()));
            }
        }
    }
}

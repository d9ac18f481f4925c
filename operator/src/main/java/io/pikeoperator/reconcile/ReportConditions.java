package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.StepProgress;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.StepResult;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The one place where a run's step results become status conditions and progress. */
final class ReportConditions {

    /**
     * Reasons that mean the host could not be talked to (HostReachable=False). A step that hangs on a host that
     * answers is the step's failure ({@code StepTimedOut}), not the host's.
     */
    static final Set<String> SSH_REASONS = Set.of("HostKeyMismatch", "HostKeyUnknown", "HostKeyNotTrusted",
            "AuthenticationFailed", "HostUnreachable", "ConnectionDropped");

    private ReportConditions() {
    }

    /**
     * Sets the condition of each of {@code types} that the report has steps for: True when all its steps are
     * converged, False with the failing step's reason and message, False {@code WaitingForComputes} when held,
     * Unknown {@code NotReached} after an earlier failure. HostReachable comes from how the run went.
     */
    static boolean apply(List<Condition> conditions, HostReport report, List<String> types, Long generation, Instant now) {
        boolean changed = false;
        Optional<StepResult> failure = report.failure();
        for (String type : types) {
            if (type.equals(ConditionTypes.HOST_REACHABLE)) {
                boolean unreachable = failure.isPresent() && SSH_REASONS.contains(failure.get().reason());
                changed |= unreachable
                        ? Conditions.set(conditions, type, Conditions.FALSE, failure.get().reason(), failure.get().message(), generation, now)
                        : Conditions.set(conditions, type, Conditions.TRUE, "Connected", "SSH works", generation, now);
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
                changed |= Conditions.set(conditions, type, Conditions.FALSE, reason, f.step() + ": " + f.message(), generation, now);
            } else if (skipped.isPresent() && skipped.get().message() != null && skipped.get().message().startsWith("waiting")) {
                changed |= Conditions.set(conditions, type, Conditions.FALSE, "WaitingForComputes",
                        skipped.get().step() + ": " + skipped.get().message(), generation, now);
            } else if (skipped.isPresent()) {
                String blocker = failure.map(f -> f.service() + " failed").orElse("an earlier step did not finish");
                changed |= Conditions.set(conditions, type, Conditions.UNKNOWN, "NotReached", "not checked: " + blocker,
                        generation, now);
            } else {
                // The message stays the same run after run, so a steady state writes no status.
                changed |= Conditions.set(conditions, type, Conditions.TRUE, "Converged", of.size() + " steps converged",
                        generation, now);
            }
        }
        return changed;
    }

    /** Sets every one of {@code types} to the same verdict (waiting for something, an input error). */
    static boolean setAll(List<Condition> conditions, List<String> types, String status, String reason, String message,
                          Long generation, Instant now) {
        boolean changed = false;
        for (String type : types) {
            changed |= Conditions.set(conditions, type, status, reason, message, generation, now);
        }
        return changed;
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
}

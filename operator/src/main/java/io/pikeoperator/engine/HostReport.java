package io.pikeoperator.engine;

import io.pikeoperator.api.v1alpha1.HostFacts;

import java.util.List;
import java.util.Optional;

/**
 * What one run of a host plan did: a result per step, the facts found with the decisions made from them, and how
 * many execs it cost.
 */
public record HostReport(String host, List<StepResult> results, HostDecisions decisions, int execs) {

    /** The host's facts, null when they were not read. */
    public HostFacts facts() {
        return decisions.facts();
    }

    public boolean converged() {
        return results.stream().allMatch(r -> r.outcome() == Outcome.UNCHANGED || r.outcome() == Outcome.CHANGED);
    }

    public boolean changed() {
        return results.stream().anyMatch(r -> r.outcome() == Outcome.CHANGED);
    }

    public Optional<StepResult> failure() {
        return results.stream().filter(r -> r.outcome() == Outcome.FAILED).findFirst();
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }
}

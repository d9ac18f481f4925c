package io.pikeoperator.cli;

import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.StepResult;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a deployment did to one host over all its runs (the controller runs twice: before and after the computes).
 * A step changed in the first run and unchanged in the second counts once, as changed; the rest is the last run's.
 */
record HostTally(String host, int changed, int unchanged, int wouldChange, int failed, int skipped, int execs,
                 Duration time, List<StepResult> steps) {

    /** {@code time}: the wall time of the runs. */
    static HostTally of(String host, List<HostReport> runs, Duration time) {
        Set<String> changedSteps = new HashSet<>();
        int execs = 0;
        for (HostReport run : runs) {
            execs += run.execs();
            for (StepResult r : run.results()) {
                if (r.outcome() == Outcome.CHANGED) {
                    changedSteps.add(r.service() + "/" + r.step());
                }
            }
        }
        List<StepResult> last = runs.get(runs.size() - 1).results();
        int unchanged = (int) last.stream().filter(r -> r.outcome() == Outcome.UNCHANGED
                && !changedSteps.contains(r.service() + "/" + r.step())).count();
        return new HostTally(host, changedSteps.size(), unchanged, count(last, Outcome.WOULD_CHANGE),
                count(last, Outcome.FAILED), count(last, Outcome.SKIPPED), execs, time, last);
    }

    private static int count(List<StepResult> results, Outcome outcome) {
        return (int) results.stream().filter(r -> r.outcome() == outcome).count();
    }

    Optional<StepResult> failure() {
        return steps.stream().filter(r -> r.outcome() == Outcome.FAILED).findFirst();
    }

    /** The last run's skipped steps. */
    List<StepResult> skippedSteps() {
        return steps.stream().filter(r -> r.outcome() == Outcome.SKIPPED).toList();
    }
}

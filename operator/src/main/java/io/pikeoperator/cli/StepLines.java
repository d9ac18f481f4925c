package io.pikeoperator.cli;

import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.StepListener;
import io.pikeoperator.engine.StepResult;

import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One line per finished step of the chosen outcomes: host, service, step, outcome, duration, and what differed or
 * why it failed. --verbose shows every outcome; otherwise only what changed (or would change).
 */
final class StepLines implements StepListener {

    static final Set<Outcome> CHANGES = Set.of(Outcome.CHANGED, Outcome.WOULD_CHANGE);

    private final Consumer<String> out;
    private final Set<Outcome> shown;

    StepLines(Consumer<String> out, Set<Outcome> shown) {
        this.out = out;
        this.shown = shown;
    }

    @Override
    public void finished(StepResult r, int index, int total) {
        if (shown.contains(r.outcome())) {
            out.accept(line(r));
        }
    }

    static String line(StepResult r) {
        String detail = r.outcome() == Outcome.FAILED ? r.reason() + ": " + r.message()
                : r.message() == null ? "" : r.message();
        return String.format(Locale.ROOT, "%-13s %-18s %-46s %-12s %6.2fs  %s", r.host(), r.service(), truncate(r.step(), 46),
                r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.duration().toMillis() / 1000.0, detail);
    }

    static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}

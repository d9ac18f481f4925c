package io.pikeoperator.cli;

import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepListener;
import io.pikeoperator.engine.StepResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps every host run of a deployment for the recap, and passes each event on to what shows the run. */
final class Runs implements StepListener {

    private final StepListener display;
    private final Map<String, List<HostReport>> runs = new LinkedHashMap<>();
    /** Per host: when its current run started (nanoTime), and the wall time of its finished runs. */
    private final Map<String, Long> started = new HashMap<>();
    private final Map<String, Duration> spent = new HashMap<>();

    Runs(StepListener display) {
        this.display = display;
    }

    @Override
    public void hostStarting(HostPlan plan) {
        synchronized (runs) {
            runs.computeIfAbsent(plan.host(), h -> new ArrayList<>());
            started.put(plan.host(), System.nanoTime());
        }
        display.hostStarting(plan);
    }

    @Override
    public void starting(String host, Step step, int index, int total) {
        display.starting(host, step, index, total);
    }

    @Override
    public void finished(StepResult result, int index, int total) {
        display.finished(result, index, total);
    }

    @Override
    public void hostFinished(HostReport report) {
        synchronized (runs) {
            runs.computeIfAbsent(report.host(), h -> new ArrayList<>()).add(report);
            Duration run = Duration.ofNanos(System.nanoTime() - started.getOrDefault(report.host(), System.nanoTime()));
            spent.merge(report.host(), run, Duration::plus);
        }
        display.hostFinished(report);
    }

    /**
     * Per host, in {@code order} (the cluster's: controller, then the computes as declared); hosts not named there
     * after them, in the order they started. Not the order they started: the computes start together, in any order.
     */
    List<HostTally> tallies(List<String> order) {
        synchronized (runs) {
            return runs.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .sorted(Comparator.comparingInt(e -> {
                        int i = order.indexOf(e.getKey());
                        return i < 0 ? Integer.MAX_VALUE : i;
                    }))
                    .map(e -> HostTally.of(e.getKey(), e.getValue(), spent.get(e.getKey()))).toList();
        }
    }
}

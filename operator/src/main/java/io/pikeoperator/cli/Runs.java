package io.pikeoperator.cli;

import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepListener;
import io.pikeoperator.engine.StepResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps every host run of a deployment for the recap, and passes each event on to what shows the run. */
final class Runs implements StepListener {

    private final StepListener display;
    private final Map<String, List<HostReport>> runs = new LinkedHashMap<>();

    Runs(StepListener display) {
        this.display = display;
    }

    @Override
    public void hostStarting(HostPlan plan) {
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
        }
        display.hostFinished(report);
    }

    /** Per host in the order they first ran. */
    List<HostTally> tallies() {
        synchronized (runs) {
            return runs.entrySet().stream().map(e -> HostTally.of(e.getKey(), e.getValue())).toList();
        }
    }
}

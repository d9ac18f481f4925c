package io.pikeoperator.engine;

import io.pikeoperator.ssh.ExecResult;
import io.pikeoperator.ssh.RemoteShell;
import io.pikeoperator.ssh.SshException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a host plan: all checks of the host in one batched round trip, then, step by step, acts only where the
 * host differs and verifies each change by asking again. A host that is already converged costs one exec.
 * After a change, the answers of the following steps may be stale: they are asked again, in one batch per
 * run of steps of the same service, before they are used.
 */
public final class Engine {

    /** The reason of a step whose command or checks did not finish in time: the host answers, the step hangs. */
    public static final String STEP_TIMED_OUT = "StepTimedOut";
    /** The longest wait for a host that dropped the connection in the middle of a run. */
    static final Duration MAX_DROP_WAIT = Duration.ofMinutes(2);

    private final Redactor redactor;

    public Engine(Redactor redactor) {
        this.redactor = redactor;
    }

    public HostReport run(HostPlan plan, RemoteShell shell, RunOptions options, StepListener listener) {
        return new Run(plan, shell, options, listener).execute();
    }

    private final class Run {
        private final HostPlan plan;
        private final RemoteShell shell;
        private final RunOptions options;
        private final StepListener listener;
        private final RunContext context;
        private final Actions actions;
        private final Observations seen = new Observations();
        private final Map<Step, Integer> askedAt = new IdentityHashMap<>();
        private final Map<Step, String> writtenEarly = new IdentityHashMap<>();
        private final List<StepResult> results = new ArrayList<>();
        private int generation;
        private boolean wouldChange;

        Run(HostPlan plan, RemoteShell shell, RunOptions options, StepListener listener) {
            this.plan = plan;
            this.shell = shell;
            this.options = options;
            this.listener = listener;
            this.context = new RunContext(plan.host());
            this.actions = new Actions(shell, redactor, context, options.reconnectWait(), options.commandTimeout());
        }

        HostReport execute() {
            listener.hostStarting(plan);
            List<Step> steps = plan.steps();
            boolean stopped = false;
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (stopped) {
                    record(step, Outcome.SKIPPED, Duration.ZERO, null, "not run: an earlier step failed", i);
                    continue;
                }
                listener.starting(plan.host(), step, i, steps.size());
                long start = System.nanoTime();
                StepResult r = runStep(step, i);
                r = new StepResult(r.host(), r.service(), r.step(), r.outcome(), Duration.ofNanos(System.nanoTime() - start),
                        r.reason(), redactor.redact(r.message()));
                results.add(r);
                listener.finished(r, i, steps.size());
                stopped = r.outcome() == Outcome.FAILED;
                wouldChange |= r.outcome() == Outcome.WOULD_CHANGE;
            }
            HostReport report = new HostReport(plan.host(), List.copyOf(results), context.decisions(), actions.execs());
            listener.hostFinished(report);
            return report;
        }

        private StepResult runStep(Step step, int index) {
            boolean held = options.holdServices().contains(step.service());
            for (int attempt = 1; ; attempt++) {
                try {
                    if (!held || !askedAt.containsKey(step)) {
                        ensureFresh(index);
                    }
                    String diff = step.difference(seen, context);
                    if (diff == null && writtenEarly.containsKey(step)) {
                        return result(step, Outcome.CHANGED, null, writtenEarly.get(step));
                    }
                    if (diff == null) {
                        return result(step, Outcome.UNCHANGED, null, null);
                    }
                    if (held) {
                        return result(step, Outcome.SKIPPED, null, "waiting: " + diff);
                    }
                    if (options.dryRun()) {
                        return result(step, Outcome.WOULD_CHANGE, null, diff);
                    }
                    if (!step.acts()) {
                        String still = settle(step, index);
                        return still == null ? result(step, Outcome.UNCHANGED, null, null)
                                : result(step, Outcome.FAILED, step.failureReason(), still);
                    }
                    List<String> restarts = step.restarts(seen, context);
                    if (!restarts.isEmpty()) {
                        writeEarly(index, restarts);
                    }
                    step.apply(seen, context, actions);
                    generation++;
                    ask(window(index));
                    String after = step.difference(seen, context);
                    if (after != null) {
                        after = settle(step, index);
                    }
                    return after == null ? result(step, Outcome.CHANGED, null, diff)
                            : result(step, Outcome.FAILED, step.failureReason(), "still differs after the change: " + after);
                } catch (StepFailure f) {
                    if (options.dryRun() && wouldChange) {
                        // On a host that is not there yet, later checks cannot be judged before the changes above.
                        return result(step, Outcome.WOULD_CHANGE, null, "after the changes above: " + f.getMessage());
                    }
                    return result(step, Outcome.FAILED, f.reason(), f.getMessage());
                } catch (SshException.CommandTimeout e) {
                    // the host answers SSH; this step's command (or its checks) hung: say which step, not "unreachable"
                    return result(step, Outcome.FAILED, STEP_TIMED_OUT, step.name() + ": " + e.getMessage());
                } catch (SshException.ConnectionDropped | SshException.ConnectFailed e) {
                    if (attempt >= options.attempts() || e instanceof SshException.ConnectFailed && !actions.reached()) {
                        // a host that could not be reached at all in this run is down: waiting would only hold a worker
                        return result(step, Outcome.FAILED, e.reason(), e.getMessage());
                    }
                    try {
                        shell.awaitReconnect(options.reconnectWait().compareTo(MAX_DROP_WAIT) < 0
                                ? options.reconnectWait() : MAX_DROP_WAIT);
                    } catch (SshException again) {
                        return result(step, Outcome.FAILED, again.reason(), again.getMessage());
                    }
                    generation++;
                } catch (SshException e) {
                    return result(step, Outcome.FAILED, e.reason(), e.getMessage());
                }
            }
        }

        /**
         * Before step {@code index} restarts {@code units}: the later steps of this pass that change what those units
         * read, and can act now (their file exists and differs), act first, so that each unit restarts once with all
         * its changes (httpd once for keystone.conf and nova.conf). Held services are left alone.
         */
        private void writeEarly(int index, List<String> units) throws SshException, StepFailure {
            List<Step> steps = plan.steps();
            for (int j = index + 1; j < steps.size(); j++) {
                Step later = steps.get(j);
                if (options.holdServices().contains(later.service()) || writtenEarly.containsKey(later)
                        || later.notifies().stream().noneMatch(units::contains)) {
                    continue;
                }
                ask(List.of(later));
                if (!later.canActEarly(seen, context)) {
                    continue;
                }
                String diff = later.difference(seen, context);
                later.apply(seen, context, actions);
                generation++;
                writtenEarly.put(later, diff + " (written early, before the restart of " + String.join(" ", units) + ")");
            }
        }

        /** Polls the step's check until it passes or its settle time is over; the last difference, or null. */
        private String settle(Step step, int index) throws SshException, StepFailure {
            long deadline = System.nanoTime() + step.settle().toNanos();
            String diff = step.difference(seen, context);
            while (diff != null && System.nanoTime() < deadline) {
                sleep(Math.max(100, Math.min(2000, step.settle().toMillis() / 20)));
                generation++;
                ask(List.of(step));
                diff = step.difference(seen, context);
            }
            return diff;
        }

        private void ensureFresh(int index) throws SshException, StepFailure {
            Step step = plan.steps().get(index);
            Integer at = askedAt.get(step);
            if (at == null && generation == 0 && askedAt.isEmpty()) {
                ask(plan.steps());
            } else if (at == null || at < generation) {
                ask(window(index));
            }
        }

        /** The step and the following ones of the same service: what a change may have made stale. */
        private List<Step> window(int index) {
            List<Step> steps = plan.steps();
            String service = steps.get(index).service();
            int end = index + 1;
            while (end < steps.size() && steps.get(end).service().equals(service)) {
                end++;
            }
            return steps.subList(index, end);
        }

        private void ask(List<Step> steps) throws SshException, StepFailure {
            List<Probe> probes = new ArrayList<>();
            steps.forEach(s -> probes.addAll(s.probes()));
            Batch batch = new Batch(probes);
            ExecResult r = actions.exec(batch.script(), options.checkTimeout());
            Map<String, Observation> answers = batch.parse(r.stdout());
            if (answers.size() < batch.probes().size()) {
                throw new StepFailure("CheckFailed", "the host's answers to " + batch.probes().size()
                        + " checks were incomplete (" + answers.size() + " received, exit " + r.exitStatus()
                        + (r.truncated() ? ", output cut" : "") + ")");
            }
            seen.putAll(answers);
            steps.forEach(s -> askedAt.put(s, generation));
        }

        private StepResult result(Step step, Outcome outcome, String reason, String message) {
            return new StepResult(plan.host(), step.service(), step.name(), outcome, Duration.ZERO, reason, message);
        }

        private void record(Step step, Outcome outcome, Duration d, String reason, String message, int index) {
            StepResult r = new StepResult(plan.host(), step.service(), step.name(), outcome, d, reason, message);
            results.add(r);
            listener.finished(r, index, plan.steps().size());
        }

        private void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.pikeoperator.plan.step;

import io.pikeoperator.engine.Actions;
import io.pikeoperator.engine.Observations;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.RunContext;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepFailure;
import io.pikeoperator.ssh.SshException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A step made of parts: the probes it asks, a check that reads their answers, and an action (absent for a pure
 * check). One-time actions (bootstrap, db_sync, create_cell, image upload) are guarded by a check of the host's
 * real state, so they run again only if the host really lacks what they create.
 */
public final class GuardedStep extends Step {

    /** Reads the answers: a short difference without secrets, or null when the host is as wanted. */
    @FunctionalInterface
    public interface Check {
        String difference(Observations seen, RunContext context) throws StepFailure;
    }

    /** Builds the action's script from the answers (so it can do only what is missing). */
    @FunctionalInterface
    public interface Action {
        Script script(Observations seen, RunContext context) throws StepFailure;
    }

    private final List<Probe> probes;
    private final Check check;
    private final Action action;
    private final String reason;
    private final Duration settle;
    private final List<String> notifies;

    private GuardedStep(String service, String name, List<Probe> probes, Check check, Action action, String reason,
                        Duration settle, List<String> notifies) {
        super(service, name);
        this.probes = List.copyOf(probes);
        this.check = check;
        this.action = action;
        this.reason = reason;
        this.settle = settle;
        this.notifies = List.copyOf(notifies);
    }

    public static GuardedStep action(String service, String name, List<Probe> probes, Check check, Action action,
                              String reason) {
        return new GuardedStep(service, name, probes, check, Objects.requireNonNull(action), reason, Duration.ZERO, List.of());
    }

    public static GuardedStep check(String service, String name, List<Probe> probes, Check check, String reason,
                             Duration settle) {
        return new GuardedStep(service, name, probes, check, null, reason, settle, List.of());
    }

    public GuardedStep settling(Duration value) {
        return new GuardedStep(service(), name(), probes, check, action, reason, value, notifies);
    }

    /** The action changes what these units read: they restart once, at their service step. */
    public GuardedStep notifying(List<String> units) {
        return new GuardedStep(service(), name(), probes, check, action, reason, settle, units);
    }

    @Override
    public List<Probe> probes() {
        return probes;
    }

    @Override
    public String difference(Observations seen, RunContext context) throws StepFailure {
        return check.difference(seen, context);
    }

    @Override
    public void apply(Observations seen, RunContext context, Actions actions) throws StepFailure, SshException {
        Script script = action.script(seen, context);
        if (!notifies.isEmpty()) {
            // the pending restart is recorded on the host before the change, in the same script
            script = Script.of(Actions.markPending(notifies) + script.text()).withAll(script.inputs());
        }
        actions.require(script, reason, name());
        actions.notifyUnits(notifies);
    }

    @Override
    public boolean acts() {
        return action != null;
    }

    @Override
    public Duration settle() {
        return settle;
    }

    @Override
    public String failureReason() {
        return reason;
    }
}

package io.pikeoperator.engine;

import io.pikeoperator.ssh.SshException;

import java.time.Duration;
import java.util.List;

/**
 * One idempotent unit of a host plan: it asks the host questions ({@link #probes()}), says from the answers
 * whether the host differs ({@link #difference}), and if so changes it ({@link #apply}). The engine verifies a
 * change by asking the same questions again. A step belongs to a service, whose condition it feeds.
 */
public abstract class Step {

    private final String service;
    private final String name;

    protected Step(String service, String name) {
        this.service = service;
        this.name = name;
    }

    public final String service() {
        return service;
    }

    public final String name() {
        return name;
    }

    /** The questions this step needs answered; evaluated in a batch with those of other steps. */
    public abstract List<Probe> probes();

    /**
     * How the host differs from the target, in a few words without secrets; {@code null} when it does not.
     *
     * @throws StepFailure when the answers show a problem no action of this step can fix (e.g. a wrong OS)
     */
    public abstract String difference(Observations seen, RunContext context) throws StepFailure;

    /** Brings the host to the target. Called only when {@link #difference} returned non-null. */
    public void apply(Observations seen, RunContext context, Actions actions) throws StepFailure, SshException {
        throw new StepFailure(failureReason(), "cannot be changed by the operator");
    }

    /** The units whose configuration this step changes when it acts (they restart at their service step). */
    public List<String> notifies() {
        return List.of();
    }

    /**
     * Whether this step may act before its turn, from these answers: a configuration file that exists and differs is
     * written early so that a unit restarted by an earlier step restarts once with all its files in this pass.
     */
    public boolean canActEarly(Observations seen, RunContext context) throws StepFailure {
        return false;
    }

    /** The running units this step would restart, from these answers (none for steps that restart nothing). */
    public List<String> restarts(Observations seen, RunContext context) {
        return List.of();
    }

    /** False for pure checks (preflight, verification): a difference is a failure, nothing is changed. */
    public boolean acts() {
        return true;
    }

    /** How long the check may take to pass after a change (a service that needs time to report); polled. */
    public Duration settle() {
        return Duration.ZERO;
    }

    /** The condition reason used when the step still differs after its change, or its check fails. */
    public String failureReason() {
        return "StepFailed";
    }

    @Override
    public String toString() {
        return service + "/" + name;
    }
}

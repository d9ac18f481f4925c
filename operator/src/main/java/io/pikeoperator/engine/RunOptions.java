package io.pikeoperator.engine;

import java.time.Duration;
import java.util.Set;

/**
 * How to run a host plan.
 *
 * @param dryRun         only report what differs (the {@code plan} command): nothing is changed, not even a temp file
 * @param holdServices   services whose steps are checked but not changed in this run (a later run will): the
 *                       controller's cell discovery and verification wait until the computes have converged
 * @param reconnectWait  how long to wait for a host to come back after a drop or a reboot
 * @param attempts       how often a step is tried when the connection drops under it
 * @param commandTimeout how long one step's command may run; a command that takes longer fails its step with
 *                       {@value Engine#STEP_TIMED_OUT}
 * @param checkTimeout   how long one batch of checks may take (checks only read, so they get less than commands)
 * @param lockWait       how long to wait for another plan on the same host to finish before giving up
 *                       ({@code null}: as long as it takes, for the command line)
 */
public record RunOptions(boolean dryRun, Set<String> holdServices, Duration reconnectWait, int attempts,
                         Duration commandTimeout, Duration checkTimeout, Duration lockWait) {

    /** The longest a batch of checks may take, whatever the command timeout. */
    static final Duration MAX_CHECK_TIME = Duration.ofMinutes(3);

    public static RunOptions apply() {
        return new RunOptions(false, Set.of(), Duration.ofMinutes(10), 3, Duration.ofMinutes(15), MAX_CHECK_TIME, null);
    }

    public RunOptions dryRun(boolean value) {
        return new RunOptions(value, holdServices, reconnectWait, attempts, commandTimeout, checkTimeout, lockWait);
    }

    public RunOptions holding(Set<String> services) {
        return new RunOptions(dryRun, Set.copyOf(services), reconnectWait, attempts, commandTimeout, checkTimeout, lockWait);
    }

    /** Each command bounded by {@code timeout}; each batch of checks by the same, at most {@link #MAX_CHECK_TIME}. */
    public RunOptions commandTimeout(Duration timeout) {
        Duration check = timeout.compareTo(MAX_CHECK_TIME) < 0 ? timeout : MAX_CHECK_TIME;
        return new RunOptions(dryRun, holdServices, reconnectWait, attempts, timeout, check, lockWait);
    }

    public RunOptions lockWait(Duration wait) {
        return new RunOptions(dryRun, holdServices, reconnectWait, attempts, commandTimeout, checkTimeout, wait);
    }

    /** One try, and a short wait for a host that dropped: for best-effort work such as a decommission. */
    public RunOptions once(Duration reconnect) {
        return new RunOptions(dryRun, holdServices, reconnect, 1, commandTimeout, checkTimeout, lockWait);
    }
}

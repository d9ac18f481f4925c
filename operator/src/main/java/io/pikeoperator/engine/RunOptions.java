package io.pikeoperator.engine;

import java.time.Duration;
import java.util.Set;

/**
 * How to run a host plan.
 *
 * @param dryRun       only report what differs (the {@code plan} command): nothing is changed, not even a temp file
 * @param holdServices services whose steps are checked but not changed in this run (a later run will): the
 *                     controller's cell discovery and verification wait until the computes have converged
 * @param reconnectWait how long to wait for a host to come back after a drop or a reboot
 * @param attempts     how often a step is tried when the connection drops under it
 */
public record RunOptions(boolean dryRun, Set<String> holdServices, Duration reconnectWait, int attempts) {

    public static RunOptions apply() {
        return new RunOptions(false, Set.of(), Duration.ofMinutes(10), 3);
    }

    public RunOptions dryRun(boolean value) {
        return new RunOptions(value, holdServices, reconnectWait, attempts);
    }

    public RunOptions holding(Set<String> services) {
        return new RunOptions(dryRun, Set.copyOf(services), reconnectWait, attempts);
    }
}

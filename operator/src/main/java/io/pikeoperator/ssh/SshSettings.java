package io.pikeoperator.ssh;

import java.time.Duration;

/**
 * Limits of the SSH layer.
 *
 * @param connectTimeout          TCP connect and each SSH round trip during connect (KEX, auth, channel open)
 * @param commandTimeout          the default run time of a command when {@code exec} is given no timeout
 * @param keepAliveInterval       how often an idle connection is probed; a connection whose probes go unanswered
 *                                several times in a row is dropped
 * @param maxOutputBytes          how much of stdout and of stderr (each) a command result keeps; the rest is read
 *                                and dropped
 * @param maxConcurrentSessions   exec channels open at once over all hosts
 * @param reconnectInitialBackoff the first wait between connect attempts, doubled after each failure
 * @param reconnectMaxBackoff     the longest wait between connect attempts
 */
public record SshSettings(Duration connectTimeout, Duration commandTimeout, Duration keepAliveInterval,
        int maxOutputBytes, int maxConcurrentSessions, Duration reconnectInitialBackoff,
        Duration reconnectMaxBackoff) {

    public SshSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(keepAliveInterval, "keepAliveInterval");
        requirePositive(reconnectInitialBackoff, "reconnectInitialBackoff");
        requirePositive(reconnectMaxBackoff, "reconnectMaxBackoff");
        if (maxOutputBytes < 0 || maxConcurrentSessions < 1) {
            throw new IllegalArgumentException("maxOutputBytes must be >= 0 and maxConcurrentSessions >= 1");
        }
    }

    /** The same limits with another connect timeout. */
    public SshSettings withConnectTimeout(Duration timeout) {
        return new SshSettings(timeout, commandTimeout, keepAliveInterval, maxOutputBytes, maxConcurrentSessions,
                reconnectInitialBackoff, reconnectMaxBackoff);
    }

    public static SshSettings defaults() {
        // 64 exec channels at once: 16 made 50 computes take turns (issue 13); a channel mostly waits on its host
        return new SshSettings(Duration.ofSeconds(10), Duration.ofSeconds(600), Duration.ofSeconds(15), 1 << 20, 64,
                Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    /**
     * How long {@code exec} keeps trying to reconnect a dropped connection before it gives up with
     * {@link SshException.ConnectFailed}: three connect timeouts. The command's own timeout only starts once
     * the command runs; waiting out a reboot is {@link RemoteShell#awaitReconnect}'s job.
     */
    public Duration reconnectWindow() {
        return connectTimeout.multipliedBy(3);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}

package io.pikeoperator.ssh;

import java.time.Duration;

/**
 * A shell on one host: runs a command line over one exec channel of a reused connection. The command line is
 * passed to the login shell (for a non-root user it is wrapped in {@code sudo -n -H bash -c}); {@code stdin} is
 * written to the command and then closed, so secrets travel there and never on the command line.
 */
public interface RemoteShell extends AutoCloseable {

    /**
     * Runs {@code command} and waits for its exit status.
     *
     * @param timeout how long the command may run; {@code null} means the connection's default command timeout
     * @throws SshException.CommandTimeout when it runs longer (the channel is closed)
     * @throws SshException.ConnectionDropped when the connection breaks before the exit status arrived (the
     *                                        command may or may not have run)
     * @throws SshException other connection problems (host key, authentication, connect)
     */
    ExecResult exec(String command, byte[] stdin, Duration timeout) throws SshException;

    /** Waits until the host answers again (after a reboot), reconnecting with backoff, at most {@code max}. */
    void awaitReconnect(Duration max) throws SshException;

    /** The host as "user@host:port", for logs and messages. */
    String describe();

    @Override
    void close();
}

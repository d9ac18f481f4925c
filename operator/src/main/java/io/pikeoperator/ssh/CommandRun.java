package io.pikeoperator.ssh;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.TransportException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command over one session channel: stdin is written and closed while stdout and stderr are drained (all
 * three at once, or a command that echoes its input would deadlock on full windows), then the exit status is
 * awaited within the timeout.
 */
final class CommandRun {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRun.class);

    /** How long the output readers may lag behind the channel's close: they only empty local buffers by then. */
    private static final long READER_GRACE_MS = 5_000;

    private final ExecutorService io;
    private final int maxOutputBytes;
    private final String where;

    CommandRun(ExecutorService io, int maxOutputBytes, String where) {
        this.io = io;
        this.maxOutputBytes = maxOutputBytes;
        this.where = where;
    }

    /**
     * Runs {@code commandLine} on the fresh {@code session}, which is closed afterwards whatever happens.
     *
     * @param connectionAlive whether the session's connection still runs: tells a dropped connection from a timeout
     */
    ExecResult run(Session session, BooleanSupplier connectionAlive, String commandLine, byte[] stdin,
            Duration timeout) throws SshException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Session.Command cmd;
        try {
            cmd = session.exec(commandLine);
        } catch (ConnectionException | TransportException e) {
            closeQuietly(session);
            throw new SshException.ConnectionDropped("the connection to " + where
                    + " broke while starting a command: " + e.getMessage(), e);
        }
        BoundedCapture stdoutCapture = new BoundedCapture(maxOutputBytes, CaptureBudget.SHARED);
        BoundedCapture stderrCapture = new BoundedCapture(maxOutputBytes, CaptureBudget.SHARED);
        Future<BoundedCapture> out;
        Future<BoundedCapture> err;
        Future<?> in;
        try {
            out = io.submit(() -> stdoutCapture.drain(cmd.getInputStream()));
            err = io.submit(() -> stderrCapture.drain(cmd.getErrorStream()));
            in = io.submit(() -> StdinFeed.feed(cmd, stdin, deadline, where));
        } catch (RejectedExecutionException e) {
            closeQuietly(cmd);
            throw new IllegalStateException("the SSH connections are closed", e);
        }
        try {
            awaitClose(cmd, connectionAlive, deadline, timeout);
            BoundedCapture stdout = await(out, deadline);
            BoundedCapture stderr = await(err, deadline);
            Integer status = cmd.getExitStatus();
            return new ExecResult(status == null ? -1 : status, stdout.text(), stderr.text(),
                    stdout.truncated() || stderr.truncated(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            out.cancel(true);
            err.cancel(true);
            in.cancel(true);
            // the texts are taken: the bytes go back to the budget (a reader still running keeps nothing more)
            stdoutCapture.release();
            stderrCapture.release();
            if (cmd.isOpen()) {
                // sshj's close waits for the server's CLOSE, which OpenSSH sends only once the command has
                // exited: after a timeout that can be never, so nobody waits for it
                closeInBackground(cmd);
            } else {
                closeQuietly(cmd);
            }
        }
    }

    private void awaitClose(Session.Command cmd, BooleanSupplier connectionAlive, long deadline, Duration timeout)
            throws SshException {
        try {
            cmd.join(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ConnectionException e) {
            if (!connectionAlive.getAsBoolean()) {
                throw new SshException.ConnectionDropped(
                        "the connection to " + where + " broke before the command's exit status arrived", e);
            }
            if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                stop(cmd);
                throw new SshException("Interrupted", "interrupted while a command ran on " + where, e);
            }
            if (e.getCause() instanceof TimeoutException || System.nanoTime() - deadline >= 0) {
                stop(cmd);
                throw new SshException.CommandTimeout("command on " + where + " did not finish within "
                        + timeout.toMillis() + " ms; its channel is closed");
            }
            throw new SshException.ConnectionDropped(
                    "the channel to " + where + " failed before the command's exit status arrived", e);
        }
    }

    /** The channel has closed, so the readers have everything; a reader still busy is a broken stream. */
    private BoundedCapture await(Future<BoundedCapture> reader, long deadline) throws SshException {
        long waitMs = Math.max(READER_GRACE_MS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            return reader.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("Interrupted", "interrupted while reading output from " + where, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SshException.ConnectionDropped("the output of a command on " + where + " was not complete", e);
        }
    }

    /**
     * Best effort: TERM (sudo passes it on) so the command does not run on. OpenSSH refuses signals on root
     * logins (no privilege separation after auth), so there the command runs until it ends by itself.
     */
    private void stop(Session.Command cmd) {
        try {
            cmd.signal(Signal.TERM);
        } catch (TransportException | RuntimeException e) {
            LOG.debug("{}: could not signal a timed-out command: {}", where, e.toString());
        }
    }

    private void closeInBackground(AutoCloseable channel) {
        try {
            io.execute(() -> closeQuietly(channel));
        } catch (RejectedExecutionException e) {
            // shutting down: the connection goes, and the channel with it
        }
    }

    private void closeQuietly(AutoCloseable channel) {
        try {
            channel.close();
        } catch (Exception e) {
            LOG.debug("{}: closing a channel: {}", where, e.toString());
        }
    }
}

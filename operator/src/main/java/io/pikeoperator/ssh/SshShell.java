package io.pikeoperator.ssh;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RemoteShell} of one "user@host:port": one connection, reused by every exec, opened lazily and opened
 * again when it was lost or when the target's settings (key, known hosts) changed. Because the shell is shared
 * through {@link SshConnections}, {@link #close()} only retires the connection (the next exec connects again);
 * {@link #shutdown()} ends the shell for good.
 */
final class SshShell implements RemoteShell {

    private static final Logger LOG = LoggerFactory.getLogger(SshShell.class);

    /** Channels at once on one connection: below OpenSSH's default MaxSessions of 10, which refuses the 11th. */
    static final int MAX_CHANNELS_PER_CONNECTION = 8;

    private final String key;
    /** The operator's settings with the target cluster's connect timeout. */
    private volatile SshSettings settings;
    private volatile SshConnector connector;
    /**
     * No connect has worked yet, or the last one failed: the next exec tries once instead of riding out a blip, so
     * a host that is down costs one connect timeout, not the reconnect window.
     */
    private volatile boolean down = true;
    private final Semaphore globalSessions;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS_PER_CONNECTION, true);
    private final CommandRun runner;
    /** Held while connecting, so that concurrent execs wait for one connect instead of each making their own. */
    private final Object connectLock = new Object();
    private final AtomicReference<SshLink> link = new AtomicReference<>();
    private volatile SshTarget target;
    private volatile boolean shutdown;

    SshShell(SshTarget target, SshSettings settings, Semaphore globalSessions, ExecutorService io) {
        this.key = target.key();
        this.target = target;
        this.settings = settings;
        this.connector = new SshConnector(settings);
        this.globalSessions = globalSessions;
        this.runner = new CommandRun(io, settings.maxOutputBytes(), key);
    }

    /** Uses {@code newTarget} (same key) from the next exec on; commands running now finish on the old connection. */
    void retarget(SshTarget newTarget) {
        if (!newTarget.key().equals(key)) {
            throw new IllegalArgumentException("a shell for " + key + " cannot serve " + newTarget.key());
        }
        if (!newTarget.equals(target)) {
            target = newTarget;
        }
    }

    /** Connects within {@code timeout} from the next connect on (a cluster's spec.ssh.connectTimeoutSeconds). */
    void connectTimeout(Duration timeout) {
        if (timeout != null && !timeout.equals(settings.connectTimeout())) {
            SshSettings s = settings.withConnectTimeout(timeout);
            connector = new SshConnector(s);
            settings = s;
        }
    }

    boolean isShutdown() {
        return shutdown;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) throws SshException {
        Duration limit = timeout == null ? settings.commandTimeout() : timeout;
        LOG.debug("{}: exec {}", key, CommandLines.forLog(command));
        acquire(channels, limit);
        try {
            return openAndRun(command, stdin, limit);
        } finally {
            channels.release();
        }
    }

    /**
     * Waits out a reboot: drops the connection (a command still running on it ends with ConnectionDropped) and
     * connects again with backoff until it works or {@code max} has passed. A wrong host key or a refused key
     * ends the wait at once. Call it once the host went down: a host still shutting down may accept one more login.
     */
    @Override
    public void awaitReconnect(Duration max) throws SshException {
        synchronized (connectLock) {
            checkOpen();
            SshLink old = link.getAndSet(null);
            if (old != null) {
                old.kill();
            }
            SshTarget wanted = target;
            install(new SshLink(connectWithBackoff(wanted, max), wanted));
        }
    }

    @Override
    public String describe() {
        return key;
    }

    /** Retires the connection: it closes once idle, and a later exec connects again. */
    @Override
    public void close() {
        SshLink old = link.getAndSet(null);
        if (old != null) {
            old.retire();
        }
    }

    /** Disconnects now and refuses any later exec. */
    void shutdown() {
        shutdown = true;
        SshLink old = link.getAndSet(null);
        if (old != null) {
            old.kill();
        }
    }

    /**
     * A session that cannot be opened has run nothing, so the link is retired and the open tried once more on a
     * new connection: this catches a connection that died unnoticed while idle (host rebooted, NAT forgot it) and
     * one whose server refuses more channels (timed-out commands still running hold OpenSSH's sessions).
     */
    private ExecResult openAndRun(String command, byte[] stdin, Duration limit) throws SshException {
        // connected before a session permit is taken: a host that does not answer holds no other host's permit
        SshLink l = acquireLink();
        try {
            acquire(globalSessions, limit);
        } catch (SshException e) {
            l.release();
            throw e;
        }
        try {
            Session session;
            try {
                session = l.client.startSession();
            } catch (Exception first) {
                LOG.debug("{}: opening a session failed, connecting again: {}", key, first.toString());
                retireIfCurrent(l);
                l.release();
                l = null;
                l = acquireLink();
                try {
                    session = l.client.startSession();
                } catch (Exception e) {
                    retireIfCurrent(l);
                    throw new SshException.ConnectFailed("cannot open a session on " + key + ": " + e.getMessage(), e);
                }
            }
            return runner.run(session, l.client::isConnected, CommandLines.forTarget(l.target, command), stdin, limit);
        } finally {
            globalSessions.release();
            if (l != null) {
                l.release();
            }
        }
    }

    /** The current link if it is alive and up to date, else a new one; counted as used until released. */
    private SshLink acquireLink() throws SshException {
        synchronized (connectLock) {
            checkOpen();
            SshTarget wanted = target;
            SshLink l = link.get();
            if (l != null && l.alive() && l.target == wanted && l.use()) {
                return l;
            }
            if (l != null) {
                retireIfCurrent(l);
            }
            l = new SshLink(connectWithBackoff(wanted, down ? Duration.ZERO : settings.reconnectWindow()), wanted);
            l.use();
            install(l);
            return l;
        }
    }

    private void install(SshLink l) {
        link.set(l);
        if (shutdown) {
            // shut down while we connected: do not leave the new connection behind
            link.set(null);
            l.kill();
            throw new IllegalStateException("the SSH connections are closed");
        }
    }

    private void retireIfCurrent(SshLink l) {
        if (link.compareAndSet(l, null)) {
            l.retire();
        }
    }

    private void checkOpen() {
        if (shutdown) {
            throw new IllegalStateException("the SSH connections are closed");
        }
    }

    /**
     * Connect attempts with exponential backoff between them; a new attempt only starts while {@code window} has
     * not passed, so the whole can take up to window + one connect timeout (one attempt for a zero window).
     */
    private SSHClient connectWithBackoff(SshTarget wanted, Duration window) throws SshException {
        long deadline = System.nanoTime() + window.toNanos();
        Backoff backoff = new Backoff(settings.reconnectInitialBackoff(), settings.reconnectMaxBackoff());
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                SSHClient client = connector.connect(wanted);
                down = false;
                return client;
            } catch (SshException.ConnectFailed e) {
                Duration wait = backoff.next();
                if (System.nanoTime() + wait.toNanos() - deadline >= 0 || shutdown) {
                    down = true;
                    throw new SshException.ConnectFailed("cannot connect to " + key + " (" + attempt
                            + " attempts in " + window.toMillis() + " ms): " + e.getMessage(), e.getCause());
                }
                LOG.debug("{}: connect attempt {} failed, next in {} ms: {}", key, attempt, wait.toMillis(),
                        e.getMessage());
                sleep(wait);
            }
        }
    }

    private void acquire(Semaphore permits, Duration limit) throws SshException {
        try {
            if (!permits.tryAcquire(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SshException.CommandTimeout("no free SSH session for " + key + " within "
                        + limit.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("Interrupted", "interrupted while waiting for an SSH session", e);
        }
    }

    private void sleep(Duration wait) throws SshException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("Interrupted", "interrupted while reconnecting to " + key, e);
        }
    }
}

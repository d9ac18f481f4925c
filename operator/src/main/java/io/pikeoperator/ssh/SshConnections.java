package io.pikeoperator.ssh;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's SSH connections: one {@link RemoteShell} (and so one connection) per "user@host:port", a cap on
 * exec sessions open at once over all hosts, and a lock per host so that only one plan runs on it at a time.
 */
public final class SshConnections implements AutoCloseable {

    /** Another plan held the host longer than the caller would wait: try again later, nothing was run. */
    public static final class HostBusy extends RuntimeException {
        HostBusy(String message) {
            super(message);
        }
    }

    /** Held while a plan runs on a host; closing it lets the next plan in. */
    public interface HostLock extends AutoCloseable {
        @Override
        void close();
    }

    private final SshSettings settings;
    private final Semaphore sessions;
    private final ExecutorService io;
    private final Map<String, SshShell> shells = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> hostLocks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SshConnections(SshSettings settings) {
        this.settings = settings;
        this.sessions = new Semaphore(settings.maxConcurrentSessions(), true);
        AtomicInteger n = new AtomicInteger();
        // three short-lived tasks per exec (stdin, stdout, stderr); daemon so a forgotten close cannot hang the JVM
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ssh-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public SshConnections() {
        this(SshSettings.defaults());
    }

    public SshSettings settings() {
        return settings;
    }

    /**
     * The shell of {@code target}, shared by all callers with the same "user@host:port". When the target changed
     * since (another key, other known hosts), the same shell connects again with the new one at its next exec.
     * The connection is opened by the first exec.
     */
    public RemoteShell shell(SshTarget target) {
        return shell(target, null);
    }

    /** As {@link #shell(SshTarget)}, connecting within {@code connectTimeout} (null: the settings' one). */
    public RemoteShell shell(SshTarget target, Duration connectTimeout) {
        if (closed) {
            throw new IllegalStateException("the SSH connections are closed");
        }
        SshShell shell = shells.compute(target.key(),
                (k, old) -> old == null || old.isShutdown() ? new SshShell(target, settings, sessions, io) : old);
        shell.retarget(target);
        shell.connectTimeout(connectTimeout);
        return shell;
    }

    /**
     * Waits until no other plan holds {@code target}'s host (host and port, whoever logs in), then holds it
     * until the returned lock is closed. The lock is not tied to a thread.
     *
     * @throws CancellationException when the waiting thread is interrupted (its interrupt flag stays set)
     */
    public HostLock lockHost(SshTarget target) {
        return lockHost(target, null);
    }

    /**
     * As {@link #lockHost(SshTarget)}, waiting at most {@code maxWait} (null: as long as it takes).
     *
     * @throws HostBusy when another plan still holds the host after {@code maxWait}
     */
    public HostLock lockHost(SshTarget target, Duration maxWait) {
        Semaphore lock = hostLocks.computeIfAbsent(target.hostAndPort(), k -> new Semaphore(1, true));
        try {
            if (maxWait == null) {
                lock.acquire();
            } else if (!lock.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new HostBusy("another plan has held " + target.hostAndPort() + " for more than "
                        + maxWait.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the lock of " + target.hostAndPort());
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (held.compareAndSet(true, false)) {
                lock.release();
            }
        };
    }

    /** Closes every connection; shells handed out refuse further execs. */
    @Override
    public void close() {
        closed = true;
        shells.values().forEach(SshShell::shutdown);
        shells.clear();
        io.shutdownNow();
    }
}

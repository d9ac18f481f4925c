package io.pikeoperator.ssh;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of command output that all SSH sessions of this JVM may hold at once. Each stream is capped on its own
 * ({@link SshSettings#maxOutputBytes()}), but sixteen sessions of two streams at 16 MiB would be 512 MiB; this bounds
 * the sum, whatever the number of sessions. A capture that finds the budget spent keeps nothing more and says it
 * cut, which fails that one check (retried later) instead of the whole operator. One per JVM, as the heap is.
 */
final class CaptureBudget {

    /** An eighth of the heap: well inside it, with room for everything else. */
    static final CaptureBudget SHARED = new CaptureBudget(Runtime.getRuntime().maxMemory() / 8);

    private final long total;
    private final AtomicLong left;

    CaptureBudget(long bytes) {
        this.total = bytes;
        this.left = new AtomicLong(bytes);
    }

    /** Takes up to {@code wanted} bytes; returns how many were granted (0 when the budget is spent). */
    int take(int wanted) {
        while (true) {
            long now = left.get();
            int granted = (int) Math.min(wanted, Math.max(0, now));
            if (granted == 0 || left.compareAndSet(now, now - granted)) {
                return granted;
            }
        }
    }

    void give(long bytes) {
        left.addAndGet(bytes);
    }

    long total() {
        return total;
    }

    long left() {
        return left.get();
    }
}

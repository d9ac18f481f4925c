package io.pikeoperator.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream to its end keeping only the first {@code max} bytes, and no more than the {@link CaptureBudget}
 * grants. The rest is still read, so that a chatty command never stalls on a full SSH window. What it keeps is given
 * back to the budget by {@link #release()} once the text is taken.
 */
final class BoundedCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int max;
    private final CaptureBudget budget;
    private boolean truncated;
    private boolean released;

    BoundedCapture(int max, CaptureBudget budget) {
        this.max = max;
        this.budget = budget;
    }

    /** Drains {@code in} with no budget but {@code max}. */
    static BoundedCapture drain(InputStream in, int max) {
        return new BoundedCapture(max, new CaptureBudget(Long.MAX_VALUE)).drain(in);
    }

    /** Drains {@code in}; a read error ends the capture (the channel's close or failure is judged elsewhere). */
    BoundedCapture drain(InputStream in) {
        byte[] buf = new byte[32 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) != -1) {
                add(buf, n);
            }
        } catch (IOException e) {
            // the output so far is what we have
        }
        return this;
    }

    private synchronized void add(byte[] buf, int n) {
        int room = released ? 0 : budget.take(Math.min(n, max - kept.size()));
        if (room > 0) {
            kept.write(buf, 0, room);
        }
        if (n > room) {
            truncated = true;
        }
    }

    /** Gives what it keeps back to the budget, once; from then on it keeps nothing more. Call after {@link #text()}. */
    synchronized void release() {
        if (!released) {
            released = true;
            budget.give(kept.size());
        }
    }

    synchronized boolean truncated() {
        return truncated;
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}

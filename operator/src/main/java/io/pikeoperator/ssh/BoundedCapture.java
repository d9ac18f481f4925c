package io.pikeoperator.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream to its end keeping only the first {@code max} bytes. The rest is still read, so that a chatty
 * command never stalls on a full SSH window.
 */
final class BoundedCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int max;
    private boolean truncated;

    private BoundedCapture(int max) {
        this.max = max;
    }

    /** Drains {@code in}; a read error ends the capture (the channel's close or failure is judged elsewhere). */
    static BoundedCapture drain(InputStream in, int max) {
        BoundedCapture capture = new BoundedCapture(max);
        byte[] buf = new byte[32 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) != -1) {
                capture.add(buf, n);
            }
        } catch (IOException e) {
            // the output so far is what we have
        }
        return capture;
    }

    private void add(byte[] buf, int n) {
        int room = max - kept.size();
        if (room > 0) {
            kept.write(buf, 0, Math.min(n, room));
        }
        if (n > room) {
            truncated = true;
        }
    }

    boolean truncated() {
        return truncated;
    }

    String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}

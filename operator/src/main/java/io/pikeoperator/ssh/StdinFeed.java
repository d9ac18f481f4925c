package io.pikeoperator.ssh;

import java.io.IOException;
import java.io.OutputStream;

import net.schmizz.sshj.connection.channel.direct.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a command's stdin and then sends EOF, and never sends EOF after a partial write: a command must not
 * take a cut upload for a whole one. sshj gives up waiting for the server's window after the connection timeout,
 * but a command may legitimately read nothing for longer (busy before it reads), so such waits are resumed until
 * the command's deadline. Data is written in pieces below the SSH max packet size, so that each piece sits
 * whole in sshj's buffer and a flush that timed out can simply be called again.
 */
final class StdinFeed {

    private static final Logger LOG = LoggerFactory.getLogger(StdinFeed.class);
    private static final int PIECE = 16 * 1024;

    private StdinFeed() {
    }

    static void feed(Session.Command cmd, byte[] bytes, long deadlineNanos, String where) {
        OutputStream out = cmd.getOutputStream();
        try {
            int length = bytes == null ? 0 : bytes.length;
            for (int off = 0; off < length; off += PIECE) {
                out.write(bytes, off, Math.min(PIECE, length - off));
                flushPatiently(cmd, out, deadlineNanos);
            }
            out.close(); // EOF: everything was sent
        } catch (IOException | RuntimeException e) {
            // the command exited without reading everything, timed out, or the channel is gone: its result tells
            LOG.debug("{}: stdin not fully delivered, no EOF sent: {}", where, e.getClass().getSimpleName());
        }
    }

    private static void flushPatiently(Session.Command cmd, OutputStream out, long deadlineNanos)
            throws IOException {
        while (true) {
            try {
                out.flush();
                return;
            } catch (IOException e) {
                // a window wait that timed out; anything else closes the channel or interrupts us
                if (!cmd.isOpen() || Thread.currentThread().isInterrupted()
                        || System.nanoTime() - deadlineNanos >= 0) {
                    throw e;
                }
            }
        }
    }
}

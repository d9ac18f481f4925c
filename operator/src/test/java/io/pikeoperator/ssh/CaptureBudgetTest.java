package io.pikeoperator.ssh;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11, item 8: output capture stays inside a budget shared by all sessions, whatever their number. */
class CaptureBudgetTest {

    private static final int MIB = 1 << 20;

    @Test
    void capturesShareTheBudgetAndGiveItBack() {
        CaptureBudget budget = new CaptureBudget(100);
        BoundedCapture first = new BoundedCapture(1000, budget).drain(new ByteArrayInputStream(new byte[80]));
        BoundedCapture second = new BoundedCapture(1000, budget).drain(new ByteArrayInputStream(new byte[80]));
        assertThat(first.text()).hasSize(80);
        assertThat(first.truncated()).isFalse();
        assertThat(second.text()).hasSize(20);
        assertThat(second.truncated()).isTrue();
        assertThat(budget.left()).isZero();
        first.release();
        second.release();
        first.release();
        assertThat(budget.left()).isEqualTo(100);
    }

    @Test
    void aReleasedCaptureKeepsNothingMore() {
        CaptureBudget budget = new CaptureBudget(100);
        BoundedCapture capture = new BoundedCapture(1000, budget);
        capture.release();
        capture.drain(new ByteArrayInputStream(new byte[50]));
        assertThat(capture.text()).isEmpty();
        assertThat(budget.left()).isEqualTo(100);
    }

    @Test
    void manyConcurrentChattySessionsKeepNoMoreThanTheBudget() throws Exception {
        CaptureBudget budget = new CaptureBudget(4L * MIB);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BoundedCapture>> captures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                // 32 streams of 2 MiB each under a 1 MiB cap: 32 MiB kept without a budget
                captures.add(pool.submit(() -> new BoundedCapture(MIB, budget).drain(endless(2 * MIB))));
            }
            long kept = 0;
            int cut = 0;
            for (Future<BoundedCapture> f : captures) {
                BoundedCapture c = f.get();
                kept += c.text().length();
                cut += c.truncated() ? 1 : 0;
            }
            assertThat(kept).isEqualTo(4L * MIB);
            assertThat(cut).isEqualTo(32);
            assertThat(budget.left()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code size} bytes of 'x', made as they are read. */
    private static InputStream endless(int size) {
        return new InputStream() {
            private int left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }
}

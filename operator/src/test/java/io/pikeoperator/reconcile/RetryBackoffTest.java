package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Failing nodes wait longer each time, up to a ceiling, never all the same time; a success starts over. */
class RetryBackoffTest {

    private static ComputeNode node(String name) {
        ComputeNode n = new ComputeNode();
        n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid(name + "-uid").build());
        return n;
    }

    private static void within(Duration d, long millis) {
        assertThat(d.toMillis()).isBetween(Math.round(millis * (1 - RetryBackoff.JITTER)) - 1,
                Math.round(millis * (1 + RetryBackoff.JITTER)) + 1);
    }

    @Test
    void delaysDoubleUpToTheCeilingWithJitter() {
        RetryBackoff b = new RetryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60));
        ComputeNode n = node("dead01");
        // GenericRetry's counting: the first two waits are the initial one, then each doubles
        long[] expected = {10_000, 10_000, 20_000, 40_000, 60_000, 60_000};
        for (long e : expected) {
            within(b.failed(n), e);
        }
        assertThat(b.failures(n)).isEqualTo(expected.length);
        b.reset(n);
        assertThat(b.failures(n)).isZero();
        within(b.failed(n), 10_000);
    }

    @Test
    void nodesAreCountedApartAndDoNotAllComeBackTogether() {
        RetryBackoff b = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5));
        List<Duration> firsts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            firsts.add(b.failed(node("dead" + i)));
        }
        firsts.forEach(d -> within(d, 10_000));
        assertThat(firsts.stream().distinct().count()).as("jittered").isGreaterThan(1);
        within(b.failed(node("dead0")), 10_000);
        within(b.failed(node("dead0")), 20_000);
        within(b.failed(node("other")), 10_000);
    }
}

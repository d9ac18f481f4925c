package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.RetryExecution;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failing node is tried again: JOSDK's {@link GenericRetry} (exponential, with a ceiling) counted per
 * node, with jitter so that hosts that failed together (a rack powered off) do not all come back together.
 * A success starts the node over. Dead hosts so cost a worker rarely, and healthy ones get the workers.
 */
final class RetryBackoff {

    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(5);
    /** Each delay is drawn from [1 - JITTER, 1 + JITTER] times the computed one. */
    static final double JITTER = 0.2;

    private final GenericRetry retry;
    private final Map<String, RetryExecution> failing = new ConcurrentHashMap<>();

    RetryBackoff(Duration initial, Duration max) {
        this.retry = new GenericRetry().setInitialInterval(initial).setIntervalMultiplier(2)
                .setMaxInterval(max.toMillis()).withoutMaxAttempts();
    }

    RetryBackoff() {
        this(INITIAL, MAX);
    }

    /** The wait before the next try of {@code resource}, which failed once more. */
    Duration failed(HasMetadata resource) {
        long base = failing.computeIfAbsent(key(resource), k -> retry.initExecution()).nextDelay()
                .orElse(retry.getMaxInterval());
        return jittered(base);
    }

    /** How often {@code resource} failed in a row so far. */
    int failures(HasMetadata resource) {
        RetryExecution e = failing.get(key(resource));
        return e == null ? 0 : e.getAttemptCount();
    }

    /** {@code resource} worked (or is gone): its next failure waits the initial time again. */
    void reset(HasMetadata resource) {
        failing.remove(key(resource));
    }

    static Duration jittered(long millis) {
        double factor = 1 - JITTER + ThreadLocalRandom.current().nextDouble() * 2 * JITTER;
        return Duration.ofMillis(Math.max(1, Math.round(millis * factor)));
    }

    private static String key(HasMetadata r) {
        return r.getKind() + "/" + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName() + "/"
                + r.getMetadata().getUid();
    }
}

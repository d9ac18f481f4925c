package io.pikeoperator.ssh;

import java.time.Duration;

/** Waits between connect attempts: initial, doubled after each failure, never more than max. */
final class Backoff {

    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.max = max;
        this.next = initial.compareTo(max) > 0 ? max : initial;
    }

    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }
}

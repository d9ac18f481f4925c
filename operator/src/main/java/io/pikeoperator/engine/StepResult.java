package io.pikeoperator.engine;

import java.time.Duration;

/** One step's result: which service it belongs to, what happened, how long it took, and why (redacted). */
public record StepResult(String host, String service, String step, Outcome outcome, Duration duration,
                         String reason, String message) {
}

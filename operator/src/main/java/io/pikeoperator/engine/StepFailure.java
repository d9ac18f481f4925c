package io.pikeoperator.engine;

/** A step could not bring the host to its target; {@code reason} is CamelCase for status conditions. */
public final class StepFailure extends Exception {

    private final String reason;

    public StepFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

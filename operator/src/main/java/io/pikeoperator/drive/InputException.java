package io.pikeoperator.drive;

/** The cluster's description cannot be used as it is (a missing Secret, no controller, ...): nothing was touched. */
public final class InputException extends Exception {

    private final String reason;

    public InputException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

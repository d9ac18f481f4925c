package io.pikeoperator.reconcile;


import io.pikeoperator.plan.Passwords;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a cluster's password rotation stands, from the passwords Secret, the applied set ({@link AppliedPasswords})
 * and whether every node converged with the Secret as it is. Pure: the cluster reconciler acts on the decision.
 */
final class PasswordsRotation {

    /** The condition reasons of {@link io.pikeoperator.api.v1alpha1.ConditionTypes#PASSWORDS_ROTATING}. */
    static final String ROTATING = "Rotating";
    static final String ROTATED = "Rotated";
    static final String IDLE = "NotRotating";

    private PasswordsRotation() {
    }

    enum Kind {
        /** No host uses the passwords yet: nothing to rotate, nothing to record. */
        NOT_PROVISIONED,
        /** Hosts use the passwords but no applied set is recorded yet: record the Secret's as the baseline. */
        RECORD,
        /** The Secret equals the applied set. */
        IDLE,
        /** {@code keys} differ from the applied set and some node has not converged with the Secret yet. */
        ROTATING,
        /** {@code keys} differ and every node converged with the Secret: it becomes the applied set. */
        FINISHED
    }

    record Decision(Kind kind, List<String> keys) {
    }

    static Decision decide(Map<String, String> secret, Optional<Map<String, String>> applied, boolean provisioned,
                           boolean everyNodeConverged) {
        if (!provisioned) {
            return new Decision(Kind.NOT_PROVISIONED, List.of());
        }
        if (applied.isEmpty()) {
            return new Decision(Kind.RECORD, List.of());
        }
        List<String> keys = Passwords.KEYS.stream().filter(k -> {
            String old = applied.get().get(k);
            return old != null && !old.isEmpty() && !old.equals(secret.get(k));
        }).toList();
        if (keys.isEmpty()) {
            return new Decision(Kind.IDLE, keys);
        }
        return new Decision(everyNodeConverged ? Kind.FINISHED : Kind.ROTATING, keys);
    }

    static String rotatingMessage(String secret, List<String> keys) {
        return "rotating " + String.join(", ", keys) + " of Secret " + secret + " on every host (accounts, then the files "
                + "that hold them, with their restarts); the previous values stay known until every node has converged";
    }

    /** The keys a {@link #rotatingMessage} names (empty for any other text). */
    static List<String> keysOf(String rotatingMessage) {
        String prefix = "rotating ";
        int end = rotatingMessage == null ? -1 : rotatingMessage.indexOf(" of Secret ");
        if (end < 0 || !rotatingMessage.startsWith(prefix) || end <= prefix.length()) {
            return List.of();
        }
        return List.of(rotatingMessage.substring(prefix.length(), end).split(", "));
    }

    static String rotatedMessage(String secret, List<String> keys) {
        return "rotated " + String.join(", ", keys) + " of Secret " + secret + ": every node converged with the new values";
    }
}

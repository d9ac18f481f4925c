package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;

import java.util.Set;

/**
 * How to read a condition that is not True: the status writer decides phases with these, and {@code describe}
 * gives the same conditions their severity, so both read a waiting or a warning condition alike.
 */
public final class ConditionMeaning {

    /** Reasons of an object that is waiting, not failing. */
    public static final Set<String> WAITING = Set.of("WaitingForComputes", "WaitingForController",
            "WaitingForPasswords", "NotReached", Conditions.REASON_NOT_EVALUATED);

    /**
     * Conditions that say something beside the services' health: PasswordsRotating is False when nothing rotates,
     * SecretsWatched False is a warning (the Secret is still read). Neither makes a phase Failed.
     */
    public static final Set<String> NOT_HEALTH = Set.of(ConditionTypes.PASSWORDS_ROTATING, ConditionTypes.SECRETS_WATCHED);

    private ConditionMeaning() {
    }
}

package io.pikeoperator.describe;

import io.fabric8.kubernetes.api.model.Condition;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.reconcile.ConditionMeaning;

/**
 * How much a condition needs a person, as Cluster API's condition severity: Error (a step failed), Warning (works,
 * but something should be fixed), Info (waiting, not evaluated, a rotation under way), none (fine).
 */
public enum Severity {
    ERROR("Error"), WARNING("Warning"), INFO("Info"), NONE("");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Severity of(Condition c) {
        boolean rotating = ConditionTypes.PASSWORDS_ROTATING.equals(c.getType());
        if (Conditions.TRUE.equals(c.getStatus())) {
            // the one condition that is True while something is going on
            return rotating ? INFO : NONE;
        }
        if (rotating) {
            return NONE;
        }
        if (Conditions.UNKNOWN.equals(c.getStatus()) || ConditionMeaning.WAITING.contains(c.getReason())) {
            return INFO;
        }
        return ConditionMeaning.NOT_HEALTH.contains(c.getType()) ? WARNING : ERROR;
    }
}

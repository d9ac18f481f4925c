package io.pikeoperator.describe;

import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityTest {

    @Test
    void readsConditionsAsTheStatusWriterDoes() {
        assertThat(Severity.of(c("Keystone", "True", "Converged"))).isEqualTo(Severity.NONE);
        assertThat(Severity.of(c("Keystone", "False", "StepFailed"))).isEqualTo(Severity.ERROR);
        assertThat(Severity.of(c("NovaCompute", "False", "WaitingForController"))).isEqualTo(Severity.INFO);
        assertThat(Severity.of(c("Glance", "Unknown", "NotReached"))).isEqualTo(Severity.INFO);
        assertThat(Severity.of(c("SecretsWatched", "False", "SecretNotLabeled"))).isEqualTo(Severity.WARNING);
        // PasswordsRotating says True while something goes on, False when all is quiet
        assertThat(Severity.of(c("PasswordsRotating", "True", "Rotating"))).isEqualTo(Severity.INFO);
        assertThat(Severity.of(c("PasswordsRotating", "False", "Idle"))).isEqualTo(Severity.NONE);
    }

    private static Condition c(String type, String status, String reason) {
        return new Condition(null, "", 1L, reason, status, type);
    }
}

package io.pikeoperator.reconcile;

import io.pikeoperator.plan.Passwords;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a rotation stands: the Secret against the applied set, and whether every node converged with the Secret. */
class PasswordsRotationTest {

    static Map<String, String> rotated(String... keys) {
        Map<String, String> m = PasswordsSecretTest.all();
        for (String k : keys) {
            m.put(k, "new-" + k);
        }
        return m;
    }

    @Test
    void nothingIsRecordedOrRotatedBeforeAnyHostUsesThePasswords() {
        PasswordsRotation.Decision d = PasswordsRotation.decide(rotated("nova"), Optional.of(PasswordsSecretTest.all()), false, false);
        assertThat(d.kind()).isEqualTo(PasswordsRotation.Kind.NOT_PROVISIONED);
    }

    @Test
    void aProvisionedClusterWithoutAnAppliedSetRecordsTheSecretAsItsBaseline() {
        assertThat(PasswordsRotation.decide(PasswordsSecretTest.all(), Optional.empty(), true, false).kind())
                .isEqualTo(PasswordsRotation.Kind.RECORD);
    }

    @Test
    void theKeysThatDifferFromTheAppliedSetRotateUntilEveryNodeConvergedWithTheSecret() {
        Map<String, String> applied = PasswordsSecretTest.all();
        PasswordsRotation.Decision d = PasswordsRotation.decide(rotated("rabbitmq", "mariadb-root", "nova"), Optional.of(applied),
                true, false);
        assertThat(d.kind()).isEqualTo(PasswordsRotation.Kind.ROTATING);
        // in the Secret's key order, whatever order they were edited in
        assertThat(d.keys()).containsExactly("mariadb-root", "rabbitmq", "nova");
        PasswordsRotation.Decision done = PasswordsRotation.decide(rotated("rabbitmq", "mariadb-root", "nova"),
                Optional.of(applied), true, true);
        assertThat(done.kind()).isEqualTo(PasswordsRotation.Kind.FINISHED);
        assertThat(done.keys()).containsExactly("mariadb-root", "rabbitmq", "nova");
    }

    @Test
    void anUnchangedSecretIsIdleAndAnAppliedSetLackingAKeyRotatesNothingForIt() {
        assertThat(PasswordsRotation.decide(PasswordsSecretTest.all(), Optional.of(PasswordsSecretTest.all()), true, false).kind())
                .isEqualTo(PasswordsRotation.Kind.IDLE);
        Map<String, String> partial = PasswordsSecretTest.all();
        partial.remove("demo");
        assertThat(PasswordsRotation.decide(rotated("demo"), Optional.of(partial), true, false).kind())
                .isEqualTo(PasswordsRotation.Kind.IDLE);
    }

    @Test
    void messagesNameTheKeysNeverAValue() {
        String m = PasswordsRotation.rotatingMessage("pike-passwords", List.of("nova", "rabbitmq"));
        assertThat(m).contains("nova, rabbitmq", "pike-passwords").doesNotContain("new-nova", "pw-nova");
        assertThat(PasswordsRotation.rotatedMessage("pike-passwords", List.of("nova"))).contains("nova").doesNotContain("pw-");
    }

    @Test
    void thePlansPasswordsCarryThePreviousValueOfEachRotatingKeyOnlyAndRedactBoth() throws Exception {
        Passwords p = Passwords.of(rotated("mariadb-root", "admin")).rotatingFrom(PasswordsSecretTest.all());
        assertThat(p.rotating()).containsExactly("admin", "mariadb-root");
        assertThat(p.previous("mariadb-root")).contains("pw-mariadb-root");
        assertThat(p.previous("nova")).isEmpty();
        assertThat(p.get("mariadb-root")).isEqualTo("new-mariadb-root");
        assertThat(p.all()).contains("new-mariadb-root", "pw-mariadb-root", "pw-nova");
        assertThat(p.toString()).doesNotContain("pw-", "new-").contains("rotating [admin, mariadb-root]");
    }

    @Test
    void theRotatingMessageNamesItsKeysBackForTheRotatedOne() {
        String rotating = PasswordsRotation.rotatingMessage("pike-passwords", List.of("mariadb-root", "nova-db"));
        assertThat(PasswordsRotation.keysOf(rotating)).containsExactly("mariadb-root", "nova-db");
        assertThat(PasswordsRotation.keysOf("no rotation under way")).isEmpty();
        assertThat(PasswordsRotation.keysOf(null)).isEmpty();
    }
}

package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.api.v1alpha1.PikeClusterStatus;
import io.pikeoperator.plan.Passwords;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision behind the passwords Secret: generate only while no host uses the passwords. */
class PasswordsSecretTest {

    static Map<String, String> all() {
        Map<String, String> m = new HashMap<>();
        Passwords.KEYS.forEach(k -> m.put(k, "pw-" + k));
        return m;
    }

    @Test
    void aCompleteSecretIsLeftAloneProvisionedOrNot() {
        assertThat(PasswordsSecret.decide(all(), false).kind()).isEqualTo(PasswordsSecret.Kind.COMPLETE);
        assertThat(PasswordsSecret.decide(all(), true).kind()).isEqualTo(PasswordsSecret.Kind.COMPLETE);
    }

    @Test
    void missingKeysAreGeneratedOnlyBeforeAnyHostWasProvisioned() {
        Map<String, String> some = all();
        some.remove("nova");
        some.put("rabbitmq", "");
        PasswordsSecret.Decision fresh = PasswordsSecret.decide(some, false);
        assertThat(fresh.kind()).isEqualTo(PasswordsSecret.Kind.GENERATE);
        assertThat(fresh.missing()).containsExactly("rabbitmq", "nova");
        PasswordsSecret.Decision lost = PasswordsSecret.decide(some, true);
        assertThat(lost.kind()).isEqualTo(PasswordsSecret.Kind.LOST);
        assertThat(lost.missing()).containsExactly("rabbitmq", "nova");
    }

    @Test
    void aDeletedSecretOfAProvisionedClusterIsLostNotRegenerated() {
        PasswordsSecret.Decision d = PasswordsSecret.decide(null, true);
        assertThat(d.kind()).isEqualTo(PasswordsSecret.Kind.LOST);
        assertThat(d.missing()).containsExactlyElementsOf(Passwords.KEYS);
        assertThat(PasswordsSecret.decide(Map.of(), false).kind()).isEqualTo(PasswordsSecret.Kind.GENERATE);
    }

    @Test
    void theLostMessageNamesKeysNeverValues() {
        String m = PasswordsSecret.lostMessage("pike-passwords", List.of("mariadb-root", "nova"));
        assertThat(m).contains("pike-passwords", "mariadb-root, nova", "restore").doesNotContain("pw-");
    }

    static PikeCluster cluster(String passwordsReason) {
        PikeCluster c = new PikeCluster();
        c.setMetadata(new ObjectMetaBuilder().withName("pike").withNamespace("default").build());
        c.setStatus(new PikeClusterStatus());
        if (passwordsReason != null) {
            Conditions.set(c.getStatus().conditions, ConditionTypes.PASSWORDS, "True", passwordsReason, "", 1L, Instant.now());
        }
        return c;
    }

    static NodeStatus node(String type, String status, String reason) {
        NodeStatus s = new NodeStatus();
        Conditions.set(s.conditions, ConditionTypes.HOST_REACHABLE, "True", "Connected", "", 1L, Instant.now());
        Conditions.set(s.conditions, type, status, reason, "", 1L, Instant.now());
        return s;
    }

    @Test
    void provisionedFromTheClustersDurableMarker() {
        assertThat(PasswordsSecret.provisioned(cluster(null), List.of())).isFalse();
        assertThat(PasswordsSecret.provisioned(cluster(PasswordsSecret.GENERATED), List.of())).isFalse();
        assertThat(PasswordsSecret.provisioned(cluster(PasswordsSecret.COMPLETE), List.of())).isFalse();
        assertThat(PasswordsSecret.provisioned(cluster(PasswordsSecret.APPLIED), List.of())).isTrue();
        assertThat(PasswordsSecret.provisioned(cluster(PasswordsSecret.LOST), List.of())).isTrue();
    }

    @Test
    void provisionedFromNodeStatusesWhenTheClusterHasNoMarkerYet() {
        PikeCluster none = cluster(null);
        assertThat(PasswordsSecret.provisioned(none, List.of(node(ConditionTypes.DATABASE, "True", "Converged")))).isTrue();
        assertThat(PasswordsSecret.provisioned(none, List.of(node(ConditionTypes.NOVA_COMPUTE, "False", "ConfigWriteFailed"))))
                .as("a step that ran and failed may have written passwords").isTrue();
        assertThat(PasswordsSecret.provisioned(none, List.of(node(ConditionTypes.DATABASE, "Unknown", "NotReached")))).isFalse();
        assertThat(PasswordsSecret.provisioned(none, List.of(node(ConditionTypes.DATABASE, "False", "NotReached")))).isFalse();
        assertThat(PasswordsSecret.provisioned(none, List.of(node(ConditionTypes.TIME_SYNC, "True", "Converged"))))
                .as("host steps put no password anywhere").isFalse();
        java.util.List<NodeStatus> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        assertThat(PasswordsSecret.provisioned(none, withNull)).isFalse();
    }
}

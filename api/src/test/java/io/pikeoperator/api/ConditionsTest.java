package io.pikeoperator.api;

import io.fabric8.kubernetes.api.model.Condition;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.pikeoperator.api.v1alpha1.Conditions.FALSE;
import static io.pikeoperator.api.v1alpha1.Conditions.TRUE;
import static io.pikeoperator.api.v1alpha1.Conditions.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");
    private static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");
    private static final List<String> SERVICES = List.of(ConditionTypes.DATABASE, ConditionTypes.KEYSTONE);

    @Test
    void newConditionGetsTheTimeOfItsCreationInSeconds() {
        List<Condition> conditions = new ArrayList<>();

        boolean changed = Conditions.set(conditions, "Database", TRUE, "Converged", "ok", 3L, T0);

        assertThat(changed).isTrue();
        assertThat(conditions).singleElement().satisfies(c -> {
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
            assertThat(c.getObservedGeneration()).isEqualTo(3L);
            assertThat(c.getReason()).isEqualTo("Converged");
        });
    }

    @Test
    void sameStatusWithNewMessageKeepsTheTransitionTime() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, "Database", FALSE, "ServiceNotRunning", "mariadb is inactive", 1L, T0);

        boolean changed = Conditions.set(conditions, "Database", FALSE, "PackageInstallFailed", "yum failed", 2L, T1);

        assertThat(changed).isTrue();
        Condition c = conditions.get(0);
        assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(c.getReason()).isEqualTo("PackageInstallFailed");
        assertThat(c.getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void statusChangeMovesTheTransitionTime() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, "Database", FALSE, "ServiceNotRunning", "mariadb is inactive", 1L, T0);

        Conditions.set(conditions, "Database", TRUE, "Converged", "mariadb is active", 1L, T1);

        assertThat(conditions.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T10:05:00Z");
    }

    @Test
    void settingTheSameConditionAgainReportsNoChange() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, "Database", TRUE, "Converged", "ok", 1L, T0);

        assertThat(Conditions.set(conditions, "Database", TRUE, "Converged", "ok", 1L, T1)).isFalse();
        assertThat(conditions.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void statusOutsideTheEnumIsRefused() {
        assertThatThrownBy(() -> Conditions.set(new ArrayList<>(), "Database", "Yes", "R", "m", 1L, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readyIsTrueOnlyWhenEveryServiceIsTrueAndSortsFirst() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, ConditionTypes.KEYSTONE, TRUE, "Converged", "ok", 1L, T0);
        Conditions.set(conditions, ConditionTypes.DATABASE, TRUE, "Converged", "ok", 1L, T0);

        Conditions.summarize(conditions, SERVICES, 1L, T0);

        assertThat(conditions).extracting(Condition::getType).containsExactly("Ready", "Database", "Keystone");
        assertThat(conditions.get(0).getStatus()).isEqualTo(TRUE);
        assertThat(conditions.get(0).getReason()).isEqualTo(Conditions.REASON_ALL_READY);
    }

    @Test
    void readyCarriesTheFirstFailingServicesReasonAndMessage() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, ConditionTypes.DATABASE, TRUE, "Converged", "ok", 1L, T0);
        Conditions.set(conditions, ConditionTypes.KEYSTONE, FALSE, "DbSyncFailed", "Access denied", 1L, T0);

        Conditions.summarize(conditions, SERVICES, 1L, T0);

        Condition ready = Conditions.find(conditions, "Ready").orElseThrow();
        assertThat(ready.getStatus()).isEqualTo(FALSE);
        assertThat(ready.getReason()).isEqualTo("DbSyncFailed");
        assertThat(ready.getMessage()).isEqualTo("Keystone: Access denied");
    }

    @Test
    void aMissingOrUnknownServiceKeepsReadyFalse() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, ConditionTypes.DATABASE, UNKNOWN, "Provisioning", "installing", 1L, T0);

        Conditions.summarize(conditions, SERVICES, 1L, T0);
        assertThat(Conditions.find(conditions, "Ready").orElseThrow().getReason()).isEqualTo("Provisioning");

        Conditions.set(conditions, ConditionTypes.DATABASE, TRUE, "Converged", "ok", 1L, T0);
        Conditions.summarize(conditions, SERVICES, 1L, T0);
        Condition ready = Conditions.find(conditions, "Ready").orElseThrow();
        assertThat(ready.getStatus()).isEqualTo(FALSE);
        assertThat(ready.getReason()).isEqualTo(Conditions.REASON_NOT_EVALUATED);
    }

    @Test
    void summarizingAnUnchangedListReportsNoChange() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, ConditionTypes.DATABASE, TRUE, "Converged", "ok", 1L, T0);
        Conditions.set(conditions, ConditionTypes.KEYSTONE, TRUE, "Converged", "ok", 1L, T0);
        Conditions.summarize(conditions, SERVICES, 1L, T0);

        assertThat(Conditions.summarize(conditions, SERVICES, 1L, T1)).isFalse();
    }

    @Test
    void readyCountCountsTrueServicesOnly() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, ConditionTypes.DATABASE, TRUE, "Converged", "ok", 1L, T0);
        Conditions.set(conditions, ConditionTypes.KEYSTONE, FALSE, "X", "y", 1L, T0);

        assertThat(Conditions.readyCount(conditions, SERVICES)).isEqualTo("1/2");
    }

    @Test
    void conditionTypeListsFollowTheSpec() {
        assertThat(ConditionTypes.CLUSTER).hasSize(16).doesNotHaveDuplicates()
                .startsWith("HostReachable", "Preflight").endsWith("Verified");
        assertThat(ConditionTypes.COMPUTE).contains("NovaCompute", "CellDiscovery").doesNotContain("Database");
    }
}

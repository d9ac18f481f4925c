package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.demo.DemoCluster;
import io.pikeoperator.hostsim.Twin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11, item 1, the operator's side: the passwords Secret of a Ready cluster is deleted. The operator reports
 * PasswordsLost (condition and Event, key names only), does not fill the Secret with fresh passwords, and runs
 * nothing on the hosts; restoring the Secret brings the cluster back to Ready.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordsLostOperatorIT {

    static final String NS = "default";
    static final Duration RESYNC = Duration.ofSeconds(5);
    static final List<String> HOSTS = List.of("controller01", "computer01");

    OperatorLab lab;
    Path dir;
    Twin twin;
    KubernetesClient client;

    @BeforeAll
    void start() throws Exception {
        lab = OperatorLab.start("passwords-lost-it", DemoCluster.hosts(), RESYNC);
        dir = lab.dir;
        twin = lab.twin;
        client = lab.client;
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    PikeCluster cluster() {
        return client.resources(PikeCluster.class).inNamespace(NS).withName("pike").get();
    }

    Optional<Condition> passwordsCondition() {
        PikeCluster c = cluster();
        return c.getStatus() == null ? Optional.empty() : Conditions.find(c.getStatus().conditions, "Passwords");
    }

    @Test
    void deletingThePasswordsSecretOfAReadyClusterReportsPasswordsLostAndTouchesNoHost() {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            PikeCluster c = cluster();
            return c.getStatus() != null && c.getStatus().phase == Phase.Ready;
        });
        Secret original = client.secrets().inNamespace(NS).withName("pike-passwords").get();
        Map<String, String> values = new HashMap<>();
        original.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        String myCnf = twin.host("controller01").file("/root/.my.cnf").orElseThrow();
        assertThat(myCnf).contains(values.get("mariadb-root"));

        // the reconcilers may be in the middle of a resync: the count starts once the deletion is seen
        client.resource(original).delete();
        await().atMost(RESYNC.multipliedBy(4)).pollInterval(Duration.ofMillis(200)).until(() ->
                passwordsCondition().map(c -> "PasswordsLost".equals(c.getReason())).orElse(false));
        Condition lost = passwordsCondition().orElseThrow();
        assertThat(lost.getStatus()).isEqualTo("False");
        assertThat(lost.getMessage()).contains("mariadb-root", "nova", "rabbitmq", "pike-passwords");
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).filteredOn(e -> "PasswordsLost".equals(e.getReason()))
                .isNotEmpty().allSatisfy(e -> assertThat(e.getMessage()).contains("mariadb-root"));
        String allEvents = client.v1().events().inNamespace(NS).list().getItems().stream()
                .map(e -> e.getMessage()).reduce("", String::concat);
        values.values().forEach(v -> assertThat(allEvents).doesNotContain(v));
        assertThat(Conditions.find(cluster().getStatus().conditions, "Ready")).hasValueSatisfying(r -> {
            assertThat(r.getStatus()).isEqualTo("False");
            assertThat(r.getReason()).isEqualTo("PasswordsLost");
        });
        // a run that had started before the deletion may finish; from then on, three resync periods without a
        // single command on any host, and no fresh Secret
        java.util.concurrent.atomic.AtomicReference<Map<String, Integer>> last = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(RESYNC).until(() -> execs().equals(last.getAndSet(execs())));
        Map<String, Integer> before = execs();
        await().during(RESYNC.multipliedBy(3)).atMost(RESYNC.multipliedBy(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.secrets().inNamespace(NS).withName("pike-passwords").get() == null
                        && execs().equals(before));
        assertThat(twin.host("controller01").file("/root/.my.cnf").orElseThrow()).isEqualTo(myCnf);

        // restoring the Secret (from a backup, as the README says) brings the cluster back
        original.getMetadata().setResourceVersion(null);
        original.getMetadata().setUid(null);
        client.resource(original).create();
        await().atMost(RESYNC.multipliedBy(6)).pollInterval(Duration.ofMillis(200)).until(() ->
                passwordsCondition().map(c -> "True".equals(c.getStatus())).orElse(false)
                        && cluster().getStatus().phase == Phase.Ready);
        assertThat(twin.host("controller01").file("/root/.my.cnf").orElseThrow()).isEqualTo(myCnf);
    }

    private Map<String, Integer> execs() {
        Map<String, Integer> m = new HashMap<>();
        for (String h : HOSTS) {
            m.put(h, twin.host(h).commandLog().size());
        }
        return m;
    }
}

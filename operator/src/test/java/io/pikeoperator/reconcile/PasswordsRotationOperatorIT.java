package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.demo.DemoCluster;
import io.pikeoperator.hostsim.Faults;
import io.pikeoperator.hostsim.Twin;
import io.pikeoperator.hostsim.model.NovaApiData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11, item 2: a key of the passwords Secret of a Ready cluster is changed. The operator rotates it everywhere
 * (MariaDB accounts and /root/.my.cnf, RabbitMQ's user, Keystone's users, every file holding it), reports
 * PasswordsRotating and Events with key names only, records the new set as applied once every node converged, and
 * leaves no old value in the hosts' files — also when the controller's run fails halfway through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordsRotationOperatorIT {

    static final String NS = "default";
    static final String SECRET = "pike-passwords";
    static final Duration RESYNC = Duration.ofSeconds(5);
    static final List<String> HOSTS = List.of("controller01", "computer01");

    OperatorLab lab;
    Twin twin;
    KubernetesClient client;

    @BeforeAll
    void start() throws Exception {
        lab = OperatorLab.start("passwords-rotation-it", DemoCluster.hosts(), RESYNC);
        twin = lab.twin;
        client = lab.client;
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() ->
                cluster().getStatus() != null && cluster().getStatus().phase == Phase.Ready && applied().isPresent());
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void rotatingRootNovaDbNovaRabbitmqAndAdminEndsReadyWithTheNewValuesOnTheHostsAndTheOldGone() {
        assertThat(applied()).contains(secret());
        assertThat(rotating()).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
        Map<String, String> old = secret();
        Map<String, String> fresh = rotate(Map.of("mariadb-root", "Root2rotated9x", "nova", "Nova2rotated9x",
                "rabbitmq", "Rabbit2rotated9x", "admin", "Admin2rotated9x", "nova-db", "NovaDb2rotated9x"));

        AtomicBoolean sawRotating = new AtomicBoolean();
        awaitRotated(sawRotating);
        assertThat(sawRotating).as("PasswordsRotating was True while the rotation was under way").isTrue();
        assertThat(applied()).contains(fresh);
        assertNewOnHostsOldGone(fresh, old, List.of("mariadb-root", "nova", "rabbitmq", "admin", "nova-db"));
        assertCellMappings(fresh, old);
        assertThat(twin.host("controller01").file("/root/.my.cnf").orElseThrow()).contains("Root2rotated9x");
        assertThat(twin.host("controller01").file("/root/admin_openrc").orElseThrow()).contains("Admin2rotated9x");
        assertThat(twin.host("controller01").file("/etc/rabbitmq/pike-openstack.secret").orElseThrow()).isEqualTo("Rabbit2rotated9x");
        for (String h : HOSTS) {
            String nova = twin.host(h).file("/etc/nova/nova.conf").orElseThrow();
            assertThat(nova).as(h).contains("openstack:Rabbit2rotated9x@controller01").contains("password = Nova2rotated9x");
        }
        Condition done = rotating().orElseThrow();
        assertThat(done.getReason()).isEqualTo("Rotated");
        assertThat(done.getMessage()).contains("mariadb-root", "rabbitmq", "nova", "admin", "nova-db");
        assertThat(events("PasswordsRotating")).anySatisfy(m -> assertThat(m).contains("mariadb-root", "admin", "rabbitmq", "nova", "nova-db"));
        assertThat(events("PasswordsRotated")).isNotEmpty();
        String everything = String.join("\n", events(null)) + cluster().getStatus().toString();
        Stream.concat(old.values().stream(), fresh.values().stream()).forEach(v -> assertThat(everything).doesNotContain(v));
    }

    @Test
    @Order(2)
    void aRotationInterruptedHalfwayOnTheControllerResumesAndConverges() {
        Map<String, String> old = secret();
        // the controller's nova.conf write fails once: the accounts are rotated, the file still holds the old values
        twin.host("controller01").faults().arm(Faults.Kind.FAIL, "mv -f \"\\$tmp\" '/etc/nova/nova\\.conf'", 1, 1,
                "mv: cannot move: Input/output error");
        int before = twin.host("controller01").commandLog().size();
        Map<String, String> fresh = rotate(Map.of("mariadb-root", "Root3again7y", "placement", "Placement3again7y",
                "rabbitmq", "Rabbit3again7y"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                twin.host("controller01").commandLog().size() > before && events("ConfigWriteFailed").size() > 0);
        assertThat(rotating()).hasValueSatisfying(c -> assertThat(c.getStatus()).as("still rotating after the failure").isEqualTo("True"));
        assertThat(applied()).as("the previous set stays the applied one until every node converged").contains(old);

        awaitRotated(new AtomicBoolean());
        assertThat(applied()).contains(fresh);
        assertNewOnHostsOldGone(fresh, old, List.of("mariadb-root", "placement", "rabbitmq"));
        assertCellMappings(fresh, old);
        for (String h : HOSTS) {
            assertThat(twin.host(h).file("/etc/nova/nova.conf").orElseThrow()).as(h).contains("openstack:Rabbit3again7y@controller01")
                    .contains("password = Placement3again7y");
        }
    }

    private void awaitRotated(AtomicBoolean sawRotating) {
        await().atMost(Duration.ofMinutes(3)).conditionEvaluationListener(c -> {
            if (c.getRemainingTimeInMS() < 300) {
                System.out.println("ROTATION-DIAG " + diagnostics());
            }
        }).pollInterval(Duration.ofMillis(200)).until(() -> {
            Optional<Condition> r = rotating();
            if (r.isPresent() && "True".equals(r.get().getStatus())) {
                sawRotating.set(true);
            }
            return r.isPresent() && "Rotated".equals(r.get().getReason()) && "False".equals(r.get().getStatus())
                    && cluster().getStatus().phase == Phase.Ready;
        });
    }

    /** Versions and conditions only: what the test saw when a wait ran out. */
    private String diagnostics() {
        StringBuilder d = new StringBuilder("secret rv=" + client.secrets().inNamespace(NS).withName(SECRET).get()
                .getMetadata().getResourceVersion() + " rotating=" + rotating().map(c -> c.getStatus() + "/" + c.getReason())
                .orElse("-") + " phase=" + cluster().getStatus().phase);
        client.resources(io.pikeoperator.api.v1alpha1.ControllerNode.class).inNamespace(NS).list().getItems().forEach(n ->
                d.append(" ").append(n.getMetadata().getName()).append(" v=").append(n.getStatus().passwordsVersion)
                        .append(" ").append(n.getStatus().phase));
        client.resources(io.pikeoperator.api.v1alpha1.ComputeNode.class).inNamespace(NS).list().getItems().forEach(n ->
                d.append(" ").append(n.getMetadata().getName()).append(" v=").append(n.getStatus().passwordsVersion)
                        .append(" ").append(n.getStatus().phase));
        return d.toString();
    }

    /** Every rotated value is in the hosts' files where it belongs; no old value is left in /etc or /root. */
    private void assertNewOnHostsOldGone(Map<String, String> fresh, Map<String, String> old, List<String> keys) {
        for (String h : HOSTS) {
            String files = filesOf(h);
            for (String k : keys) {
                assertThat(files).as("old %s on %s", k, h).doesNotContain(old.get(k));
            }
        }
        String controller = filesOf("controller01");
        keys.forEach(k -> assertThat(controller).as("new %s on controller01", k).contains(fresh.get(k)));
    }

    /**
     * nova_api.cell_mappings, as the twin's MariaDB holds it: cell0's and cell1's database URLs carry the current
     * nova-db, cell1's transport URL the current rabbitmq, no old value is left (Ready: nova-api still lists cell1's computes).
     */
    private void assertCellMappings(Map<String, String> fresh, Map<String, String> old) {
        List<NovaApiData.CellMapping> cells = twin.host("controller01").model().state().mariadb.databases
                .get("nova_api").novaApi.cells;
        String stored = cells.stream().map(c -> c.name + " " + c.transportUrl + " " + c.databaseConnection)
                .reduce("", (a, b) -> a + "\n" + b);
        for (String k : List.of("nova-db", "rabbitmq")) {
            if (!old.get(k).equals(fresh.get(k))) {
                assertThat(stored).as("old %s in nova_api.cell_mappings", k).doesNotContain(old.get(k));
            }
        }
        assertThat(stored).contains("cell0 none:/// mysql+pymysql://nova:" + fresh.get("nova-db") + "@controller01/nova_cell0")
                .contains("cell1 rabbit://openstack:" + fresh.get("rabbitmq") + "@controller01 mysql+pymysql://nova:"
                        + fresh.get("nova-db") + "@controller01/nova");
        assertThat(twin.host("controller01").commandLog().entries()).noneSatisfy(e ->
                assertThat(e.command()).as("no URL on a command line").contains("update_cell"));
    }

    private String filesOf(String host) {
        StringBuilder all = new StringBuilder();
        for (String dir : List.of("etc", "root")) {
            Path base = twin.host(host).root().resolve(dir);
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(base)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (Files.size(f) < 1_000_000) {
                        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }

    private Map<String, String> rotate(Map<String, String> changes) {
        Secret s = client.secrets().inNamespace(NS).withName(SECRET).get();
        Map<String, String> data = new LinkedHashMap<>(s.getData());
        changes.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        s.setData(data);
        client.secrets().inNamespace(NS).resource(s).update();
        return secret();
    }

    private PikeCluster cluster() {
        return client.resources(PikeCluster.class).inNamespace(NS).withName("pike").get();
    }

    private Optional<Condition> rotating() {
        PikeCluster c = cluster();
        return c.getStatus() == null ? Optional.empty() : Conditions.find(c.getStatus().conditions, "PasswordsRotating");
    }

    private Map<String, String> secret() {
        return decode(client.secrets().inNamespace(NS).withName(SECRET).get());
    }

    private Optional<Map<String, String>> applied() {
        return Optional.ofNullable(client.secrets().inNamespace(NS).withName(SECRET + "-applied").get()).map(s -> {
            assertThat(s.getMetadata().getOwnerReferences()).anySatisfy(o -> assertThat(o.getKind()).isEqualTo("PikeCluster"));
            return decode(s);
        });
    }

    private static Map<String, String> decode(Secret s) {
        Map<String, String> m = new HashMap<>();
        s.getData().forEach((k, v) -> m.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return m;
    }

    private List<String> events(String reason) {
        List<String> out = new ArrayList<>();
        client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> reason == null || reason.equals(e.getReason())).forEach(e -> out.add(e.getMessage()));
        return out;
    }
}

package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.api.v1alpha1.VirtType;
import io.pikeoperator.demo.DemoCluster;
import io.pikeoperator.hostsim.Faults;
import io.pikeoperator.hostsim.HostOptions;
import io.pikeoperator.hostsim.Twin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator against fabric8's CRUD mock API server and twin hosts: from nothing to Ready, and what follows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorIT {

    static final String NS = "default";
    static final Duration RESYNC = Duration.ofSeconds(6);

    OperatorLab lab;
    Path dir;
    Twin twin;
    KubernetesMockServer server;
    KubernetesClient client;
    OperatorApp app;
    HealthServer health;
    String privateKey;

    @BeforeAll
    void start() throws Exception {
        List<HostOptions> hosts = new ArrayList<>(DemoCluster.hosts());
        hosts.add(HostOptions.parse("computer02=127.0.0.1:0,ip=10.0.0.32", 2));
        lab = OperatorLab.start("operator-it", hosts, RESYNC);
        dir = lab.dir;
        privateKey = lab.privateKey;
        twin = lab.twin;
        server = lab.server;
        client = lab.client;
        app = lab.app;
        health = new HealthServer(new InetSocketAddress("127.0.0.1", 0), app.registry(), app::started);
    }

    @AfterAll
    void stop() {
        if (health != null) {
            health.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    PikeCluster cluster() {
        return client.resources(PikeCluster.class).inNamespace(NS).withName("pike").get();
    }

    ControllerNode controller() {
        return client.resources(ControllerNode.class).inNamespace(NS).withName("controller01").get();
    }

    ComputeNode compute(String name) {
        return client.resources(ComputeNode.class).inNamespace(NS).withName(name).get();
    }

    @Test
    @Order(1)
    void fromNothingToReadyOnAllThreeKinds() {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            PikeCluster c = cluster();
            return c.getStatus() != null && c.getStatus().phase == Phase.Ready;
        });
        PikeCluster c = cluster();
        // every condition is True except PasswordsRotating, whose healthy state is False NotRotating
        assertThat(c.getStatus().conditions).filteredOn(x -> !x.getType().equals(ConditionTypes.PASSWORDS_ROTATING))
                .allSatisfy(x -> assertThat(x.getStatus()).as(x.getType() + ": " + x.getMessage()).isEqualTo("True"));
        assertThat(Conditions.find(c.getStatus().conditions, ConditionTypes.PASSWORDS_ROTATING)).hasValueSatisfying(x ->
                assertThat(x.getReason()).isEqualTo(PasswordsRotation.IDLE));
        assertThat(c.getStatus().conditions).extracting(x -> x.getType()).containsAll(ConditionTypes.CLUSTER)
                .doesNotHaveDuplicates();
        assertThat(c.getStatus().servicesReady).isEqualTo("16/16");
        assertThat(c.getStatus().computesReady).isEqualTo("1/1");
        assertThat(c.getStatus().endpoints.identity).isEqualTo("http://controller01:5000/v3/");
        assertThat(c.getStatus().observedGeneration).isEqualTo(c.getMetadata().getGeneration());
        ControllerNode ctl = controller();
        assertThat(ctl.getStatus().phase).isEqualTo(Phase.Ready);
        assertThat(ctl.getStatus().conditions).extracting(x -> x.getType()).doesNotHaveDuplicates();
        assertThat(ctl.getStatus().progress).matches("(\\d+)/\\1");
        assertThat(ctl.getStatus().facts.osRelease).contains("CentOS Linux 7");
        assertThat(Conditions.isTrue(ctl.getStatus().conditions, ConditionTypes.VERIFIED)).isTrue();
        ComputeNode cmp = compute("computer01");
        assertThat(cmp.getStatus().phase).isEqualTo(Phase.Ready);
        assertThat(cmp.getStatus().conditions).extracting(x -> x.getType()).doesNotHaveDuplicates();
        assertThat(cmp.getStatus().virtType).isEqualTo(VirtType.KVM);
        assertThat(cmp.getStatus().discovered).isTrue();
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).extracting(e -> e.getReason())
                .contains("PasswordsGenerated", "ServiceReady", "Discovered", "Ready");
        Secret passwords = client.secrets().inNamespace(NS).withName("pike-passwords").get();
        assertThat(passwords.getData()).containsKeys("admin", "nova-db", "placement");
    }

    @Test
    @Order(2)
    void aSteadyStateResyncCostsOneExecPerHostAndWritesNoStatus() {
        Map<String, Integer> before = execs();
        List<String> versions = versions();
        String statusBefore = io.fabric8.kubernetes.client.utils.Serialization.asYaml(compute("computer01").getStatus());
        await().atMost(RESYNC.multipliedBy(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> execs().entrySet().stream().filter(e -> !e.getKey().equals("computer02"))
                        .allMatch(e -> e.getValue() > before.get(e.getKey())));
        Map<String, Integer> after = execs();
        assertThat(after.get("controller01") - before.get("controller01")).isEqualTo(1);
        assertThat(after.get("computer01") - before.get("computer01")).isEqualTo(1);
        assertThat(versions()).as(() -> statusBefore + "\n----\n"
                + io.fabric8.kubernetes.client.utils.Serialization.asYaml(compute("computer01").getStatus())).isEqualTo(versions);
    }

    @Test
    @Order(3)
    void aComputeAddedLaterWithAFailingYumRecoversConvergesAndIsInEveryHostsFile() {
        twin.host("computer02").faults().arm(Faults.Kind.FAIL, "yum install", 1, 1, "Error: Cannot retrieve repository metadata");
        ComputeNode added = compute("computer01");
        added.getMetadata().setName("computer02");
        added.getMetadata().setResourceVersion(null);
        added.getMetadata().setUid(null);
        added.getMetadata().setFinalizers(null);
        added.setStatus(null);
        added.getSpec().hostname = "computer02";
        added.getSpec().managementAddress = "10.0.0.32";
        added.getSpec().ssh.port = twin.host("computer02").port();
        client.resource(added).create();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ComputeNode c = compute("computer02");
            return c.getStatus() != null && c.getStatus().conditions.stream()
                    .anyMatch(x -> "PackageInstallFailed".equals(x.getReason()));
        });
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ComputeNode c = compute("computer02");
            return c.getStatus() != null && c.getStatus().phase == Phase.Ready && Boolean.TRUE.equals(c.getStatus().discovered);
        });
        assertThat(compute("computer02").getStatus().virtType).isEqualTo(VirtType.QEMU);
        await().atMost(RESYNC.multipliedBy(4)).untilAsserted(() -> {
            for (String h : List.of("controller01", "computer01", "computer02")) {
                assertThat(twin.host(h).file("/etc/hosts").orElseThrow()).as(h).containsPattern("(?m)^10\\.0\\.0\\.32 +computer02$");
            }
        });
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .anyMatch(e -> "PackageInstallFailed".equals(e.getReason()) && "computer02".equals(e.getInvolvedObject().getName()));
        await().atMost(Duration.ofMinutes(1)).until(() -> "2/2".equals(cluster().getStatus().computesReady));
    }

    @Test
    @Order(4)
    void deletingAComputeRemovesItFromNovaBeforeTheObjectIsGone() throws Exception {
        client.resource(compute("computer02")).delete();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> client.v1().events()
                .inNamespace(NS).list().getItems().stream().anyMatch(e -> "Decommissioned".equals(e.getReason())));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> compute("computer02") == null);
        String services = twin.host("controller01").commandLog().entries().stream().map(e -> e.command())
                .filter(c -> c.contains("compute service delete")).findFirst().orElse("");
        assertThat(services).contains("computer02");
        try (var ssh = new io.pikeoperator.ssh.SshConnections()) {
            var shell = ssh.shell(io.pikeoperator.ssh.SshTarget.of("127.0.0.1", twin.host("controller01").port(), "root",
                    Files.readString(twin.knownHosts()), null, privateKey));
            assertThat(shell.exec(". admin_openrc && openstack compute service list -f value -c Host", new byte[0], null).stdout())
                    .doesNotContain("computer02");
            assertThat(shell.exec("mysql -N -e 'SELECT host FROM nova_api.host_mappings'", new byte[0], null).stdout()).doesNotContain("computer02");
        }
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).extracting(e -> e.getReason()).contains("Decommissioned");
    }

    @Test
    @Order(5)
    void aHostKeyMismatchIsReportedAndRecoversOnceKnownHostsIsFixed() {
        // A reinstalled host: new host key, and its reboot drops the operator's open connection.
        twin.host("computer01").rotateHostKey();
        twin.host("computer01").reboot(Duration.ofMillis(300));
        await().atMost(RESYNC.multipliedBy(4)).pollInterval(Duration.ofMillis(200)).until(() ->
                Conditions.find(compute("computer01").getStatus().conditions, ConditionTypes.HOST_REACHABLE)
                        .map(c -> "HostKeyMismatch".equals(c.getReason())).orElse(false));
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).anyMatch(e -> "HostKeyMismatch".equals(e.getReason()));
        Secret ssh = client.secrets().inNamespace(NS).withName("pike-ssh").get();
        // The mock keeps stringData as given (a real API server folds it into data): fold it here.
        Map<String, String> data = new HashMap<>();
        if (ssh.getStringData() != null) {
            ssh.getStringData().forEach((k, v) -> data.put(k, java.util.Base64.getEncoder().encodeToString(v.getBytes())));
        }
        if (ssh.getData() != null) {
            data.putAll(ssh.getData());
        }
        String knownHosts = String.join("\n", twin.hosts().stream().map(h -> h.knownHostsLine()).toList()) + "\n";
        data.put("known_hosts", java.util.Base64.getEncoder().encodeToString(knownHosts.getBytes()));
        ssh.setData(data);
        ssh.setStringData(null);
        client.resource(ssh).update();
        await().atMost(RESYNC.multipliedBy(4)).pollInterval(Duration.ofMillis(200)).until(() ->
                Conditions.isTrue(compute("computer01").getStatus().conditions, ConditionTypes.READY));
    }

    @Test
    @Order(6)
    void aMissingSshSecretIsReportedAndRecoversWhenItIsBack() {
        Secret ssh = client.secrets().inNamespace(NS).withName("pike-ssh").get();
        client.resource(ssh).delete();
        await().atMost(RESYNC.multipliedBy(4)).pollInterval(Duration.ofMillis(200)).until(() ->
                Conditions.find(controller().getStatus().conditions, ConditionTypes.HOST_REACHABLE)
                        .map(c -> "SecretNotFound".equals(c.getReason())).orElse(false));
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).anyMatch(e -> "SecretNotFound".equals(e.getReason()));
        ssh.getMetadata().setResourceVersion(null);
        ssh.getMetadata().setUid(null);
        client.resource(ssh).create();
        await().atMost(RESYNC.multipliedBy(4)).pollInterval(Duration.ofMillis(200)).until(() ->
                Conditions.isTrue(controller().getStatus().conditions, ConditionTypes.READY)
                        && cluster().getStatus().phase == Phase.Ready);
    }

    @Test
    @Order(7)
    void metricsCarryTheOperatorsSeriesAndPassPromtool() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + health.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("pike_step_duration_seconds_count{", "pike_ssh_execs_total{host=\"controller01\"}",
                "pike_service_ready{cluster=\"pike\",service=\"Keystone\"} 1.0", "pike_cluster_phase{cluster=\"pike\",phase=\"Ready\"} 1.0",
                "operator_sdk_");
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, r.body());
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + health.port() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void pausedClustersAreNotTouchedAndResumeRepairsDrift() throws Exception {
        // a merge patch, which names no resourceVersion: the operator writes the cluster's status meanwhile, and an
        // update (or fabric8's edit, which sends the version it read) could get a 409
        client.resources(PikeCluster.class).inNamespace(NS).withName("pike")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"paused\":true}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> "paused: hosts are not touched".equals(cluster().getStatus().message));
        twin.host("controller01").stopService("memcached");
        int before = twin.host("controller01").commandLog().size();
        // two resync periods without a single command on the host
        await().during(RESYNC.multipliedBy(2)).atMost(RESYNC.multipliedBy(3))
                .until(() -> twin.host("controller01").commandLog().size() == before);
        client.resources(PikeCluster.class).inNamespace(NS).withName("pike")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"paused\":false}}");
        await().atMost(RESYNC.multipliedBy(4)).pollInterval(Duration.ofMillis(200)).until(() ->
                twin.host("controller01").commandLog().entries().stream().skip(before)
                        .anyMatch(e -> e.command().contains("systemctl start 'memcached'") && e.exit() == 0));
    }

    private Map<String, Integer> execs() {
        Map<String, Integer> m = new HashMap<>();
        for (String h : List.of("controller01", "computer01", "computer02")) {
            m.put(h, twin.host(h).commandLog().size());
        }
        return m;
    }

    private List<String> versions() {
        return List.of(cluster().getMetadata().getResourceVersion(), controller().getMetadata().getResourceVersion(),
                compute("computer01").getMetadata().getResourceVersion());
    }
}

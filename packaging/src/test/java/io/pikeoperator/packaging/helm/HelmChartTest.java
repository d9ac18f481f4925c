package io.pikeoperator.packaging.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class HelmChartTest {

    @Test
    void lintsStrictly() {
        LintResult r = new Helm(Rendered.CHART).lint().strict().call();
        assertThat(r.isFailed()).as(String.join("\n", r.getMessages())).isFalse();
    }

    @Test
    void theChartsCrdsAreTheGeneratedOnes() throws IOException {
        try (Stream<Path> generated = Files.list(Rendered.REPO.resolve("crds")).filter(p -> p.toString().endsWith(".yml"))) {
            List<Path> files = generated.sorted().toList();
            assertThat(files).hasSize(3);
            for (Path f : files) {
                assertThat(Rendered.CHART.resolve("crds").resolve(f.getFileName())).as("helm/pike-operator/crds/%s is stale: "
                        + "cp crds/*.yml helm/pike-operator/crds/", f.getFileName()).hasSameTextualContentAs(f);
            }
        }
    }

    @Test
    void defaultsRenderANamespacedOperatorWithLeaderElectionAndAHardenedPod() throws IOException {
        Rendered r = Rendered.of("pike-operator", "pike-system", Map.of());
        assertThat(r.objects).extracting(o -> o.path("kind").asText()).containsExactlyInAnyOrder("ServiceAccount",
                "Role", "RoleBinding", "Role", "RoleBinding", "Service", "Deployment");
        assertThat(r.ofKind("Role")).extracting(o -> o.path("metadata").path("namespace").asText())
                .containsExactlyInAnyOrder("openstack", "pike-system");
        JsonNode pod = r.one("Deployment").path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertThat(c.path("image").asText()).isEqualTo("ghcr.io/pike-operator/pike-operator:0.1.0");
        assertThat(texts(c.path("args"))).containsSubsequence("run", "--metrics-address", "0.0.0.0:8080")
                .containsSubsequence("--lease-namespace", "pike-system").containsSubsequence("--namespaces", "openstack")
                .doesNotContain("--no-leader-election");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(texts(c.path("securityContext").path("capabilities").path("drop"))).containsExactly("ALL");
        assertThat(c.path("resources").path("limits").path("memory").asText()).isEqualTo("512Mi");
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("pike-operator");
        assertThat(r.one("Service").path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(8080);
        JsonNode lease = r.named("Role", "pike-operator-leader-election").orElseThrow();
        assertThat(lease.path("metadata").path("namespace").asText()).isEqualTo("pike-system");
        assertThat(texts(lease.path("rules").get(0).path("resources"))).containsExactly("leases");
    }

    @Test
    void rbacGrantsExactlyWhatTheOperatorUsesInTheWatchedNamespaceOnly() throws IOException {
        Rendered r = Rendered.of("pike-operator", "pike-system", Map.of());
        JsonNode role = r.named("Role", "pike-operator").orElseThrow();
        assertThat(role.path("metadata").path("namespace").asText()).isEqualTo("openstack");
        assertThat(rulesOf(role)).containsExactlyInAnyOrderElementsOf(WATCH_RULES);
        assertThat(r.ofKind("ClusterRole")).isEmpty();
        assertThat(r.ofKind("ClusterRoleBinding")).isEmpty();
    }

    @Test
    void watchingAllNamespacesTakesAClusterRole() throws IOException {
        Path values = Files.createTempFile("all-namespaces", ".yaml");
        Files.writeString(values, "watchNamespaces: []\n");
        Rendered r = Rendered.of("pike-operator", "pike-system", Map.of(), values);
        Files.delete(values);
        assertThat(rulesOf(r.one("ClusterRole"))).containsExactlyInAnyOrderElementsOf(WATCH_RULES);
        assertThat(r.one("ClusterRoleBinding").path("roleRef").path("name").asText()).isEqualTo("pike-operator");
        assertThat(r.ofKind("Role")).extracting(o -> o.path("metadata").path("name").asText())
                .containsExactly("pike-operator-leader-election");
        JsonNode c = r.one("Deployment").path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(texts(c.path("args"))).doesNotContain("--namespaces");
    }

    static final List<String> WATCH_RULES = List.of(
            "pikeoperator.io/pikeclusters:get,list,watch,patch,update",
            "pikeoperator.io/controllernodes:get,list,watch,patch,update",
            "pikeoperator.io/computenodes:get,list,watch,patch,update",
            "pikeoperator.io/pikeclusters/status:get,patch,update",
            "pikeoperator.io/controllernodes/status:get,patch,update",
            "pikeoperator.io/computenodes/status:get,patch,update",
            "pikeoperator.io/pikeclusters/finalizers:update",
            "pikeoperator.io/controllernodes/finalizers:update",
            "pikeoperator.io/computenodes/finalizers:update",
            "/secrets:get,list,watch,create,update",
            "/events:get,create,patch");

    static List<String> rulesOf(JsonNode role) {
        List<String> rules = new ArrayList<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode res : rule.path("resources")) {
                rules.add(rule.path("apiGroups").get(0).asText() + "/" + res.asText() + ":" + String.join(",", texts(rule.path("verbs"))));
            }
        }
        return rules;
    }

    @Test
    void watchedNamespacesGetRolesAndTheOptionalMonitoringObjectsRender() throws IOException {
        Rendered r = Rendered.of("pike", "ops", Map.of("watchNamespaces[0]", "openstack", "watchNamespaces[1]", "lab",
                "leaderElection.enabled", false, "replicaCount", 2, "log.format", "json", "image.tag", "1.2.3",
                "metrics.serviceMonitor.enabled", true, "metrics.prometheusRule.enabled", true));
        assertThat(r.ofKind("ClusterRole")).isEmpty();
        assertThat(r.ofKind("Role")).extracting(o -> o.path("metadata").path("namespace").asText())
                .containsExactlyInAnyOrder("openstack", "lab");
        assertThat(r.ofKind("RoleBinding")).allSatisfy(b ->
                assertThat(b.path("subjects").get(0).path("namespace").asText()).isEqualTo("ops"));
        JsonNode d = r.one("Deployment");
        assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode c = d.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(c.path("image").asText()).endsWith(":1.2.3");
        assertThat(texts(c.path("args"))).containsSubsequence("--namespaces", "openstack,lab").contains("--no-leader-election");
        assertThat(texts(c.path("args"))).containsSubsequence("--log-format", "json");
        assertThat(r.one("ServiceMonitor").path("spec").path("endpoints").get(0).path("port").asText()).isEqualTo("metrics");
        String rules = r.one("PrometheusRule").toString();
        assertThat(rules).contains("PikeClusterNotReady", "pike_cluster_phase", "PikeStepsFailing", "pike_step_failures_total",
                "PikeSshFailures", "pike_ssh_failures_total");
        assertThat(new Helm(Rendered.CHART).lint().strict().call().isFailed()).isFalse();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

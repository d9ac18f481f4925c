package io.pikeoperator.packaging.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikeoperator.packaging.argocd.LuaHealthCheck.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.pikeoperator.packaging.argocd.LuaHealthCheck.read;
import static io.pikeoperator.packaging.argocd.LuaHealthCheck.repoRoot;
import static org.assertj.core.api.Assertions.assertThat;

/** deploy/argocd/argocd-cm.yaml carries exactly the .lua files; application.yaml is the documented example. */
class ArgoCdManifestsTest {

    static final String KEY = "resource.customizations.health.pikeoperator.io_";
    static final List<String> KINDS = List.of("PikeCluster", "ControllerNode", "ComputeNode");

    static JsonNode yaml(String file) throws IOException {
        return LuaHealthCheck.YAML.readTree(repoRoot().resolve("deploy/argocd").resolve(file).toFile());
    }

    @Test
    void theConfigMapIsTheArgoCdOneWithOneHealthCheckPerKind() throws IOException {
        JsonNode cm = yaml("argocd-cm.yaml");
        assertThat(cm.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(cm.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
        assertThat(cm.path("metadata").path("namespace").asText()).isEqualTo("argocd");
        List<String> keys = new ArrayList<>();
        cm.path("data").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder(KINDS.stream().map(k -> KEY + k).toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PikeCluster", "ControllerNode", "ComputeNode"})
    void theConfigMapHoldsExactlyTheLuaFile(String kind) throws IOException {
        Path file = LuaHealthCheck.script(kind);
        String inConfigMap = yaml("argocd-cm.yaml").path("data").path(KEY + kind).asText(null);

        assertThat(inConfigMap).as("argocd-cm.yaml data[%s%s]", KEY, kind).isNotNull();
        assertThat(normalise(inConfigMap))
                .as("the script in argocd-cm.yaml must be a copy of %s (re-copy it after editing the .lua)",
                        repoRoot().relativize(file))
                .isEqualTo(normalise(read(file)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PikeCluster", "ControllerNode", "ComputeNode"})
    void theConfigMapsCopyRunsToo(String kind) throws IOException {
        String script = yaml("argocd-cm.yaml").path("data").path(KEY + kind).asText();
        String sample = kind.toLowerCase(java.util.Locale.ROOT) + "-ready";

        assertThat(LuaHealthCheck.run(script, "argocd-cm " + kind, LuaHealthCheck.sample(sample)).status())
                .isEqualTo("Healthy");
    }

    @Test
    void theApplicationSyncsTheClusterManifestsWithoutPruning() throws IOException {
        JsonNode app = yaml("application.yaml");
        assertThat(app.path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(app.path("kind").asText()).isEqualTo("Application");
        assertThat(app.path("metadata").path("namespace").asText()).isEqualTo("argocd");
        JsonNode spec = app.path("spec");
        assertThat(spec.path("source").path("repoURL").asText()).startsWith("https://");
        assertThat(spec.path("source").path("path").asText()).isEqualTo("openstack/pike");
        assertThat(spec.path("destination").path("namespace").asText()).isEqualTo("openstack");
        JsonNode automated = spec.path("syncPolicy").path("automated");
        assertThat(automated.path("prune").isBoolean() && !automated.path("prune").booleanValue())
                .as("syncPolicy.automated.prune is false").isTrue();
        assertThat(automated.path("selfHeal").booleanValue()).as("syncPolicy.automated.selfHeal").isTrue();
        assertThat(read(repoRoot().resolve("deploy/argocd/application.yaml")))
                .as("the comment about where the Secrets come from").contains("SealedSecrets").contains("secret manager");
    }

    @Test
    void theReadmeExplainsInstallAndStatuses() {
        String readme = read(repoRoot().resolve("deploy/argocd/README.md"));
        assertThat(readme).contains("argocd-cm.yaml", "application.yaml", "Lua 5.1",
                "Healthy", "Progressing", "Degraded", "Suspended");
    }

    @Test
    void aChangedScriptIsNoticed() {
        String lua = read(LuaHealthCheck.script("ComputeNode"));
        String edited = lua.replace("\"Degraded\"", "\"Unhealthy\"");
        assertThat(normalise(edited)).isNotEqualTo(normalise(lua));
        Health health = LuaHealthCheck.run(edited, "edited", LuaHealthCheck.sample("computenode-failed"));
        assertThat(health.status()).isEqualTo("Unhealthy");
    }

    /** Line endings only: a YAML block scalar keeps everything else, the trailing newline included. */
    private static String normalise(String s) {
        return s.replace("\r\n", "\n");
    }
}

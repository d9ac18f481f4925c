package io.pikeoperator.drive;

import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.plan.NodeInfo;
import io.pikeoperator.plan.Passwords;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A ComputeNode's own problem leaves that node out; the cluster and its other nodes are assembled as before. */
class AssemblyTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private PikeCluster cluster;
    private ControllerNode controller;
    private ComputeNode template;

    @BeforeEach
    void example() throws Exception {
        for (JsonNode doc : new YAMLMapper().readerFor(JsonNode.class)
                .<JsonNode>readValues(Files.readString(Path.of("../examples/pikecluster.yaml"))).readAll()) {
            switch (doc.path("kind").asText()) {
                case "PikeCluster" -> cluster = JSON.treeToValue(doc, PikeCluster.class);
                case "ControllerNode" -> controller = JSON.treeToValue(doc, ControllerNode.class);
                case "ComputeNode" -> template = JSON.treeToValue(doc, ComputeNode.class);
                default -> {
                }
            }
        }
    }

    private ComputeNode compute(String name, String hostname) {
        ComputeNode c = JSON.convertValue(template, ComputeNode.class);
        c.getMetadata().setName(name);
        c.getSpec().hostname = hostname;
        return c;
    }

    private Assembly assemble(List<ComputeNode> computes) throws Exception {
        return Assembly.of(new ClusterInputs(cluster, List.of(controller), computes, name -> Optional.empty()),
                Passwords.completing(Map.of(), new ArrayList<>()),
                new Assembly.SshOverrides("PRIVATE KEY", "10.0.0.11 ssh-ed25519 AAAA"));
    }

    @Test
    void aComputeWithTheControllersHostnameIsLeftOutAloneWithItsOwnReason() throws Exception {
        String ctl = controller.getSpec().hostname;
        Assembly a = assemble(List.of(compute("computer01", "computer01"), compute("imposter", ctl),
                compute("computer02", "computer02")));
        assertThat(a.rejected()).containsOnlyKeys("imposter");
        InputException e = a.rejection("imposter").orElseThrow();
        assertThat(e.reason()).isEqualTo("DuplicateHostname");
        assertThat(e.getMessage()).contains(ctl, "ControllerNode " + controller.getMetadata().getName(), "imposter");
        assertThat(a.cluster().computes()).extracting(NodeInfo::hostname).containsExactly("computer01", "computer02");
        assertThat(a.targets()).containsOnlyKeys(ctl, "computer01", "computer02");
        assertThat(a.cluster().controllerName()).isEqualTo(ctl);
    }

    @Test
    void ofTwoComputesWithOneHostnameTheFirstKeepsItAndTheSecondIsNamed() throws Exception {
        Assembly a = assemble(List.of(compute("computer01", "computer01"), compute("computer01-copy", "computer01")));
        assertThat(a.rejected()).containsOnlyKeys("computer01-copy");
        assertThat(a.rejection("computer01-copy").orElseThrow().getMessage()).contains("ComputeNode computer01");
        assertThat(a.cluster().computes()).extracting(NodeInfo::hostname).containsExactly("computer01");
    }

    @Test
    void aComputeBreakingItsSchemaIsLeftOutAloneAsInvalidSpec() throws Exception {
        Assembly a = assemble(List.of(compute("bad", "bad host\nname"), compute("computer01", "computer01")));
        assertThat(a.rejection("bad").orElseThrow().reason()).isEqualTo("InvalidSpec");
        assertThat(a.cluster().computes()).extracting(NodeInfo::hostname).containsExactly("computer01");
    }

    @Test
    void theClustersSshTimeoutsBoundItsRuns() throws Exception {
        cluster.getSpec().ssh.connectTimeoutSeconds = 7;
        cluster.getSpec().ssh.commandTimeoutSeconds = 42;
        Assembly a = assemble(List.of(compute("computer01", "computer01")));
        assertThat(a.timeouts().connect()).hasSeconds(7);
        assertThat(a.runOptions().commandTimeout()).hasSeconds(42);
        assertThat(a.runOptions().checkTimeout()).hasSeconds(42);
    }
}

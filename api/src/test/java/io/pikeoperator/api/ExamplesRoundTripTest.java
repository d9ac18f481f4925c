package io.pikeoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every document of every example parses into the model classes and serialises back to the same tree. */
class ExamplesRoundTripTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Map<String, Class<? extends KubernetesResource>> KINDS = Map.of(
            "Secret", Secret.class,
            "PikeCluster", PikeCluster.class,
            "ControllerNode", ControllerNode.class,
            "ComputeNode", ComputeNode.class);

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(list).isNotEmpty();
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyDocumentRoundTripsUnchanged(Path example) throws IOException {
        List<JsonNode> documents = documents(example);
        assertThat(documents).isNotEmpty();
        for (JsonNode original : documents) {
            String kind = original.path("kind").asText();
            assertThat(KINDS).as("kind %s in %s", kind, example).containsKey(kind);

            KubernetesResource model = serialization.unmarshal(yaml.writeValueAsString(original), KINDS.get(kind));
            JsonNode back = yaml.readTree(serialization.asYaml(model));

            assertThat(back).as("%s %s", kind, original.path("metadata").path("name").asText()).isEqualTo(original);
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theGuideExampleHoldsTheGuidesTopology(Path example) throws IOException {
        List<JsonNode> documents = documents(example);
        if (!example.getFileName().toString().equals("pikecluster.yaml")) {
            return;
        }
        PikeCluster cluster = serialization.unmarshal(yaml.writeValueAsString(byKind(documents, "PikeCluster")),
                PikeCluster.class);
        assertThat(cluster.getSpec().managementNetwork).isEqualTo("10.0.0.0/24");
        assertThat(cluster.getSpec().extraHosts).extracting(h -> h.hostname + "=" + h.address)
                .containsExactly("block01=10.0.0.41", "object01=10.0.0.51", "object02=10.0.0.52");
        assertThat(cluster.getSpec().glance.images).extracting(i -> i.name).containsExactly("cirros-0.3.5");

        ControllerNode controller = serialization.unmarshal(
                yaml.writeValueAsString(byKind(documents, "ControllerNode")), ControllerNode.class);
        assertThat(controller.getSpec().managementAddress).isEqualTo("10.0.0.11");
        assertThat(controller.getSpec().providerAddress).isEqualTo("192.168.52.142");
        ComputeNode compute = serialization.unmarshal(
                yaml.writeValueAsString(byKind(documents, "ComputeNode")), ComputeNode.class);
        assertThat(compute.getSpec().hostname).isEqualTo("computer01");
        assertThat(compute.getSpec().managementAddress).isEqualTo("10.0.0.31");
    }

    private List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            for (JsonNode node : yaml.readValues(parser, JsonNode.class).readAll()) {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    docs.add(node);
                }
            }
        }
        return docs;
    }

    private static JsonNode byKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst().orElseThrow();
    }
}

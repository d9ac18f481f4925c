package io.pikeoperator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.drive.ClusterInputs;
import io.pikeoperator.drive.InputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects of multi-document YAML files, as {@code kubectl apply -f} takes them: PikeClusters, nodes and
 * Secrets (data base64-decoded, stringData as is). Other kinds are ignored.
 */
final class Manifest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    final List<PikeCluster> clusters = new ArrayList<>();
    final List<ControllerNode> controllers = new ArrayList<>();
    final List<ComputeNode> computes = new ArrayList<>();
    final Map<String, Map<String, String>> secrets = new LinkedHashMap<>();

    void load(Path file) throws IOException, InputException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode() || !doc.has("kind")) {
                    continue;
                }
                switch (doc.get("kind").asText()) {
                    case "PikeCluster" -> clusters.add(JSON.treeToValue(doc, PikeCluster.class));
                    case "ControllerNode" -> controllers.add(JSON.treeToValue(doc, ControllerNode.class));
                    case "ComputeNode" -> computes.add(JSON.treeToValue(doc, ComputeNode.class));
                    case "Secret" -> secrets.put(doc.path("metadata").path("name").asText(), secretData(doc));
                    default -> {
                    }
                }
            }
        }
    }

    private static Map<String, String> secretData(JsonNode doc) throws InputException {
        Map<String, String> data = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("data").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                data.put(e.getKey(), new String(Base64.getMimeDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException bad) {
                throw new InputException("InvalidSecret", "Secret " + doc.path("metadata").path("name").asText()
                        + ": data." + e.getKey() + " is not base64");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("stringData").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            data.put(e.getKey(), e.getValue().asText());
        }
        return data;
    }

    /** The single cluster of the files with its nodes (those whose clusterRef names it). */
    ClusterInputs inputs() throws InputException {
        if (clusters.size() != 1) {
            throw new InputException("InvalidManifest", "expected exactly one PikeCluster in the files, found " + clusters.size());
        }
        PikeCluster c = clusters.get(0);
        String name = c.getMetadata().getName();
        return new ClusterInputs(c,
                controllers.stream().filter(n -> n.getSpec() != null && n.getSpec().clusterRef != null
                        && name.equals(n.getSpec().clusterRef.name)).toList(),
                computes.stream().filter(n -> n.getSpec() != null && n.getSpec().clusterRef != null
                        && name.equals(n.getSpec().clusterRef.name)).toList(),
                secretName -> Optional.ofNullable(secrets.get(secretName)));
    }
}

package io.pikeoperator.packaging.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chart rendered with helm-java (helm template), as YAML text and as objects. */
final class Rendered {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path CHART = REPO.resolve("helm/pike-operator");

    final String yaml;
    final List<JsonNode> objects = new ArrayList<>();

    private Rendered(String yaml) throws IOException {
        this.yaml = yaml;
        for (JsonNode d : new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
            if (d != null && d.has("kind")) {
                objects.add(d);
            }
        }
    }

    static Rendered of(String release, String namespace, Map<String, Object> values) throws IOException {
        return of(release, namespace, values, null);
    }

    /** With a values file too ({@code --set} cannot give an empty list). */
    static Rendered of(String release, String namespace, Map<String, Object> values, Path valuesFile) throws IOException {
        TemplateCommand t = new Helm(CHART).template().withName(release).withNamespace(namespace).withKubeVersion("1.20.2");
        if (valuesFile != null) {
            t = t.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> v : values.entrySet()) {
            t = t.set(v.getKey(), v.getValue());
        }
        return new Rendered(t.call());
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    JsonNode one(String kind) {
        List<JsonNode> all = ofKind(kind);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + all.size());
        }
        return all.get(0);
    }

    Optional<JsonNode> named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst();
    }
}

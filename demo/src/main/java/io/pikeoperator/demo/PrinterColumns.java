package io.pikeoperator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A kind's {@code additionalPrinterColumns}, read from its committed CRD on the classpath (the crds module), so the
 * demo's tables show what {@code kubectl get} shows.
 */
record PrinterColumns(String plural, List<Column> columns) {

    /** One column as the CRD declares it; kubectl shows those of priority 0 without {@code -o wide}. */
    record Column(String name, String type, String jsonPath, int priority) {
    }

    static PrinterColumns of(Class<? extends HasMetadata> kind) {
        String plural = HasMetadata.getPlural(kind);
        String resource = "/io/pikeoperator/crds/" + plural + "." + HasMetadata.getGroup(kind) + "-v1.yml";
        try (InputStream in = PrinterColumns.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no CRD " + resource + " on the classpath");
            }
            JsonNode version = new YAMLMapper().readTree(in).path("spec").path("versions").path(0);
            List<Column> columns = new ArrayList<>();
            for (JsonNode c : version.path("additionalPrinterColumns")) {
                columns.add(new Column(c.path("name").asText(), c.path("type").asText(), c.path("jsonPath").asText(),
                        c.path("priority").asInt(0)));
            }
            return new PrinterColumns(plural, List.copyOf(columns));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

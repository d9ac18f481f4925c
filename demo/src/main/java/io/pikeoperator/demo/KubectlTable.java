package io.pikeoperator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pikeoperator.describe.HumanAge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code kubectl get <plural>} as kubectl prints a CRD's table: NAME, then the printer columns of priority 0 with
 * their names upper-cased, cells from their JSONPaths, dates as ages, columns padded like kubectl's tabwriter
 * (3 spaces, at least 6 wide). JSONPaths are the plain {@code .a.b.c} form the CRDs use; anything else is refused,
 * so a new kind of column cannot be shown wrong silently.
 */
final class KubectlTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrinterColumns columns;
    private final Instant now;

    KubectlTable(PrinterColumns columns, Instant now) {
        this.columns = columns;
        this.now = now;
    }

    List<String> header() {
        List<String> header = new ArrayList<>(List.of("NAME"));
        shown().forEach(c -> header.add(c.name().toUpperCase(Locale.ROOT)));
        return header;
    }

    List<String> row(HasMetadata o) {
        JsonNode tree = JSON.valueToTree(o);
        List<String> row = new ArrayList<>(List.of(o.getMetadata().getName()));
        for (PrinterColumns.Column c : shown()) {
            JsonNode value = at(tree, c.jsonPath());
            String text = value.isMissingNode() || value.isNull() ? "" : value.asText();
            row.add(c.type().equals("date") ? age(text) : text);
        }
        return row;
    }

    /** The table, or kubectl's line for an empty list. */
    String render(List<? extends HasMetadata> objects, String namespace) {
        if (objects.isEmpty()) {
            return "No resources found in " + namespace + " namespace.\n";
        }
        List<List<String>> rows = new ArrayList<>(List.of(header()));
        objects.forEach(o -> rows.add(row(o)));
        int[] widths = new int[rows.get(0).size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], Math.max(r.get(i).length() + 3, 6));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(i == r.size() - 1 ? r.get(i) : r.get(i) + " ".repeat(widths[i] - r.get(i).length()));
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private List<PrinterColumns.Column> shown() {
        return columns.columns().stream().filter(c -> c.priority() == 0).toList();
    }

    static JsonNode at(JsonNode tree, String jsonPath) {
        if (!jsonPath.matches("(\\.[A-Za-z0-9_-]+)+")) {
            throw new IllegalArgumentException("JSONPath " + jsonPath + " is not of the plain .a.b.c form this table reads");
        }
        JsonNode node = tree;
        for (String field : jsonPath.substring(1).split("\\.")) {
            node = node.path(field);
        }
        return node;
    }

    private String age(String timestamp) {
        return timestamp.isEmpty() ? "<unknown>" : HumanAge.of(Duration.between(Instant.parse(timestamp), now));
    }
}

package io.pikeoperator.packaging.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pikeoperator.reconcile.ExportedMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/grafana/pike-operator.json is valid, and every metric its queries use is one the operator really exports:
 * the exported names come from a Prometheus registry filled through the operator's own {@code OperatorMetrics} and
 * java-operator-sdk's {@code MicrometerMetrics} (see {@link ExportedMetrics}), not from a list kept by hand.
 */
class DashboardMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A PromQL identifier; metric names of interest start with one of the operator's prefixes. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    /** metric{matchers}: the label names a selector filters on. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");

    private static String scrape;
    /** Exported series name to the label names seen on it. */
    private static Map<String, Set<String>> exported;

    @BeforeAll
    static void exportedMetrics() {
        scrape = ExportedMetrics.scrape();
        exported = parseScrape(scrape);
    }

    static Path dashboardFile() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path file = p.resolve("deploy/grafana/pike-operator.json");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("deploy/grafana/pike-operator.json not found above " + Path.of("").toAbsolutePath());
    }

    static JsonNode dashboard() throws IOException {
        return JSON.readTree(Files.readString(dashboardFile(), StandardCharsets.UTF_8));
    }

    @Test
    void theHelperRecordedEveryKindOfMeter() {
        assertThat(exported).containsKeys("pike_step_duration_seconds_count", "pike_step_duration_seconds_sum",
                "pike_step_duration_seconds_max", "pike_step_failures_total", "pike_ssh_execs_total",
                "pike_ssh_failures_total", "pike_service_ready", "pike_cluster_phase", "pike_reconcile_errors_total",
                "operator_sdk_reconciliations_started_total", "operator_sdk_controllers_execution_reconcile_seconds_bucket");
        // Gauges are held weakly by Micrometer: a value, not NaN, shows the scrape saw live ones.
        assertThat(scrape).contains("pike_cluster_phase{cluster=\"pike\",phase=\"Provisioning\"} 1.0");
        assertThat(exported.get("pike_step_duration_seconds_count")).as("labels").contains("service", "outcome");
    }

    @Test
    void isAnImportableDashboardWithQueriesInEveryPanel() throws IOException {
        JsonNode d = dashboard();
        assertThat(d.path("title").asText()).isNotBlank();
        assertThat(d.path("uid").asText()).isEqualTo("pike-operator");
        assertThat(d.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(d.path("id").isNull() || d.path("id").isMissingNode()).as("no instance id in an exported dashboard").isTrue();

        List<JsonNode> panels = panels(d);
        assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode p : panels) {
            assertThat(ids.add(p.path("id").asInt())).as("panel id %s is unique", p.path("id")).isTrue();
            assertThat(p.path("gridPos").path("w").asInt()).as("gridPos of %s", p.path("title")).isBetween(1, 24);
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(p.path("title").asText()).isNotBlank();
            assertThat(p.path("datasource").path("uid").asText()).as("datasource of %s", p.path("title"))
                    .isEqualTo("${DS_PROMETHEUS}");
            assertThat(p.path("targets")).as("targets of %s", p.path("title")).isNotEmpty();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("expr").asText()).as("expr of %s/%s", p.path("title"), t.path("refId")).isNotBlank();
                assertThat(t.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
            }
        }
    }

    @Test
    void hasTheDatasourceAndClusterVariables() throws IOException {
        Map<String, JsonNode> variables = new TreeMap<>();
        dashboard().path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));

        assertThat(variables).containsKeys("DS_PROMETHEUS", "cluster");
        assertThat(variables.get("DS_PROMETHEUS").path("type").asText()).isEqualTo("datasource");
        assertThat(variables.get("DS_PROMETHEUS").path("query").asText()).isEqualTo("prometheus");
        assertThat(variables.get("cluster").path("definition").asText()).isEqualTo("label_values(pike_cluster_phase, cluster)");
    }

    @Test
    void everyMetricInTheDashboardIsExportedByTheOperator() throws IOException {
        List<String> problems = problems(dashboard());

        assertThat(problems).as("metrics or labels the dashboard uses that the operator does not export").isEmpty();
    }

    @Test
    void everyMetricOfTheOperatorItselfHasAPanel() throws IOException {
        Set<String> used = new TreeSet<>();
        expressions(dashboard()).forEach(e -> used.addAll(metricNames(e)));
        Set<String> own = new TreeSet<>(exported.keySet());
        own.removeIf(n -> !n.startsWith("pike_"));

        assertThat(used).as("pike_* metrics on the dashboard").containsAll(own);
    }

    @Test
    void aMisspeltMetricOrLabelFailsTheCheck() throws IOException {
        String text = Files.readString(dashboardFile(), StandardCharsets.UTF_8);
        assertThat(text).contains("pike_ssh_execs_total", "operator_sdk_reconciliations_started_total");

        JsonNode misspelt = JSON.readTree(text.replace("pike_ssh_execs_total", "pike_ssh_exec_total")
                .replace("operator_sdk_reconciliations_started_total", "operator_sdk_reconciliation_started_total"));
        assertThat(problems(misspelt)).anyMatch(p -> p.contains("pike_ssh_exec_total"))
                .anyMatch(p -> p.contains("operator_sdk_reconciliation_started_total"));

        ObjectNode wrongLabel = (ObjectNode) JSON.readTree(text.replace("pike_ssh_failures_total{host=~", "pike_ssh_failures_total{hostname=~"));
        assertThat(problems(wrongLabel)).anyMatch(p -> p.contains("hostname"));
    }

    @Test
    void metricNamesAreFoundInExpressions() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le, controller) (rate(operator_sdk_controllers_execution_reconcile_seconds_bucket[$__rate_interval])))"))
                .containsExactly("operator_sdk_controllers_execution_reconcile_seconds_bucket");
        assertThat(metricNames("sum by (host) (rate(pike_ssh_execs_total{host=~\"$host\", reason!=\"pike_not_a_metric\"}[5m])) / on() group_left() pike_step_failures_total"))
                .containsExactlyInAnyOrder("pike_ssh_execs_total", "pike_step_failures_total");
        assertThat(metricNames("sum(rate(operator_sdk_events_received_total{group=\"pikeoperator.io\"}[1m]))"))
                .containsExactly("operator_sdk_events_received_total");
    }

    /** Every expression: panel targets (rows' nested panels too) and query variables. */
    static List<String> expressions(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        for (JsonNode p : panels(dashboard)) {
            p.path("targets").forEach(t -> exprs.add(t.path("expr").asText("")));
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("type").asText().equals("query")) {
                exprs.add(v.path("definition").asText(""));
                exprs.add(v.path("query").isObject() ? v.path("query").path("query").asText("") : v.path("query").asText(""));
            }
        }
        return exprs;
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            all.add(p);
            p.path("panels").forEach(all::add);
        }
        return all;
    }

    /** Metric names not exported, and label matchers naming a label the metric does not have. */
    static List<String> problems(JsonNode dashboard) {
        List<String> problems = new ArrayList<>();
        for (String expr : expressions(dashboard)) {
            for (String name : metricNames(expr)) {
                if (!exported.containsKey(name)) {
                    problems.add(name + " (in " + expr + ")");
                }
            }
            Matcher s = SELECTOR.matcher(expr);
            while (s.find()) {
                Set<String> labels = exported.get(s.group(1));
                if (labels == null) {
                    continue;
                }
                Matcher m = MATCHER.matcher(STRING.matcher(s.group(2)).replaceAll("\"\""));
                while (m.find()) {
                    if (!labels.contains(m.group(1)) && !m.group(1).equals("__name__")) {
                        problems.add(s.group(1) + " has no label " + m.group(1) + " (in " + expr + ")");
                    }
                }
            }
        }
        return problems;
    }

    /** Identifiers outside string literals that start with pike_ or operator_sdk_. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(STRING.matcher(expr).replaceAll(" "));
        while (m.find()) {
            String token = m.group();
            if (token.startsWith("pike_") || token.startsWith("operator_sdk_")) {
                names.add(token);
            }
        }
        return names;
    }

    /**
     * Series names and their label names from the Prometheus text format: sample lines only, so a histogram's or
     * summary's base name (which no series has) does not count as exported.
     */
    static Map<String, Set<String>> parseScrape(String text) {
        Map<String, Set<String>> series = new TreeMap<>();
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            Set<String> labels = series.computeIfAbsent(line.substring(0, end), k -> new TreeSet<>());
            if (end < line.length() && line.charAt(end) == '{') {
                Matcher m = label.matcher(line).region(end + 1, line.length());
                while (m.find()) {
                    labels.add(m.group(1));
                }
            }
        }
        return series;
    }
}

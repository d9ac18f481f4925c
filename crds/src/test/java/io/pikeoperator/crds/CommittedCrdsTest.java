package io.pikeoperator.crds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed CRDs beside this module's POM are the generator's output (built from the api module in this
 * very build) with the printer columns put in the order the kind declares them; the generator sorts them by
 * jsonPath, which would put AGE first. Fails when the committed YAML is stale; regenerate with
 * {@code ./mvnw -pl api,crds verify -Dcrds.update=true}.
 */
class CommittedCrdsTest {

    private static final Path GENERATED = Path.of("target", "generated-crds");
    private static final Path COMMITTED = Path.of(".");
    private static final String HEADER = "# Generated from the api module by the fabric8 crd-generator-maven-plugin "
            + "(printer columns in declared order).\n# Do not edit: run ./mvnw -pl api,crds verify -Dcrds.update=true\n";
    private static final Map<String, Class<?>> KINDS = Map.of(
            "PikeCluster", PikeCluster.class,
            "ControllerNode", ControllerNode.class,
            "ComputeNode", ComputeNode.class);

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    @Test
    void committedCrdsMatchTheApiModule() throws IOException {
        List<Path> generated;
        try (var files = Files.list(GENERATED)) {
            generated = files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(generated).hasSize(KINDS.size());
        boolean update = Boolean.getBoolean("crds.update");
        for (Path file : generated) {
            String expected = render(file);
            Path committed = COMMITTED.resolve(file.getFileName());
            if (update) {
                Files.writeString(committed, expected, StandardCharsets.UTF_8);
            }
            assertThat(committed).as("committed %s (regenerate: ./mvnw -pl api,crds verify -Dcrds.update=true)",
                    committed.getFileName()).exists();
            assertThat(Files.readString(committed)).as("%s is stale: regenerate with "
                    + "./mvnw -pl api,crds verify -Dcrds.update=true", committed.getFileName()).isEqualTo(expected);
        }
        try (var files = Files.list(COMMITTED)) {
            assertThat(files.filter(p -> p.toString().endsWith(".yml")).count())
                    .as("no committed CRD without a kind in the api module").isEqualTo(KINDS.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pikeclusters", "controllernodes", "computenodes"})
    void kubectlUxIsAsTheSpecSays(String plural) throws IOException {
        JsonNode crd = committed(plural);
        JsonNode names = crd.at("/spec/names");
        assertThat(names.get("categories")).extracting(JsonNode::asText).containsExactly("openstack");
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
        JsonNode version = crd.at("/spec/versions/0");
        assertThat(version.at("/name").asText()).isEqualTo("v1alpha1");
        assertThat(version.at("/subresources/status").isObject()).isTrue();

        List<String> columns = new ArrayList<>();
        version.get("additionalPrinterColumns").forEach(c -> columns.add(c.get("name").asText().toUpperCase()));
        List<String> shortNames = new ArrayList<>();
        names.get("shortNames").forEach(n -> shortNames.add(n.asText()));
        switch (plural) {
            case "pikeclusters" -> {
                assertThat(columns).containsExactly("PHASE", "READY", "COMPUTES", "KEYSTONE", "AGE");
                // "pike" beside the SPEC's "pc", which kubectl resolves to PriorityClass first
                assertThat(shortNames).containsExactly("pc", "pike");
            }
            case "controllernodes" -> {
                assertThat(columns).containsExactly("CLUSTER", "HOST", "ADDRESS", "PHASE", "PROGRESS", "AGE");
                assertThat(shortNames).containsExactly("ctl", "cn");
            }
            default -> {
                assertThat(columns).containsExactly("CLUSTER", "HOST", "ADDRESS", "VIRT", "PHASE", "AGE");
                assertThat(shortNames).containsExactly("cmp");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"controllernodes", "computenodes"})
    void nodeHostNamesAndAddressesAreValidatedByTheSchema(String plural) throws IOException {
        JsonNode spec = committed(plural).at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        assertThat(spec.get("required")).extracting(JsonNode::asText)
                .contains("clusterRef", "hostname", "managementAddress");
        String hostname = spec.at("/properties/hostname/pattern").asText();
        String address = spec.at("/properties/managementAddress/pattern").asText();
        assertThat("controller01").matches(hostname);
        assertThat("Controller_01").doesNotMatch(hostname);
        assertThat("10.0.0.11").matches(address);
        assertThat("10.0.0.256").doesNotMatch(address);
        assertThat("controller01").doesNotMatch(address);
        assertThat(spec.at("/properties/providerAddress/pattern").asText()).isEqualTo(address);
    }

    @Test
    void clusterNetworkAndEnumsAreValidatedByTheSchema() throws IOException {
        JsonNode spec = committed("pikeclusters").at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        assertThat(spec.get("required")).extracting(JsonNode::asText)
                .contains("managementNetwork", "ssh", "passwordsSecretRef");
        String cidr = spec.at("/properties/managementNetwork/pattern").asText();
        assertThat("10.0.0.0/24").matches(cidr);
        assertThat("10.0.0.0/33").doesNotMatch(cidr);
        assertThat("10.0.0.0").doesNotMatch(cidr);
        assertThat(spec.at("/properties/nova/properties/virtType/enum")).extracting(JsonNode::asText)
                .containsExactly("auto", "kvm", "qemu");
        assertThat(spec.at("/properties/region/default").asText()).isEqualTo("RegionOne");
        assertThat(spec.at("/properties/ssh/properties/port/maximum").asInt()).isEqualTo(65535);
    }

    @Test
    void everyClusterFieldThatReachesAHostHasAPattern() throws IOException {
        JsonNode spec = committed("pikeclusters").at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
        JsonNode ntp = spec.at("/ntpServers");
        assertThat(ntp.at("/maxItems").asInt()).isEqualTo(16);
        assertThat(ntp.at("/items/maxLength").asInt()).isEqualTo(253);
        assertAccepts(ntp.at("/items/pattern"), "0.centos.pool.ntp.org", "10.0.0.1", "ntp1");
        assertRefuses(ntp.at("/items/pattern"), "pool.ntp.org\nallow all", "pool.ntp.org iburst", "pool.ntp.org;reboot",
                "pool.ntp.org\n", " pool.ntp.org", "$(reboot)", "-x", "", "Pool.NTP.org");

        JsonNode image = spec.at("/glance/properties/images/items");
        assertThat(image.get("required")).extracting(JsonNode::asText).contains("name", "url");
        assertThat(image.at("/properties/name/maxLength").asInt()).isEqualTo(255);
        assertAccepts(image.at("/properties/name/pattern"), "cirros-0.3.5", "CentOS 7 (x86_64)", "\u00e9t\u00e9");
        assertRefuses(image.at("/properties/name/pattern"), "cirros\n", "cirros\nother", " cirros", "cirros ", "\tcirros",
                "a/b", "", "cirros\u0000", "cirros\u007f", "cirros\u0085x", "cirros\u2028x");
        assertAccepts(image.at("/properties/url/pattern"), "http://download.cirros-cloud.net/0.3.5/cirros-0.3.5-x86_64-disk.img",
                "https://x/y?a=b&c=d");
        assertRefuses(image.at("/properties/url/pattern"), "ftp://x/y", "http://x/a b", "http://x/\n", "http://x/\u000by",
                "file:///etc/shadow", "http://");

        assertAccepts(spec.at("/region/pattern"), "RegionOne", "region-1.a_b");
        assertRefuses(spec.at("/region/pattern"), "Region'One", "Region\"One", "Region One", "RegionOne\n", "$(id)", "-a");
        assertThat(spec.at("/region/maxLength").asInt()).isEqualTo(64);

        assertRefuses(spec.at("/managementNetwork/pattern"), "10.0.0.0/24\nallow all", "10.0.0.0/24 ", "all");
        assertAccepts(spec.at("/glance/properties/stores/pattern"), "file,http", "file");
        assertRefuses(spec.at("/glance/properties/stores/pattern"), "file,http\n[DEFAULT]", "file, http", "file,");
        assertAccepts(spec.at("/glance/properties/defaultStore/pattern"), "file");
        assertRefuses(spec.at("/glance/properties/defaultStore/pattern"), "file http", "file\n");
        assertAccepts(spec.at("/glance/properties/filesystemStoreDatadir/pattern"), "/var/lib/glance/images/");
        assertRefuses(spec.at("/glance/properties/filesystemStoreDatadir/pattern"), "/var/lib/glance/images/\ndebug = true",
                "var/lib", "/a b", "/a\u000bb");
        assertThat(spec.at("/glance/properties/filesystemStoreDatadir/maxLength").asInt()).isEqualTo(4096);

        JsonNode extra = spec.at("/extraHosts/items/properties");
        assertRefuses(extra.at("/hostname/pattern"), "block01 evil", "block01\n10.0.0.1 controller01", "$(id)");
        assertRefuses(extra.at("/address/pattern"), "10.0.0.41\n", "10.0.0.x");
        assertRefuses(spec.at("/ssh/properties/user/pattern"), "root;id", "Root User", "root\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"controllernodes", "computenodes"})
    void everyNodeFieldThatReachesAHostHasAPattern(String plural) throws IOException {
        JsonNode spec = committed(plural).at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
        assertRefuses(spec.at("/hostname/pattern"), "controller 01", "$(reboot)", "ctl;id", "ctl\n", "-ctl", "`id`", "a'b",
                "c&name=x");
        assertRefuses(spec.at("/managementAddress/pattern"), "10.0.0.31\n10.0.0.99 controller01", "10.0.0.31\n");
        assertAccepts(spec.at("/ssh/properties/host/pattern"), "127.0.0.1", "bastion.example.org");
        assertRefuses(spec.at("/ssh/properties/host/pattern"), "host -oProxyCommand=id", "host\n");
        assertRefuses(spec.at("/ssh/properties/user/pattern"), "root;id", "root\n");
        if (plural.equals("computenodes")) {
            assertThat(spec.at("/virtType/enum")).extracting(JsonNode::asText).containsExactly("auto", "kvm", "qemu");
        }
    }

    /**
     * As the API server applies a schema pattern (kube-openapi's validate.Pattern): Go's regexp, an unanchored
     * search, where {@code $} matches only at the very end of the text (Java's {@code $} also matches before a
     * final line terminator, which would hide a trailing newline).
     */
    static boolean kubernetesMatches(String pattern, String value) {
        assertThat(pattern).as("an RE2 pattern: no look-around, back-reference or possessive quantifier")
                .doesNotContain("(?=", "(?!", "(?<", "*+", "++", "?+").doesNotContainPattern("\\\\[1-9]");
        String go = pattern.endsWith("$") && !pattern.endsWith("\\$") ? pattern.substring(0, pattern.length() - 1) + "\\z" : pattern;
        return java.util.regex.Pattern.compile(go).matcher(value).find();
    }

    private static void assertAccepts(JsonNode pattern, String... values) {
        assertThat(pattern.isTextual()).as("a pattern").isTrue();
        for (String v : values) {
            assertThat(kubernetesMatches(pattern.asText(), v)).as("%s accepts %s", pattern.asText(), v.codePoints().mapToObj(Integer::toHexString).toList()).isTrue();
        }
    }

    private static void assertRefuses(JsonNode pattern, String... values) {
        assertThat(pattern.isTextual()).as("a pattern").isTrue();
        for (String v : values) {
            assertThat(kubernetesMatches(pattern.asText(), v)).as("%s refuses %s", pattern.asText(), v.codePoints().mapToObj(Integer::toHexString).toList()).isFalse();
        }
    }

    /** The generator's output with printer columns in the order of the kind's annotations. */
    private String render(Path generatedFile) throws IOException {
        ObjectNode crd = (ObjectNode) yaml.readTree(generatedFile.toFile());
        Class<?> kind = KINDS.get(crd.at("/spec/names/kind").asText());
        assertThat(kind).as("kind of %s", generatedFile).isNotNull();
        List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        for (JsonNode version : crd.at("/spec/versions")) {
            ArrayNode columns = (ArrayNode) version.get("additionalPrinterColumns");
            List<JsonNode> sorted = new ArrayList<>();
            columns.forEach(sorted::add);
            sorted.sort(Comparator.comparingInt(c -> declared.indexOf(c.get("name").asText())));
            columns.removeAll();
            columns.addAll(sorted);
        }
        return HEADER + yaml.writeValueAsString(crd);
    }

    private JsonNode committed(String plural) throws IOException {
        return yaml.readTree(COMMITTED.resolve(plural + ".pikeoperator.io-v1.yml").toFile());
    }
}

package io.pikeoperator.drive;

import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.ExtraHost;
import io.pikeoperator.api.v1alpha1.GlanceImage;
import io.pikeoperator.api.v1alpha1.NodeSshSpec;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.plan.Passwords;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every spec field that reaches a host is checked in Java as the CRD schema checks it: {@code apply} and {@code plan}
 * read manifests that no API server has validated. Driven through {@link Assembly#of}, the one place both the command
 * line and the reconcilers assemble a cluster, so a hostile value is an {@code InvalidSpec} input error on both paths.
 */
class SpecValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private PikeCluster cluster;
    private ControllerNode controller;
    private ComputeNode compute;

    @BeforeEach
    void example() throws Exception {
        for (JsonNode doc : new YAMLMapper().readerFor(JsonNode.class)
                .<JsonNode>readValues(Files.readString(Path.of("../examples/pikecluster.yaml"))).readAll()) {
            switch (doc.path("kind").asText()) {
                case "PikeCluster" -> cluster = JSON.treeToValue(doc, PikeCluster.class);
                case "ControllerNode" -> controller = JSON.treeToValue(doc, ControllerNode.class);
                case "ComputeNode" -> compute = JSON.treeToValue(doc, ComputeNode.class);
                default -> {
                }
            }
        }
    }

    @Test
    void theExampleAndTheGuidesNtpServersAreAccepted() {
        cluster.getSpec().ntpServers = List.of("0.centos.pool.ntp.org", "10.0.0.1", "ntp1");
        cluster.getSpec().glance.images.get(0).name = "CentOS 7 (x86_64) v1.2";
        assertThatCode(this::assemble).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pool.ntp.org\nallow all", "pool.ntp.org iburst\nallow 0.0.0.0/0", "pool.ntp.org;reboot",
            "pool.ntp.org ", " pool.ntp.org", "pool.ntp.org\n", "$(reboot)", "-x", "", "pool..ntp.org"})
    void hostileNtpServersAreRefused(String server) {
        cluster.getSpec().ntpServers = List.of("0.centos.pool.ntp.org", server);
        assertRefused("spec.ntpServers[1]", s -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"cirros\n", "cirros\nother", "\tcirros", "cirros ", " cirros", "a/b", "",
            "cirros\u0000", "cirros\u2028x", "cirros\u0085x", "cirros\u007f"})
    void hostileImageNamesAreRefused(String name) {
        cluster.getSpec().glance.images.get(0).name = name;
        assertRefused("spec.glance.images[0].name", s -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x/y", "http://x/a b", "http://x/\n", "http://x/\u000by", "file:///etc/shadow"})
    void hostileImageUrlsAreRefused(String url) {
        cluster.getSpec().glance.images.get(0).url = url;
        assertRefused("spec.glance.images[0].url", s -> { });
    }

    @Test
    void anImageWithoutNameOrUrlIsRefused() {
        GlanceImage i = new GlanceImage();
        cluster.getSpec().glance.images = new ArrayList<>(List.of(cluster.getSpec().glance.images.get(0), i));
        InputException e = refused();
        assertThat(e.getMessage()).contains("spec.glance.images[1].name", "spec.glance.images[1].url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"controller 01", "$(reboot)", "ctl;id", "Controller01", "ctl\n", "-ctl", "`id`", "a'b"})
    void hostileControllerHostnamesAreRefused(String hostname) {
        controller.getSpec().hostname = hostname;
        InputException e = refused();
        assertThat(e.getMessage()).contains("ControllerNode controller01", "spec.hostname");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compute 01", "$(reboot)", "c&name=x", "c\nallow all"})
    void hostileComputeHostnamesAreRefused(String hostname) {
        compute.getSpec().hostname = hostname;
        InputException e = refused();
        assertThat(e.getMessage()).contains("ComputeNode computer01", "spec.hostname");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/24\nallow all", "10.0.0.0", "10.0.0.0/33", "all", "10.0.0.0/24 ", "10.0.0.300/24"})
    void cidrGarbageIsRefused(String cidr) {
        cluster.getSpec().managementNetwork = cidr;
        assertRefused("spec.managementNetwork", s -> { });
    }

    @Test
    void aMissingManagementNetworkIsRefused() {
        cluster.getSpec().managementNetwork = null;
        assertRefused("spec.managementNetwork", s -> assertThat(s).contains("required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Region'One", "Region\"One", "Region One", "RegionOne\n", "$(id)", "-RegionOne"})
    void regionsWithQuotesOrSpacesAreRefused(String region) {
        cluster.getSpec().region = region;
        assertRefused("spec.region", s -> { });
    }

    @Test
    void aRegionLongerThanTheSchemaAllowsIsRefused() {
        cluster.getSpec().region = "R".repeat(65);
        assertRefused("spec.region", s -> assertThat(s).contains("64"));
    }

    @Test
    void glanceStoreSettingsAreChecked() {
        cluster.getSpec().glance.stores = "file,http\n[DEFAULT]";
        cluster.getSpec().glance.defaultStore = "file http";
        cluster.getSpec().glance.filesystemStoreDatadir = "/var/lib/glance/images/\ndebug = true";
        InputException e = refused();
        assertThat(e.getMessage()).contains("spec.glance.stores", "spec.glance.defaultStore", "spec.glance.filesystemStoreDatadir");
    }

    @Test
    void extraHostsAndAddressesAreChecked() {
        cluster.getSpec().extraHosts = List.of(new ExtraHost("block01 evil", "10.0.0.41"), new ExtraHost("object01", "10.0.0.x"));
        compute.getSpec().managementAddress = "10.0.0.31\n10.0.0.99 controller01";
        controller.getSpec().providerAddress = "999.1.1.1";
        InputException e = refused();
        assertThat(e.getMessage()).contains("spec.extraHosts[0].hostname", "spec.extraHosts[1].address", "spec.providerAddress");
        // a ComputeNode's own violation leaves that node out, not the cluster
        cluster.getSpec().extraHosts = null;
        controller.getSpec().providerAddress = null;
        assertThat(refused().getMessage()).contains("ComputeNode computer01: spec.managementAddress");
    }

    @Test
    void sshEndpointsAreChecked() {
        NodeSshSpec ssh = new NodeSshSpec();
        ssh.host = "host -oProxyCommand=id";
        ssh.user = "root;id";
        ssh.port = 70000;
        controller.getSpec().ssh = ssh;
        cluster.getSpec().ssh.user = "Root User";
        InputException e = refused();
        assertThat(e.getMessage()).contains("spec.ssh.host", "spec.ssh.user", "spec.ssh.port");
    }

    @Test
    void theMessageShowsTheValueOnOneLineAndNamesTheRule() {
        cluster.getSpec().ntpServers = List.of("pool.ntp.org\nallow all");
        InputException e = refused();
        assertThat(e.reason()).isEqualTo("InvalidSpec");
        assertThat(e.getMessage()).doesNotContain("\n")
                .contains("PikeCluster pike: spec.ntpServers[0] \"pool.ntp.org\\nallow all\"")
                .contains("host name (RFC 1123) or IPv4 address");
    }

    private void assertRefused(String field, Consumer<String> more) {
        InputException e = refused();
        assertThat(e.reason()).isEqualTo("InvalidSpec");
        assertThat(e.getMessage()).contains(field);
        more.accept(e.getMessage());
    }

    /** The cluster refused as a whole, or (a ComputeNode's own problem) that node alone left out, as InvalidSpec. */
    private InputException refused() {
        Assembly[] assembled = new Assembly[1];
        InputException e = catchThrowableOfType(InputException.class, () -> assembled[0] = assemble());
        if (e == null && assembled[0] != null) {
            e = assembled[0].rejection(compute.getMetadata().getName()).orElse(null);
            assertThat(assembled[0].cluster().computes()).as("a rejected compute is left out").isEmpty();
        }
        assertThat(e).as("refused as InvalidSpec").isNotNull();
        assertThat(e.reason()).isEqualTo("InvalidSpec");
        return e;
    }

    private Assembly assemble() throws Exception {
        ClusterInputs in = new ClusterInputs(cluster, List.of(controller), List.of(compute), name -> Optional.empty());
        Assembly a = Assembly.of(in, Passwords.completing(Map.of(), new ArrayList<>()),
                new Assembly.SshOverrides("PRIVATE KEY", "10.0.0.11 ssh-ed25519 AAAA"));
        return a;
    }
}

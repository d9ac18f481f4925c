package io.pikeoperator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ComputeNodeSpec;
import io.pikeoperator.api.v1alpha1.ComputeNodeStatus;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.Endpoints;
import io.pikeoperator.api.v1alpha1.NodeSpec;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.ObjectRef;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.api.v1alpha1.PikeClusterStatus;
import io.pikeoperator.api.v1alpha1.VirtType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's tables are kubectl's: the committed CRDs' printer columns, header for header, cell for cell. */
class KubectlTableTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final Path CRDS = Path.of("..", "crds");

    @Test
    void everyKindsHeaderIsNameThenItsCrdsPrinterColumns() throws IOException {
        for (Class<? extends HasMetadata> kind : List.of(PikeCluster.class, ControllerNode.class, ComputeNode.class)) {
            assertThat(table(kind).header()).as(kind.getSimpleName()).isEqualTo(headerOfCommittedCrd(kind));
        }
    }

    @Test
    void cellsFollowTheJsonPathsAndDatesAreAges() {
        assertThat(table(PikeCluster.class).row(cluster()))
                .containsExactly("pike", "Ready", "16/16", "1/1", "http://controller01:5000/v3/", "12m");
        assertThat(table(ControllerNode.class).row(controller()))
                .containsExactly("controller01", "pike", "controller01", "10.0.0.11", "Ready", "58/58", "12m");
        assertThat(table(ComputeNode.class).row(compute()))
                .containsExactly("computer01", "pike", "computer01", "10.0.0.31", "qemu", "Ready", "12m");
    }

    @Test
    void paddedAsKubectlPadsAndEmptyListsSaySo() {
        assertThat(table(ComputeNode.class).render(List.of(compute()), "default")).isEqualTo("""
                NAME         CLUSTER   HOST         ADDRESS     VIRT   PHASE   AGE
                computer01   pike      computer01   10.0.0.31   qemu   Ready   12m
                """);
        ComputeNode pending = compute();
        pending.setStatus(null);
        assertThat(table(ComputeNode.class).row(pending)).containsExactly("computer01", "pike", "computer01",
                "10.0.0.31", "", "", "12m");
        assertThat(table(ComputeNode.class).render(List.of(), "default")).isEqualTo("No resources found in default namespace.\n");
    }

    @Test
    void aJsonPathBeyondThePlainFormIsRefused() {
        assertThatThrownBy(() -> KubectlTable.at(new YAMLMapper().createObjectNode(), ".status.conditions[0].type"))
                .hasMessageContaining("not of the plain");
    }

    /** NAME, then the names of the priority-0 columns of the committed CRD file, upper-cased, as kubectl shows them. */
    private static List<String> headerOfCommittedCrd(Class<? extends HasMetadata> kind) throws IOException {
        JsonNode crd = new YAMLMapper().readTree(CRDS.resolve(HasMetadata.getPlural(kind) + ".pikeoperator.io-v1.yml").toFile());
        List<String> header = new ArrayList<>(List.of("NAME"));
        for (JsonNode c : crd.path("spec").path("versions").path(0).path("additionalPrinterColumns")) {
            if (c.path("priority").asInt(0) == 0) {
                header.add(c.path("name").asText().toUpperCase(Locale.ROOT));
            }
        }
        assertThat(header).as("printer columns of %s", kind.getSimpleName()).hasSizeGreaterThan(3);
        return header;
    }

    private static KubectlTable table(Class<? extends HasMetadata> kind) {
        return new KubectlTable(PrinterColumns.of(kind), NOW);
    }

    private static PikeCluster cluster() {
        PikeCluster c = new PikeCluster();
        c.setMetadata(meta("pike"));
        c.setStatus(new PikeClusterStatus());
        c.getStatus().phase = Phase.Ready;
        c.getStatus().servicesReady = "16/16";
        c.getStatus().computesReady = "1/1";
        c.getStatus().endpoints = new Endpoints();
        c.getStatus().endpoints.identity = "http://controller01:5000/v3/";
        return c;
    }

    private static ControllerNode controller() {
        ControllerNode n = new ControllerNode();
        n.setMetadata(meta("controller01"));
        n.setSpec(spec(new NodeSpec(), "controller01", "10.0.0.11"));
        n.setStatus(new NodeStatus());
        n.getStatus().phase = Phase.Ready;
        n.getStatus().progress = "58/58";
        return n;
    }

    private static ComputeNode compute() {
        ComputeNode n = new ComputeNode();
        n.setMetadata(meta("computer01"));
        n.setSpec(spec(new ComputeNodeSpec(), "computer01", "10.0.0.31"));
        n.setStatus(new ComputeNodeStatus());
        n.getStatus().phase = Phase.Ready;
        n.getStatus().virtType = VirtType.QEMU;
        return n;
    }

    private static <S extends NodeSpec> S spec(S s, String host, String address) {
        s.clusterRef = new ObjectRef("pike");
        s.hostname = host;
        s.managementAddress = address;
        return s;
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace("default")
                .withCreationTimestamp(NOW.minusSeconds(720).toString()).build();
    }
}

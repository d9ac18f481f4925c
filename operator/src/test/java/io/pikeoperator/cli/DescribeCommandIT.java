package io.pikeoperator.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pikeoperator.demo.CrudApiServer;
import io.pikeoperator.describe.ClusterTree;
import io.pikeoperator.describe.DescribeFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code describe} reads through the kubeconfig it is given (an in-process API server on loopback). */
class DescribeCommandIT {

    KubernetesMockServer server;
    KubernetesClient client;
    Path kubeconfig;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = CrudApiServer.start();
        client = server.createClient();
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: me, user: {}}]
                contexts: [{name: mock, context: {cluster: mock, user: me, namespace: openstack}}]
                current-context: mock
                """.formatted(client.getMasterUrl()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void everyClusterOfTheContextsNamespaceWithItsNodes() {
        create(DescribeFixtures.failedCompute());
        assertThat(describe()).isZero();
        String tree = text(out);
        assertThat(tree.lines().map(l -> l.strip().split("\\s+")[0])).containsExactly("NAME", "PikeCluster/pike",
                "|-SecretsWatched", "|-ControllerNode/controller01", "`-ComputeNodes", "|-ComputeNode/computer01",
                "`-ComputeNode/computer02", "`-NovaCompute");
        assertThat(tree).contains("failed at NovaCompute/install-packages");
    }

    @Test
    void oneClusterByNameInAnotherNamespaceWithEveryCondition() {
        create(DescribeFixtures.ready());
        assertThat(describe("-n", "openstack", "pike", "--show-conditions", "all")).isZero();
        assertThat(text(out)).contains("|-Verified", "`-CellDiscovery");
        assertThat(describe("-n", "elsewhere", "pike")).isEqualTo(1);
        assertThat(text(err)).contains("pikecluster \"pike\" not found in namespace elsewhere");
    }

    @Test
    void anEmptyNamespaceSaysSo() {
        assertThat(describe()).isZero();
        assertThat(text(err)).contains("No PikeClusters found in namespace openstack.");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(describe("--show-conditions", "some")).isEqualTo(2);
        assertThat(text(err)).contains("--show-conditions takes all or failed");
    }

    private void create(ClusterTree tree) {
        Stream.<HasMetadata>concat(Stream.of(tree.cluster()), Stream.concat(tree.controllers().stream(), tree.computes().stream()))
                .forEach(o -> client.resource(o).create());
    }

    private int describe(String... args) {
        String[] all = Stream.concat(Stream.of("describe", "--kubeconfig", kubeconfig.toString()), Stream.of(args))
                .toArray(String[]::new);
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}

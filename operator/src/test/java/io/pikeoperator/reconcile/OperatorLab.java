package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pikeoperator.demo.CrudApiServer;
import io.pikeoperator.demo.DemoCluster;
import io.pikeoperator.hostsim.HostOptions;
import io.pikeoperator.hostsim.Twin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The operator running against fabric8's CRUD mock API server and twin hosts, with the demo's objects created in
 * {@link #NS}: what the operator ITs share. Closed in reverse order of start.
 */
final class OperatorLab implements AutoCloseable {

    static final String NS = "default";

    final Path dir;
    final String privateKey;
    final Twin twin;
    final KubernetesMockServer server;
    final KubernetesClient client;
    final OperatorApp app;

    private OperatorLab(String name, List<HostOptions> hosts, Duration resync) throws IOException, InterruptedException {
        dir = Files.createTempDirectory(name);
        Path key = DemoCluster.keyPair(dir);
        privateKey = Files.readString(key);
        twin = Twin.start(dir.resolve("twin"), Path.of(key + ".pub"), hosts);
        server = CrudApiServer.start();
        client = server.createClient();
        // The objects exist before the operator starts, so its informers' first list holds them: the CRUD mock may
        // lose the watch events of objects created just after a watch opens (a real API server resumes a watch from
        // the list's resourceVersion), and a Secret created then would be missing from the caches for good.
        for (HasMetadata o : DemoCluster.objects(twin, privateKey)) {
            o.getMetadata().setNamespace(NS);
            client.resource(o).create();
        }
        app = new OperatorApp(client, new OperatorApp.Options(Set.of(), null, false, resync));
        app.start();
    }

    static OperatorLab start(String name, List<HostOptions> hosts, Duration resync) throws IOException, InterruptedException {
        return new OperatorLab(name, hosts, resync);
    }

    @Override
    public void close() {
        app.close();
        client.close();
        server.destroy();
        twin.close();
    }
}

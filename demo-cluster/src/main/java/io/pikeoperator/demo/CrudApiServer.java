package io.pikeoperator.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/** fabric8's CRUD mock API server on a free loopback port, as the demo, the operator's tests and the benchmarks use it (no SSA). */
public final class CrudApiServer {

    private CrudApiServer() {
    }

    public static KubernetesMockServer start() throws IOException {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        return server;
    }
}

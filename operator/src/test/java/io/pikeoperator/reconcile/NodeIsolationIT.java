package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.demo.DemoCluster;
import io.pikeoperator.hostsim.HostOptions;
import io.pikeoperator.hostsim.Twin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One bad node never stops the others, a delete always finishes, and dead hosts do not starve the operator. Dead
 * hosts are loopback only: a port nothing listens on (refused) and a listener that accepts and never speaks (a
 * handshake that hangs). The times a healthy compute takes to converge, alone and beside 20 dead ones, are printed
 * (not asserted: the machine's load decides them); what is asserted is that it converges while they still fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeIsolationIT {

    static final String NS = OperatorLab.NS;
    static final int DEAD = 20;

    OperatorLab lab;
    KubernetesClient client;
    Twin twin;
    /** Each dead host has its own port, as each has its own address in real life (one host lock each). */
    final List<ServerSocket> blackHoles = new ArrayList<>();
    final List<Socket> swallowed = new CopyOnWriteArrayList<>();
    final List<Integer> refusedPorts = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        List<HostOptions> hosts = new ArrayList<>(DemoCluster.hosts());
        hosts.add(HostOptions.parse("computer02=127.0.0.1:0,ip=10.0.0.32", 2));
        hosts.add(HostOptions.parse("computer03=127.0.0.1:0,ip=10.0.0.33", 3));
        lab = OperatorLab.start("node-isolation-it", hosts, Duration.ofSeconds(30));
        client = lab.client;
        twin = lab.twin;
        for (int i = 0; i < DEAD / 2; i++) {
            ServerSocket hole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            blackHoles.add(hole);
            Thread accept = new Thread(() -> {
                while (!hole.isClosed()) {
                    try {
                        swallowed.add(hole.accept()); // accepted, never answered
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "black-hole-" + i);
            accept.setDaemon(true);
            accept.start();
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                refusedPorts.add(s.getLocalPort()); // closed again: nothing listens there
            }
        }
        // a short connect timeout for this cluster (spec.ssh): a black-hole try costs that, not the operator's default
        // a merge patch, which names no resourceVersion: the operator, already running, writes the cluster's status
        // meanwhile, and an update (or fabric8's edit, which sends the version it read) could get a 409
        client.resources(PikeCluster.class).inNamespace(NS).withName("pike")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"ssh\":{\"connectTimeoutSeconds\":5}}}");
    }

    @AfterAll
    void stop() throws IOException {
        if (lab != null) {
            lab.close();
        }
        for (ServerSocket hole : blackHoles) {
            hole.close();
        }
        for (Socket s : swallowed) {
            s.close();
        }
    }

    PikeCluster cluster() {
        return client.resources(PikeCluster.class).inNamespace(NS).withName("pike").get();
    }

    ComputeNode compute(String name) {
        return client.resources(ComputeNode.class).inNamespace(NS).withName(name).get();
    }

    /** A copy of the demo's computer01 with another name, host name, address and SSH port. */
    ComputeNode newCompute(String name, String hostname, String address, int port) {
        ComputeNode c = compute("computer01");
        c.getMetadata().setName(name);
        c.getMetadata().setResourceVersion(null);
        c.getMetadata().setUid(null);
        c.getMetadata().setFinalizers(null);
        c.getMetadata().setGeneration(null);
        c.setStatus(null);
        c.getSpec().hostname = hostname;
        c.getSpec().managementAddress = address;
        c.getSpec().ssh.port = port;
        return client.resource(c).create();
    }

    boolean ready(String name) {
        ComputeNode c = compute(name);
        return c != null && c.getStatus() != null && c.getStatus().phase == Phase.Ready && Boolean.TRUE.equals(c.getStatus().discovered);
    }

    String reason(String name, String type) {
        ComputeNode c = compute(name);
        return c == null || c.getStatus() == null ? null
                : Conditions.find(c.getStatus().conditions, type).map(x -> x.getReason()).orElse(null);
    }

    List<Event> events(String object) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> object.equals(e.getInvolvedObject().getName())).toList();
    }

    Duration timeToReady(String name, String hostname, String address) {
        long t0 = System.nanoTime();
        newCompute(name, hostname, address, twin.host(hostname).port());
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> ready(name));
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Waits until a run that began before the pause has ended: two looks two seconds apart see no new command. */
    void quiet(String host) {
        int[] last = {-1};
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            int n = twin.host(host).commandLog().size();
            boolean same = n == last[0];
            last[0] = n;
            return same;
        });
    }

    static Duration aloneTime;

    @Test
    @Order(1)
    void aComputeDuplicatingTheControllersHostnameFailsAloneWhileTheClusterConverges() {
        // it points at the controller's own SSH port: driving it as a compute would reconfigure the controller
        newCompute("imposter", "controller01", "10.0.0.11", twin.host("controller01").port());
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() ->
                cluster().getStatus() != null && cluster().getStatus().phase == Phase.Ready);
        assertThat(reason("imposter", ConditionTypes.HOST_REACHABLE)).isEqualTo("DuplicateHostname");
        assertThat(reason("imposter", ConditionTypes.NOVA_COMPUTE)).isEqualTo("DuplicateHostname");
        assertThat(compute("imposter").getStatus().phase).isEqualTo(Phase.Failed);
        assertThat(events("imposter")).anyMatch(e -> "DuplicateHostname".equals(e.getReason()));
        assertThat(ready("computer01")).isTrue();
        aloneTime = timeToReady("computer02", "computer02", "10.0.0.32");
        System.out.println("FIGURE healthy compute alone: " + aloneTime.toMillis() + " ms to Ready and discovered");
        assertThat(compute("computer02").getStatus().novaService).as("the registered service is recorded").isNotNull();
        assertThat(compute("computer02").getStatus().novaService.host).isEqualTo("computer02");
        // the added compute is verified by the controller, the imposter still left out
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                cluster().getStatus().phase == Phase.Ready);
        assertThat(compute("imposter").getStatus().novaService).isNull();
    }

    @Test
    @Order(2)
    void deletingTheImposterFinishesAndLeavesNovaAlone() {
        int before = twin.host("controller01").commandLog().size();
        client.resource(compute("imposter")).delete();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> compute("imposter") == null);
        assertThat(events("imposter")).anyMatch(e -> "DecommissionSkipped".equals(e.getReason())
                && e.getMessage().contains("never discovered"));
        assertThat(twin.host("controller01").commandLog().entries().stream().skip(before))
                .noneMatch(e -> e.command().contains("compute service delete") || e.command().contains("delete_host"));
    }

    @Test
    @Order(3)
    void twentyDeadComputesDoNotDelayAHealthyOneOrADeletion() {
        IntStream.rangeClosed(1, DEAD).forEach(i -> newCompute(String.format("dead%02d", i), String.format("dead%02d", i),
                "10.0.0." + (100 + i), i % 2 == 0 ? refusedPorts.get(i / 2 - 1) : blackHoles.get(i / 2).getLocalPort()));
        List<String> dead = IntStream.rangeClosed(1, DEAD).mapToObj(i -> String.format("dead%02d", i)).toList();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                dead.stream().allMatch(n -> "HostUnreachable".equals(reason(n, ConditionTypes.HOST_REACHABLE))));
        assertThat(swallowed).as("the black hole was connected to").isNotEmpty();

        Duration withDead = timeToReady("computer03", "computer03", "10.0.0.33");
        System.out.println("FIGURE healthy compute beside " + DEAD + " dead ones: " + withDead.toMillis()
                + " ms to Ready and discovered (alone: " + aloneTime.toMillis() + " ms)");
        assertThat(dead).as("still failing while the healthy one converged")
                .allMatch(n -> "HostUnreachable".equals(reason(n, ConditionTypes.HOST_REACHABLE)));

        // a recorded compute whose host is gone: its delete stops nothing (refused at once) and still cleans Nova
        client.resources(ComputeNode.class).inNamespace(NS).withName("computer02")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"ssh\":{\"port\":" + refusedPorts.get(0) + "}}}");
        long t0 = System.nanoTime();
        client.resource(compute("computer02")).delete();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> compute("computer02") == null);
        System.out.println("FIGURE delete of a compute whose host is gone, beside " + DEAD + " dead ones: "
                + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
        assertThat(events("computer02")).anyMatch(e -> "Decommissioned".equals(e.getReason()));
    }

    @Test
    @Order(4)
    void deletingComputesThatNeverConvergedFinishes() {
        long t0 = System.nanoTime();
        client.resources(ComputeNode.class).inNamespace(NS).list().getItems().stream()
                .filter(c -> c.getMetadata().getName().startsWith("dead")).forEach(c -> client.resource(c).delete());
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() ->
                client.resources(ComputeNode.class).inNamespace(NS).list().getItems().stream()
                        .noneMatch(c -> c.getMetadata().getName().startsWith("dead")));
        System.out.println("FIGURE delete of " + DEAD + " never-converged dead computes: "
                + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
        assertThat(events("dead01")).anyMatch(e -> "DecommissionSkipped".equals(e.getReason()));
    }

    @Test
    @Order(5)
    void deletingAComputeOfAPausedClusterFinishesWithoutTouchingAHost() {
        client.resources(PikeCluster.class).inNamespace(NS).withName("pike")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"paused\":true}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> "paused: hosts are not touched".equals(cluster().getStatus().message));
        quiet("controller01");
        quiet("computer03");
        int before = twin.host("controller01").commandLog().size();
        int computeBefore = twin.host("computer03").commandLog().size();
        client.resource(compute("computer03")).delete();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> compute("computer03") == null);
        assertThat(events("computer03")).anyMatch(e -> "DecommissionSkipped".equals(e.getReason())
                && e.getMessage().contains("paused"));
        assertThat(twin.host("controller01").commandLog().size()).isEqualTo(before);
        assertThat(twin.host("computer03").commandLog().size()).isEqualTo(computeBefore);
    }
}

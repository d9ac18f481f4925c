package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.demo.DemoCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, item 4: a node reconcile in the steady state reads the cluster, its nodes and its Secrets from the
 * informers' caches. Every request the operator sends to the (CRUD mock) API server during one resync of each
 * node is recorded; none may be a GET other than a watch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SteadyStateReadsIT {

    static final String NS = OperatorLab.NS;
    static final Duration RESYNC = Duration.ofSeconds(4);
    static final List<String> HOSTS = List.of("controller01", "computer01");

    OperatorLab lab;
    KubernetesClient client;

    @BeforeAll
    void start() throws Exception {
        lab = OperatorLab.start("steady-reads-it", DemoCluster.hosts(), RESYNC);
        client = lab.client;
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aNodeReconcileInTheSteadyStateSendsNoUncachedGet() throws InterruptedException {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            PikeCluster c = client.resources(PikeCluster.class).inNamespace(NS).withName("pike").get();
            return c.getStatus() != null && c.getStatus().phase == Phase.Ready;
        });
        awaitSteadyState();
        Map<String, Integer> runs = awaitOneResyncOfEachHost();
        List<String> requests = drain();
        List<String> gets = requests.stream().filter(r -> r.startsWith("GET ") && !r.contains("watch=true")).toList();
        System.out.printf("steady state: %d node reconciles, %d API requests, %d uncached GETs: %s%n",
                runs.size(), requests.size(), gets.size(), requests);
        assertThat(gets).as("uncached GETs during one resync of %s", runs.keySet()).isEmpty();
    }

    /**
     * Ready is summed up after the last node run, and a node may still write after it: under load the controller
     * wrote its status once more and repeated an Event (a reconcile whose cached copy had not yet seen its own last
     * write), and recording an Event reads the one it repeats. The steady state starts once a resync of each host
     * writes nothing.
     */
    private void awaitSteadyState() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10)).until(() -> {
            drain();
            awaitOneResyncOfEachHost();
            return drain().stream().noneMatch(r -> r.startsWith("POST ") || r.startsWith("PUT ") || r.startsWith("PATCH "));
        });
    }

    /** Waits until each host has run one more batch of checks (one node reconcile each); returns the counts. */
    private Map<String, Integer> awaitOneResyncOfEachHost() {
        Map<String, Integer> before = execs();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> HOSTS.stream().allMatch(h -> execs().get(h) > before.get(h)));
        return execs();
    }

    private Map<String, Integer> execs() {
        return HOSTS.stream().collect(Collectors.toMap(h -> h, h -> lab.twin.host(h).commandLog().size()));
    }

    /** The requests recorded since the last drain, as "METHOD path". */
    private List<String> drain() throws InterruptedException {
        List<String> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = lab.server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            out.add(r.getMethod() + " " + r.getPath());
        }
        return out;
    }
}

package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.demo.CrudApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11, item 8: a repeated failure moves one Event's count instead of creating an Event per failure. */
class EventAggregationIT {

    static final String NS = "default";

    KubernetesMockServer server;
    KubernetesClient client;
    PikeCluster on;

    @BeforeEach
    void start() throws Exception {
        server = CrudApiServer.start();
        client = server.createClient();
        on = new PikeCluster();
        on.setMetadata(new ObjectMetaBuilder().withName("pike").withNamespace(NS).withUid("u-1").build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    List<Event> events() {
        return client.v1().events().inNamespace(NS).list().getItems();
    }

    @Test
    void theSameFailureThreeTimesIsOneEventWithCountThree() {
        EventRecorder events = new EventRecorder(client);
        for (int i = 0; i < 3; i++) {
            events.warning(on, "PackageInstallFailed", "yum install failed on computer01");
        }
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(3);
            assertThat(e.getReason()).isEqualTo("PackageInstallFailed");
            assertThat(e.getInvolvedObject().getName()).isEqualTo("pike");
        });
    }

    @Test
    void anotherReasonOrMessageIsAnotherEvent() {
        EventRecorder events = new EventRecorder(client);
        events.warning(on, "PackageInstallFailed", "yum install failed on computer01");
        events.warning(on, "PackageInstallFailed", "yum install failed on computer02");
        events.normal(on, "Ready", "every service is ready");
        events.warning(on, "PackageInstallFailed", "yum install failed on computer01");
        assertThat(events()).hasSize(3).extracting(Event::getCount).containsExactlyInAnyOrder(2, 1, 1);
    }

    @Test
    void aRestartedOperatorCarriesOnTheCount() {
        new EventRecorder(client).warning(on, "HostKeyMismatch", "computer01's host key changed");
        new EventRecorder(client).warning(on, "HostKeyMismatch", "computer01's host key changed");
        assertThat(events()).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(2));
    }

    @Test
    void anExpiredEventIsWrittenAgain() {
        EventRecorder events = new EventRecorder(client);
        events.warning(on, "HostKeyMismatch", "computer01's host key changed");
        client.v1().events().inNamespace(NS).delete();
        events.warning(on, "HostKeyMismatch", "computer01's host key changed");
        assertThat(events()).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
    }
}

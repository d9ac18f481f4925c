package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeSpec;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.demo.CrudApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A status computed from a stale cached copy (the informer has not yet seen the last write) must still be stored
 * exactly as computed: against fabric8's CRUD mock, the write path of the demo and the ITs (no server-side apply).
 */
class StatusPatchIT {

    static final String NS = "default";

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        server = CrudApiServer.start();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void aStatusComputedFromAStaleCopyReplacesTheStoredOneWhole() {
        ControllerNode stale = staleCopy();
        NodeStatus before = StatusChange.copy(stale.getStatus());
        stale.getStatus().conditions = computed();

        UpdateControl<ControllerNode> control = new StatusPatch(client, false, new InformerCaches()).control(stale, before);

        assertThat(control.isNoUpdate()).as("JOSDK must not write it again with its own diff").isTrue();
        assertThat(summary(stored().getStatus().conditions)).containsExactly("Ready=Unknown", "Etcd=True");
    }

    /**
     * Why {@link StatusPatch} writes non-SSA statuses itself: JOSDK 5.2's non-SSA {@code patchStatus} (its
     * CustomResourceFacade.editStatus) diffs the computed status against its cached copy, without resourceVersion.
     */
    @Test
    void josdksDiffAgainstTheStaleCopyDuplicatesAType() {
        ControllerNode stale = staleCopy();
        ControllerNode cached = client.getKubernetesSerialization().clone(stale);
        cached.getMetadata().setResourceVersion(null);
        NodeStatus status = StatusChange.copy(stale.getStatus());
        status.conditions = computed();

        client.resource(cached).editStatus(r -> {
            r.setStatus(status);
            return r;
        });

        assertThat(summary(stored().getStatus().conditions)).containsExactly("Ready=Unknown", "Etcd=True", "Etcd=Unknown");
    }

    @Test
    void withServerSideApplyJosdkPatchesTheStatus() {
        ControllerNode stale = staleCopy();
        NodeStatus before = StatusChange.copy(stale.getStatus());
        stale.getStatus().conditions = computed();

        UpdateControl<ControllerNode> control = new StatusPatch(client, true, new InformerCaches()).control(stale, before);

        assertThat(control.isPatchStatus()).isTrue();
        assertThat(summary(stored().getStatus().conditions)).containsExactly("Ready=Unknown", "Etcd=Unknown");
    }

    @Test
    void anUnchangedStatusIsNotWritten() {
        ControllerNode stale = staleCopy();

        UpdateControl<ControllerNode> control = new StatusPatch(client, false, new InformerCaches()).control(stale,
                StatusChange.copy(stale.getStatus()));

        assertThat(control.isNoUpdate()).isTrue();
        assertThat(summary(stored().getStatus().conditions)).containsExactly("Ready=Unknown", "Etcd=Unknown");
    }

    /**
     * The node as an informer cached it (Ready only), after which another write stored Etcd Unknown NotYetEvaluated
     * that the cache has not seen.
     */
    private ControllerNode staleCopy() {
        ControllerNode node = new ControllerNode();
        node.setMetadata(new ObjectMetaBuilder().withName("controller01").withNamespace(NS).build());
        node.setSpec(new NodeSpec());
        node.setStatus(new NodeStatus());
        node.getStatus().conditions = new ArrayList<>(List.of(condition("Ready", Conditions.UNKNOWN)));
        ControllerNode cached = client.resource(node).create();
        ControllerNode later = client.getKubernetesSerialization().clone(cached);
        later.getStatus().conditions = new ArrayList<>(List.of(condition("Ready", Conditions.UNKNOWN),
                condition("Etcd", Conditions.UNKNOWN)));
        new StatusPatch(client, false, new InformerCaches()).replace(later, later.getStatus());
        assertThat(summary(stored().getStatus().conditions)).containsExactly("Ready=Unknown", "Etcd=Unknown");
        return cached;
    }

    /** What the reconcile computed: Etcd turned True. */
    private static List<Condition> computed() {
        return new ArrayList<>(List.of(condition("Ready", Conditions.UNKNOWN), condition("Etcd", Conditions.TRUE)));
    }

    private static Condition condition(String type, String status) {
        return new ConditionBuilder().withType(type).withStatus(status)
                .withReason(Conditions.TRUE.equals(status) ? "Converged" : Conditions.REASON_NOT_EVALUATED).build();
    }

    private ControllerNode stored() {
        return client.resources(ControllerNode.class).inNamespace(NS).withName("controller01").get();
    }

    private static List<String> summary(List<Condition> conditions) {
        return conditions.stream().map(c -> c.getType() + "=" + c.getStatus()).toList();
    }
}

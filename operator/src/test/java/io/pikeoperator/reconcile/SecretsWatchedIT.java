package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pikeoperator.api.v1alpha1.ClusterSshSpec;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ObjectRef;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.api.v1alpha1.PikeClusterSpec;
import io.pikeoperator.api.v1alpha1.SecretKeyRef;
import io.pikeoperator.demo.CrudApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11, item 8: the operator watches only Secrets labelled app.kubernetes.io/part-of=pike-operator. A Secret a
 * cluster names without the label is still read, and the cluster says which one to label; the passwords Secret
 * the operator fills gets the label. No hosts: the cluster reconciler alone, against the CRUD mock server.
 */
class SecretsWatchedIT {

    static final String NS = "default";

    KubernetesMockServer server;
    KubernetesClient client;
    OperatorApp app;

    @BeforeEach
    void start() throws Exception {
        server = CrudApiServer.start();
        client = server.createClient();
        app = new OperatorApp(client, new OperatorApp.Options(Set.of(), null, false, Duration.ofMinutes(5)));
        app.start();
    }

    @AfterEach
    void stop() {
        app.close();
        client.close();
        server.destroy();
    }

    @Test
    void anUnlabeledSecretIsNamedAndLabelingItClearsTheCondition() {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("pike-ssh").endMetadata()
                .addToStringData("ssh-privatekey", "not a real key").build()).create();
        client.resource(cluster()).create();
        await().atMost(Duration.ofMinutes(1)).until(() -> watched().map(c -> "SecretNotLabeled".equals(c.getReason())).orElse(false));
        assertThat(watched().orElseThrow().getMessage()).contains("pike-ssh", "kubectl -n default label secret pike-ssh")
                .doesNotContain("pike-passwords");
        assertThat(client.secrets().inNamespace(NS).withName("pike-passwords").get().getMetadata().getLabels())
                .containsEntry(ClusterLoader.SECRET_LABEL, ClusterLoader.SECRET_LABEL_VALUE);
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).extracting(e -> e.getReason())
                .contains("SecretNotLabeled");

        client.secrets().inNamespace(NS).withName("pike-ssh").edit(s -> {
            s.getMetadata().setLabels(java.util.Map.of(ClusterLoader.SECRET_LABEL, ClusterLoader.SECRET_LABEL_VALUE));
            return s;
        });
        await().atMost(Duration.ofMinutes(1)).until(() -> watched().map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false));
    }

    private Optional<Condition> watched() {
        PikeCluster c = client.resources(PikeCluster.class).inNamespace(NS).withName("pike").get();
        return c == null || c.getStatus() == null ? Optional.empty()
                : Conditions.find(c.getStatus().conditions, ConditionTypes.SECRETS_WATCHED);
    }

    private static PikeCluster cluster() {
        PikeCluster c = new PikeCluster();
        c.getMetadata().setName("pike");
        c.getMetadata().setNamespace(NS);
        PikeClusterSpec spec = new PikeClusterSpec();
        spec.managementNetwork = "10.0.0.0/24";
        spec.ssh = new ClusterSshSpec();
        spec.ssh.privateKeySecretRef = new SecretKeyRef("pike-ssh", "ssh-privatekey");
        spec.ssh.knownHostsSecretRef = new SecretKeyRef("pike-ssh", "known_hosts");
        spec.passwordsSecretRef = new ObjectRef("pike-passwords");
        c.setSpec(spec);
        return c;
    }
}

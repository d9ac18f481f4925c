package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeSpec;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.drive.ClusterInputs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a cluster's objects from the API server: the cluster, its nodes (by clusterRef), its Secrets. */
final class ClusterLoader {

    private final KubernetesClient client;

    ClusterLoader(KubernetesClient client) {
        this.client = client;
    }

    Optional<PikeCluster> cluster(String namespace, String name) {
        return Optional.ofNullable(client.resources(PikeCluster.class).inNamespace(namespace).withName(name).get());
    }

    List<ControllerNode> controllers(String namespace, String cluster) {
        return client.resources(ControllerNode.class).inNamespace(namespace).list().getItems().stream()
                .filter(n -> belongs(n.getSpec(), cluster) && n.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
    }

    /** The cluster's computes; those being deleted are left out (they are being decommissioned). */
    List<ComputeNode> computes(String namespace, String cluster) {
        return client.resources(ComputeNode.class).inNamespace(namespace).list().getItems().stream()
                .filter(n -> belongs(n.getSpec(), cluster) && n.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
    }

    static boolean belongs(NodeSpec spec, String cluster) {
        return spec != null && spec.clusterRef != null && cluster.equals(spec.clusterRef.name);
    }

    Optional<Map<String, String>> secret(String namespace, String name) {
        return secretResource(namespace, name).map(ClusterLoader::decode);
    }

    Optional<Secret> secretResource(String namespace, String name) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }

    /** A Secret's values, decoded. */
    static Map<String, String> decode(Secret s) {
        Map<String, String> data = new LinkedHashMap<>();
        // A real API server folds stringData into data and never returns it; a mock may keep both: data wins.
        if (s.getStringData() != null) {
            data.putAll(s.getStringData());
        }
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> data.put(k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        return data;
    }

    ClusterInputs inputs(PikeCluster cluster) {
        String ns = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        return new ClusterInputs(cluster, controllers(ns, name), computes(ns, name), secretName -> secret(ns, secretName));
    }

    static String passwordsSecretName(PikeCluster cluster) {
        return cluster.getSpec() != null && cluster.getSpec().passwordsSecretRef != null
                && cluster.getSpec().passwordsSecretRef.name != null
                ? cluster.getSpec().passwordsSecretRef.name : cluster.getMetadata().getName() + "-passwords";
    }
}

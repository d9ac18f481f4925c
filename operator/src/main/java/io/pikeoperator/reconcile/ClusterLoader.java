package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.pikeoperator.api.v1alpha1.ClusterSshSpec;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeSpec;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.drive.ClusterInputs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads a cluster's objects: the cluster, its nodes (by clusterRef), its Secrets. Reads come from the informers'
 * caches ({@link InformerCaches}); the API is asked only while no cache has synced, or for an object the cache lacks
 * (just created, deleted, or a Secret without {@link #SECRET_LABEL}), so a node reconcile in the steady state sends
 * no GET.
 */
final class ClusterLoader {

    /** The label that makes a Secret watched and cached; users put it on the Secrets their clusters name. */
    static final String SECRET_LABEL = "app.kubernetes.io/part-of";
    static final String SECRET_LABEL_VALUE = "pike-operator";

    private final KubernetesClient client;
    private final InformerCaches caches;

    ClusterLoader(KubernetesClient client, InformerCaches caches) {
        this.client = client;
        this.caches = caches;
    }

    Optional<PikeCluster> cluster(String namespace, String name) {
        return cached(PikeCluster.class, namespace, name)
                .or(() -> Optional.ofNullable(client.resources(PikeCluster.class).inNamespace(namespace).withName(name).get()));
    }

    List<ControllerNode> controllers(String namespace, String cluster) {
        return members(ControllerNode.class, namespace, cluster, ControllerNode::getSpec);
    }

    /** The cluster's computes; those being deleted are left out (they are being decommissioned). */
    List<ComputeNode> computes(String namespace, String cluster) {
        return members(ComputeNode.class, namespace, cluster, ComputeNode::getSpec);
    }

    private <N extends HasMetadata> List<N> members(Class<N> kind, String namespace, String cluster, Function<N, NodeSpec> spec) {
        Stream<N> all = caches.list(kind, namespace)
                .orElseGet(() -> client.resources(kind).inNamespace(namespace).list().getItems().stream());
        return all.filter(n -> belongs(spec.apply(n), cluster) && n.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
    }

    static boolean belongs(NodeSpec spec, String cluster) {
        return spec != null && spec.clusterRef != null && cluster.equals(spec.clusterRef.name);
    }

    Optional<Map<String, String>> secret(String namespace, String name) {
        return secretResource(namespace, name).map(ClusterLoader::decode);
    }

    /** The Secret from the cache (labelled ones, once synced), else from the API. */
    Optional<Secret> secretResource(String namespace, String name) {
        return Optional.ofNullable(cached(Secret.class, namespace, name)
                .orElseGet(() -> client.secrets().inNamespace(namespace).withName(name).get()));
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

    /**
     * The Secrets the cluster names that exist but are not cached, because they lack {@link #SECRET_LABEL}: they are
     * still read (from the API, on every pass), but a change to one wakes nothing. Empty until the cache has synced.
     */
    List<String> unlabeledSecrets(PikeCluster cluster) {
        String ns = cluster.getMetadata().getNamespace();
        if (caches.synced(Secret.class).isEmpty()) {
            return List.of();
        }
        return secretNames(cluster).stream().filter(name -> cached(Secret.class, ns, name).isEmpty()
                && unlabeled(client.secrets().inNamespace(ns).withName(name).get())).toList();
    }

    private static boolean unlabeled(Secret s) {
        return s != null && (s.getMetadata().getLabels() == null
                || !SECRET_LABEL_VALUE.equals(s.getMetadata().getLabels().get(SECRET_LABEL)));
    }

    /** The Secrets a cluster names: SSH private key, known_hosts, passwords; each once. */
    static List<String> secretNames(PikeCluster cluster) {
        Set<String> names = new LinkedHashSet<>();
        ClusterSshSpec ssh = cluster.getSpec() == null ? null : cluster.getSpec().ssh;
        if (ssh != null && ssh.privateKeySecretRef != null && ssh.privateKeySecretRef.name != null) {
            names.add(ssh.privateKeySecretRef.name);
        }
        if (ssh != null && ssh.knownHostsSecretRef != null && ssh.knownHostsSecretRef.name != null) {
            names.add(ssh.knownHostsSecretRef.name);
        }
        names.add(passwordsSecretName(cluster));
        return List.copyOf(names);
    }

    /**
     * A Secret this operator wrote ({@code created}: a new one) is read back from the caches at once, when it carries
     * the watch label (the Secret informer never holds one without it).
     */
    void wroteSecret(Secret written, boolean created) {
        if (written != null && !unlabeled(written)) {
            caches.wrote(Secret.class, written, created);
        }
    }

    /** Puts the label that makes a Secret the operator writes watched. */
    static void labelForWatch(ObjectMeta metadata) {
        Map<String, String> labels = new LinkedHashMap<>(metadata.getLabels() == null ? Map.of() : metadata.getLabels());
        labels.put(SECRET_LABEL, SECRET_LABEL_VALUE);
        metadata.setLabels(labels);
    }

    private <R extends HasMetadata> Optional<R> cached(Class<R> kind, String namespace, String name) {
        return caches.get(kind, new ResourceID(name, namespace));
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

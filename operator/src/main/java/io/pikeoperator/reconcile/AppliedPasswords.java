package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.plan.Passwords;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last set of passwords every host of a cluster converged with, kept in an operator-owned Secret
 * {@code <passwords Secret>-applied} (owned by the PikeCluster, so it goes with it). During a rotation it is what the
 * hosts may still use — the old password that authenticates the change (MariaDB root) — and it is replaced by the
 * new set only once every node converged with it, so a rotation interrupted halfway resumes with both known.
 * Values stay in Secrets: never in status, annotations, Events or logs.
 */
final class AppliedPasswords {

    static final String LABEL = "pikeoperator.io/applied-passwords-of";

    private AppliedPasswords() {
    }

    static String name(PikeCluster cluster) {
        return ClusterLoader.passwordsSecretName(cluster) + "-applied";
    }

    static Optional<Map<String, String>> read(ClusterLoader loader, PikeCluster cluster) {
        return loader.secret(cluster.getMetadata().getNamespace(), name(cluster));
    }

    /** Records {@code values} (the ten keys only) as the applied set, creating the Secret when there is none. */
    static void write(OperatorServices services, PikeCluster cluster, Map<String, String> values) {
        String ns = cluster.getMetadata().getNamespace();
        Map<String, String> data = new LinkedHashMap<>();
        Passwords.KEYS.stream().filter(values::containsKey).forEach(k ->
                data.put(k, Base64.getEncoder().encodeToString(values.get(k).getBytes(StandardCharsets.UTF_8))));
        Secret existing = services.client.secrets().inNamespace(ns).withName(name(cluster)).get();
        if (existing != null) {
            existing.setData(data);
            existing.setStringData(null);
            ClusterLoader.labelForWatch(existing.getMetadata());
            services.loader.wroteSecret(services.client.secrets().inNamespace(ns).resource(existing).update(), false);
            return;
        }
        Secret created = new SecretBuilder().withNewMetadata().withName(name(cluster))
                .withNamespace(ns).addToLabels("app.kubernetes.io/managed-by", "pike-operator")
                .addToLabels(LABEL, ClusterLoader.passwordsSecretName(cluster))
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion(cluster.getApiVersion())
                        .withKind(cluster.getKind()).withName(cluster.getMetadata().getName())
                        .withUid(cluster.getMetadata().getUid()).withController(true).build())
                .endMetadata().withType("Opaque").withData(data).build();
        ClusterLoader.labelForWatch(created.getMetadata()); // read from the informer cache like the cluster's own Secrets
        services.loader.wroteSecret(services.client.secrets().inNamespace(ns).resource(created).create(), true);
    }
}

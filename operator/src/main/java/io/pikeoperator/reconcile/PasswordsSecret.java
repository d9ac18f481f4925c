package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.plan.Passwords;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fills the cluster's passwords Secret: missing keys are generated and written back, never anywhere else. */
final class PasswordsSecret {

    private PasswordsSecret() {
    }

    /** @return the keys that were generated (empty when the Secret was complete) */
    static List<String> complete(OperatorServices services, PikeCluster cluster) throws Passwords.InvalidPasswordException {
        String ns = cluster.getMetadata().getNamespace();
        String name = ClusterLoader.passwordsSecretName(cluster);
        Map<String, String> given = services.loader.secret(ns, name).orElse(Map.of());
        List<String> generated = new ArrayList<>();
        Passwords all = Passwords.completing(given, generated);
        if (generated.isEmpty()) {
            return generated;
        }
        Map<String, String> data = new LinkedHashMap<>();
        all.asMap().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        Secret existing = services.client.secrets().inNamespace(ns).withName(name).get();
        if (existing == null) {
            services.client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
                    .withNamespace(ns).addToLabels("app.kubernetes.io/managed-by", "pike-operator").endMetadata()
                    .withType("Opaque").withData(data).build()).create();
        } else {
            // Keep every key that is there (including ones we do not know); add the generated ones.
            Map<String, String> merged = new LinkedHashMap<>(existing.getData() == null ? Map.of() : existing.getData());
            generated.forEach(k -> merged.put(k, data.get(k)));
            existing.setData(merged);
            existing.setStringData(null);
            services.client.secrets().inNamespace(ns).resource(existing).update();
        }
        return generated;
    }
}

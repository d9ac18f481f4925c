package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.plan.Passwords;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fills the cluster's passwords Secret: missing keys are generated and written back, never anywhere else — but
 * only while no host has been given the passwords. Once a cluster was provisioned, fresh passwords in place of the
 * applied ones would lock its services out (MariaDB root first), so a missing key is reported, never generated.
 */
final class PasswordsSecret {

    /** The condition reasons of {@link ConditionTypes#PASSWORDS}. */
    static final String APPLIED = "Applied";
    static final String COMPLETE = "Complete";
    static final String GENERATED = "Generated";
    static final String LOST = "PasswordsLost";

    /** Node conditions of the steps that put passwords on a host. */
    static final Set<String> USING_PASSWORDS = Set.of(ConditionTypes.DATABASE, ConditionTypes.MESSAGE_QUEUE,
            ConditionTypes.KEYSTONE, ConditionTypes.GLANCE, ConditionTypes.PLACEMENT, ConditionTypes.NOVA_CONTROL_PLANE,
            ConditionTypes.NOVA_COMPUTE);

    /** Reasons of such a condition that say its steps never ran. */
    static final Set<String> NOT_RUN = Set.of(Conditions.REASON_NOT_EVALUATED, "NotReached", "WaitingForComputes");

    private PasswordsSecret() {
    }

    enum Kind { COMPLETE, GENERATE, LOST }

    /** What to do with the Secret: nothing, generate {@code missing}, or report {@code missing} as lost. */
    record Decision(Kind kind, List<String> missing) {
    }

    /** The decision, from the Secret's data (null when there is no Secret) and whether hosts were provisioned. */
    static Decision decide(Map<String, String> given, boolean provisioned) {
        Map<String, String> data = given == null ? Map.of() : given;
        List<String> missing = Passwords.KEYS.stream().filter(k -> data.get(k) == null || data.get(k).isEmpty()).toList();
        if (missing.isEmpty()) {
            return new Decision(Kind.COMPLETE, missing);
        }
        return new Decision(provisioned ? Kind.LOST : Kind.GENERATE, missing);
    }

    /**
     * Whether the cluster's hosts were given passwords: the cluster's own durable marker (its Passwords condition
     * once {@code Applied}, or already {@code PasswordsLost}), or any node whose status shows a step that puts
     * passwords on a host has run (node statuses outlive a restart of the operator too).
     */
    static boolean provisioned(PikeCluster cluster, List<NodeStatus> nodes) {
        Optional<Condition> marker = cluster.getStatus() == null ? Optional.empty()
                : Conditions.find(cluster.getStatus().conditions, ConditionTypes.PASSWORDS);
        if (marker.isPresent() && (APPLIED.equals(marker.get().getReason()) || LOST.equals(marker.get().getReason()))) {
            return true;
        }
        return nodes.stream().filter(s -> s != null && s.conditions != null).flatMap(s -> s.conditions.stream())
                .anyMatch(c -> USING_PASSWORDS.contains(c.getType()) && (Conditions.TRUE.equals(c.getStatus())
                        || (Conditions.FALSE.equals(c.getStatus()) && !NOT_RUN.contains(c.getReason()))));
    }

    /** Decides, and writes the generated keys when that is the decision. */
    static Decision complete(OperatorServices services, PikeCluster cluster, boolean provisioned)
            throws Passwords.InvalidPasswordException {
        String ns = cluster.getMetadata().getNamespace();
        String name = ClusterLoader.passwordsSecretName(cluster);
        Map<String, String> given = services.loader.secret(ns, name).orElse(Map.of());
        Decision decision = decide(given, provisioned);
        if (decision.kind() == Kind.LOST) {
            return decision;
        }
        List<String> generated = new ArrayList<>();
        Passwords all = Passwords.completing(given, generated);
        if (generated.isEmpty()) {
            return decision;
        }
        Map<String, String> data = new LinkedHashMap<>();
        all.asMap().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        Secret existing = services.client.secrets().inNamespace(ns).withName(name).get();
        if (existing == null) {
            services.loader.wroteSecret(services.client.secrets().inNamespace(ns).resource(new SecretBuilder()
                    .withNewMetadata().withName(name).withNamespace(ns).addToLabels("app.kubernetes.io/managed-by", "pike-operator")
                    .addToLabels(ClusterLoader.SECRET_LABEL, ClusterLoader.SECRET_LABEL_VALUE).endMetadata()
                    .withType("Opaque").withData(data).build()).create(), true);
        } else {
            // Keep every key that is there (including ones we do not know, and any the cache we read had not seen
            // yet); add the generated ones. The label makes later reads come from the cache.
            Map<String, String> merged = new LinkedHashMap<>(existing.getData() == null ? Map.of() : existing.getData());
            generated.stream().filter(k -> merged.get(k) == null || merged.get(k).isEmpty()).forEach(k -> merged.put(k, data.get(k)));
            ClusterLoader.labelForWatch(existing.getMetadata());
            existing.setData(merged);
            existing.setStringData(null);
            services.loader.wroteSecret(services.client.secrets().inNamespace(ns).resource(existing).update(), false);
        }
        return new Decision(Kind.GENERATE, List.copyOf(generated));
    }

    /** The PasswordsLost message: key names and what to do, never a value. */
    static String lostMessage(String secret, List<String> missing) {
        return "Secret " + secret + " lacks " + String.join(", ", missing) + " but the hosts already use these passwords: "
                + "fresh ones would lock the services out, so none is generated and no host is touched until the Secret "
                + "holds the passwords the hosts use again (restore it from a backup); rotation is not supported yet";
    }
}

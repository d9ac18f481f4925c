package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.NodeSpec;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.plan.Passwords;

import java.time.Duration;
import java.util.Optional;

/**
 * What stands before a node's host work, the same for controllers and computes: its cluster must exist, must not
 * be paused, and its passwords Secret must be complete (the cluster reconciler fills it).
 *
 * @param reason  why the node waits (null when it may go on)
 * @param retry   when to look again while it waits
 * @param passwordsVersion the resourceVersion of the passwords Secret read (null when there are no passwords)
 */
record NodeGate(PikeCluster cluster, Passwords passwords, String passwordsVersion, boolean paused, String reason, String message,
                Duration retry) {

    static final String PAUSED = "paused: the cluster's spec.paused is true, hosts are not touched";

    static NodeGate of(OperatorServices services, String namespace, NodeSpec spec) {
        Optional<PikeCluster> cluster = services.loader.cluster(namespace, spec.clusterRef.name);
        if (cluster.isEmpty()) {
            return new NodeGate(null, null, null, false, "ClusterNotFound", "PikeCluster " + spec.clusterRef.name + " not found",
                    Duration.ofSeconds(30));
        }
        if (Boolean.TRUE.equals(cluster.get().getSpec().paused)) {
            return new NodeGate(cluster.get(), null, null, true, null, PAUSED, null);
        }
        Optional<OperatorServices.ReadPasswords> passwords = services.currentPasswords(cluster.get());
        if (passwords.isEmpty() && lost(cluster.get())) {
            return new NodeGate(cluster.get(), null, null, false, PasswordsSecret.LOST,
                    "the cluster's passwords Secret lacks passwords this host uses: nothing runs here until it is restored",
                    Duration.ofSeconds(30));
        }
        if (passwords.isEmpty()) {
            return new NodeGate(cluster.get(), null, null, false, "WaitingForPasswords",
                    "the cluster's passwords Secret is not complete yet", Duration.ofSeconds(5));
        }
        return new NodeGate(cluster.get(), passwords.get().passwords(), passwords.get().version(), false, null, null, null);
    }

    private static boolean lost(PikeCluster cluster) {
        return cluster.getStatus() != null && io.pikeoperator.api.v1alpha1.Conditions.find(cluster.getStatus().conditions,
                io.pikeoperator.api.v1alpha1.ConditionTypes.PASSWORDS).map(c -> PasswordsSecret.LOST.equals(c.getReason()))
                .orElse(false);
    }

    boolean open() {
        return !paused && reason == null;
    }
}

package io.pikeoperator.describe;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ComputeNodeSpec;
import io.pikeoperator.api.v1alpha1.ComputeNodeStatus;
import io.pikeoperator.api.v1alpha1.ComputesStatus;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeSpec;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.ObjectRef;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.api.v1alpha1.PikeClusterStatus;
import io.pikeoperator.api.v1alpha1.StepProgress;
import io.pikeoperator.api.v1alpha1.VirtType;

import java.time.Instant;
import java.util.List;

/**
 * Clusters as the operator's status writer leaves them, at a fixed clock: Ready, provisioning (the controller part
 * way, the compute waiting for it), failed (one of two computes failed a step, one Secret unlabeled).
 */
public final class DescribeFixtures {

    public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant CREATED = NOW.minusSeconds(3600);

    private DescribeFixtures() {
    }

    public static ClusterTree ready() {
        ControllerNode ctl = controller("controller01", Phase.Ready, 58, 58, null);
        allTrue(ctl.getStatus().conditions, ConditionTypes.CONTROLLER, NOW.minusSeconds(720));
        ComputeNode cmp = compute("computer01", Phase.Ready, 12, 12, null);
        allTrue(cmp.getStatus().conditions, ConditionTypes.COMPUTE, NOW.minusSeconds(700));
        PikeCluster pike = cluster(Phase.Ready, "1/1", "70/70 steps");
        passwords(pike, true);
        allTrue(pike.getStatus().conditions, ConditionTypes.CLUSTER, NOW.minusSeconds(690));
        return new ClusterTree(pike, List.of(ctl), List.of(cmp));
    }

    public static ClusterTree provisioning() {
        ControllerNode ctl = controller("controller01", Phase.Provisioning, 21, 58, "Memcached/install-packages");
        List<Condition> c = ctl.getStatus().conditions;
        allTrue(c, ConditionTypes.HOST, NOW.minusSeconds(40));
        set(c, ConditionTypes.DATABASE, Conditions.TRUE, "Converged", "9 steps converged", 25);
        set(c, ConditionTypes.MESSAGE_QUEUE, Conditions.TRUE, "Converged", "4 steps converged", 20);
        for (String t : List.of(ConditionTypes.MEMCACHED, ConditionTypes.ETCD, ConditionTypes.KEYSTONE,
                ConditionTypes.GLANCE, ConditionTypes.PLACEMENT, ConditionTypes.NOVA_CONTROL_PLANE)) {
            set(c, t, Conditions.UNKNOWN, "NotReached", "not checked: an earlier step did not finish", 20);
        }
        Conditions.summarize(c, ConditionTypes.CONTROLLER, 1L, NOW.minusSeconds(45));
        ComputeNode cmp = compute("computer01", Phase.Provisioning, 10, 12, "NovaCompute/wait-for-controller");
        List<Condition> k = cmp.getStatus().conditions;
        allTrue(k, ConditionTypes.HOST, NOW.minusSeconds(30));
        set(k, ConditionTypes.NOVA_COMPUTE, Conditions.FALSE, "WaitingForController",
                "wait-for-controller: waiting for the controller's NovaControlPlane", 30);
        set(k, ConditionTypes.CELL_DISCOVERY, Conditions.UNKNOWN, Conditions.REASON_NOT_EVALUATED,
                "CellDiscovery has not been evaluated yet", 30);
        Conditions.summarize(k, ConditionTypes.COMPUTE, 1L, NOW.minusSeconds(35));
        PikeCluster pike = cluster(Phase.Provisioning, "0/1", "31/70 steps");
        List<Condition> p = pike.getStatus().conditions;
        allTrue(p, List.of(ConditionTypes.HOST_REACHABLE, ConditionTypes.PREFLIGHT, ConditionTypes.TIME_SYNC,
                ConditionTypes.HOSTS_FILE, ConditionTypes.OPENSTACK_REPO, ConditionTypes.DATABASE,
                ConditionTypes.MESSAGE_QUEUE), NOW.minusSeconds(20));
        set(p, ConditionTypes.VERIFIED, Conditions.UNKNOWN, Conditions.REASON_NOT_EVALUATED,
                "Verified has not been evaluated yet", 50);
        passwords(pike, true);
        Conditions.summarize(p, ConditionTypes.CLUSTER, 1L, NOW.minusSeconds(50));
        pike.getStatus().servicesReady = Conditions.readyCount(p, ConditionTypes.CLUSTER);
        return new ClusterTree(pike, List.of(ctl), List.of(cmp));
    }

    public static ClusterTree failedCompute() {
        ControllerNode ctl = controller("controller01", Phase.Ready, 58, 58, null);
        allTrue(ctl.getStatus().conditions, ConditionTypes.CONTROLLER, NOW.minusSeconds(600));
        ComputeNode good = compute("computer01", Phase.Ready, 12, 12, null);
        allTrue(good.getStatus().conditions, ConditionTypes.COMPUTE, NOW.minusSeconds(500));
        ComputeNode bad = compute("computer02", Phase.Failed, 9, 12, "NovaCompute/install-packages");
        bad.getStatus().message = "NovaCompute/install-packages: StepFailed";
        List<Condition> b = bad.getStatus().conditions;
        allTrue(b, ConditionTypes.HOST, NOW.minusSeconds(400));
        set(b, ConditionTypes.NOVA_COMPUTE, Conditions.FALSE, "StepFailed",
                "install-packages: yum install exited 1: No package openstack-nova-compute available.\nError: Nothing to do", 300);
        set(b, ConditionTypes.CELL_DISCOVERY, Conditions.UNKNOWN, "NotReached", "not checked: NovaCompute failed", 300);
        Conditions.summarize(b, ConditionTypes.COMPUTE, 1L, NOW.minusSeconds(300));
        PikeCluster pike = cluster(Phase.Failed, "1/2", "79/82 steps");
        List<Condition> p = pike.getStatus().conditions;
        allTrue(p, ConditionTypes.CONTROLLER, NOW.minusSeconds(600));
        set(p, ConditionTypes.NOVA_COMPUTE, Conditions.FALSE, "StepFailed",
                "install-packages: yum install exited 1: No package openstack-nova-compute available.", 300);
        set(p, ConditionTypes.CELL_DISCOVERY, Conditions.UNKNOWN, "NotReached", "not checked: NovaCompute failed", 300);
        set(p, ConditionTypes.VERIFIED, Conditions.TRUE, "Converged", "the guide's verification passes", 500);
        passwords(pike, false);
        Conditions.summarize(p, ConditionTypes.CLUSTER, 1L, NOW.minusSeconds(300));
        pike.getStatus().servicesReady = Conditions.readyCount(p, ConditionTypes.CLUSTER);
        return new ClusterTree(pike, List.of(ctl), List.of(bad, good));
    }

    private static PikeCluster cluster(Phase phase, String computesReady, String progress) {
        PikeCluster c = new PikeCluster();
        c.setMetadata(new ObjectMetaBuilder().withName("pike").withNamespace("openstack")
                .withCreationTimestamp(Conditions.timestamp(CREATED)).build());
        PikeClusterStatus s = new PikeClusterStatus();
        s.phase = phase;
        s.servicesReady = "16/16";
        s.computesReady = computesReady;
        String[] cr = computesReady.split("/");
        s.computes = new ComputesStatus(Integer.parseInt(cr[0]), Integer.parseInt(cr[1]));
        s.progress = progress;
        c.setStatus(s);
        return c;
    }

    /** Passwords Applied, rotation idle; SecretsWatched as given (False: the SSH Secret lacks the label). */
    private static void passwords(PikeCluster pike, boolean watched) {
        List<Condition> p = pike.getStatus().conditions;
        set(p, ConditionTypes.PASSWORDS, Conditions.TRUE, "Applied", "the hosts use the passwords of Secret pike-passwords", 3000);
        set(p, ConditionTypes.PASSWORDS_ROTATING, Conditions.FALSE, "Idle", "no rotation under way", 3000);
        if (watched) {
            set(p, ConditionTypes.SECRETS_WATCHED, Conditions.TRUE, "Labeled", "the cluster's Secrets carry the watch label", 3000);
        } else {
            set(p, ConditionTypes.SECRETS_WATCHED, Conditions.FALSE, "SecretNotLabeled",
                    "Secret pike-ssh lacks the label app.kubernetes.io/part-of=pike-operator", 3000);
        }
    }

    private static ControllerNode controller(String name, Phase phase, int done, int total, String current) {
        ControllerNode n = new ControllerNode();
        n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("openstack")
                .withCreationTimestamp(Conditions.timestamp(CREATED)).build());
        n.setSpec(new NodeSpec());
        n.getSpec().clusterRef = new ObjectRef("pike");
        n.setStatus(status(new NodeStatus(), phase, done, total, current));
        return n;
    }

    private static ComputeNode compute(String name, Phase phase, int done, int total, String current) {
        ComputeNode n = new ComputeNode();
        n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("openstack")
                .withCreationTimestamp(Conditions.timestamp(CREATED)).build());
        n.setSpec(new ComputeNodeSpec());
        n.getSpec().clusterRef = new ObjectRef("pike");
        ComputeNodeStatus s = status(new ComputeNodeStatus(), phase, done, total, current);
        s.virtType = VirtType.QEMU;
        n.setStatus(s);
        return n;
    }

    private static <S extends NodeStatus> S status(S s, Phase phase, int done, int total, String current) {
        s.phase = phase;
        s.steps = new StepProgress();
        s.steps.done = done;
        s.steps.total = total;
        s.steps.current = current;
        s.progress = done + "/" + total;
        return s;
    }

    /** Every one of {@code types} True (Converged) since {@code at}, then Ready from them. */
    private static void allTrue(List<Condition> conditions, List<String> types, Instant at) {
        for (String t : types) {
            Conditions.set(conditions, t, Conditions.TRUE, "Converged", "converged", 1L, at);
        }
        Conditions.summarize(conditions, types, 1L, at);
    }

    private static void set(List<Condition> conditions, String type, String status, String reason, String message,
                            long secondsAgo) {
        Conditions.set(conditions, type, status, reason, message, 1L, NOW.minusSeconds(secondsAgo));
    }
}

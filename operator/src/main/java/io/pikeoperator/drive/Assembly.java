package io.pikeoperator.drive;

import io.pikeoperator.api.v1alpha1.ClusterSshSpec;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeSpec;
import io.pikeoperator.api.v1alpha1.NodeSshSpec;
import io.pikeoperator.api.v1alpha1.PikeClusterSpec;
import io.pikeoperator.api.v1alpha1.SecretKeyRef;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.NodeInfo;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.ssh.SshTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a cluster's inputs into what the engine drives: the {@link Cluster} (defaults applied, passwords
 * resolved) and an SSH target per host. Problems become {@link InputException}s with a condition reason; a spec that
 * breaks its CRD schema is refused first ({@link SpecValidation}), before any of its values can reach a host.
 *
 * @param cluster the plan's view
 * @param targets host name to SSH target
 */
public record Assembly(Cluster cluster, Map<String, SshTarget> targets) {

    /** SSH material given on the command line instead of the Secret (either may be null). */
    public record SshOverrides(String privateKey, String knownHosts) {
        public static final SshOverrides NONE = new SshOverrides(null, null);
    }

    public static Assembly of(ClusterInputs in, Passwords passwords, SshOverrides overrides) throws InputException {
        PikeClusterSpec spec = in.cluster().getSpec();
        if (spec == null) {
            throw new InputException(SpecValidation.REASON, "PikeCluster " + in.cluster().getMetadata().getName() + " has no spec");
        }
        SpecValidation.check(in);
        if (in.controllers().size() != 1) {
            throw new InputException(in.controllers().isEmpty() ? "NoController" : "TooManyControllers",
                    "a cluster needs exactly one ControllerNode; found " + in.controllers().size());
        }
        ControllerNode ctl = in.controllers().get(0);
        NodeInfo controller = new NodeInfo(ctl.getSpec().hostname, ctl.getSpec().managementAddress, null);
        List<NodeInfo> computes = new ArrayList<>();
        for (ComputeNode c : in.computes()) {
            computes.add(new NodeInfo(c.getSpec().hostname, c.getSpec().managementAddress, c.getSpec().virtType));
        }
        Cluster cluster = Cluster.of(spec, controller, computes, passwords);

        ClusterSshSpec ssh = Objects.requireNonNullElseGet(spec.ssh, ClusterSshSpec::new);
        String privateKey = overrides.privateKey() != null ? overrides.privateKey()
                : secretValue(in, ssh.privateKeySecretRef, ClusterSshSpec.DEFAULT_PRIVATE_KEY_KEY, "SSH private key");
        String knownHosts = overrides.knownHosts() != null ? overrides.knownHosts()
                : ssh.knownHostsSecretRef == null ? null
                : secretValue(in, ssh.knownHostsSecretRef, ClusterSshSpec.DEFAULT_KNOWN_HOSTS_KEY, "known hosts");
        Map<String, SshTarget> targets = new LinkedHashMap<>();
        targets.put(controller.hostname(), target(ctl.getSpec(), ssh, privateKey, knownHosts));
        for (ComputeNode c : in.computes()) {
            if (targets.containsKey(c.getSpec().hostname)) {
                throw new InputException("DuplicateHostname", "host name " + c.getSpec().hostname + " is used twice");
            }
            targets.put(c.getSpec().hostname, target(c.getSpec(), ssh, privateKey, knownHosts));
        }
        return new Assembly(cluster, targets);
    }

    private static SshTarget target(NodeSpec node, ClusterSshSpec ssh, String privateKey, String knownHosts)
            throws InputException {
        NodeSshSpec n = Objects.requireNonNullElseGet(node.ssh, NodeSshSpec::new);
        String host = n.host != null ? n.host : node.managementAddress;
        int port = n.port != null ? n.port : ssh.port != null ? ssh.port : ClusterSshSpec.DEFAULT_PORT;
        String user = n.user != null ? n.user : ssh.user != null ? ssh.user : ClusterSshSpec.DEFAULT_USER;
        if (knownHosts == null) {
            // a pinned hostKey only narrows known_hosts: without known_hosts nothing can be trusted
            throw new InputException("HostKeyUnknown", "no known_hosts for " + node.hostname
                    + ": host keys are checked strictly against the cluster's known_hosts (spec.ssh.knownHostsSecretRef "
                    + "or --known-hosts); a node's pinned hostKey can only narrow it");
        }
        return SshTarget.of(host, port, user, knownHosts, n.hostKey, privateKey);
    }

    private static String secretValue(ClusterInputs in, SecretKeyRef ref, String defaultKey, String what)
            throws InputException {
        if (ref == null || ref.name == null) {
            throw new InputException("SecretNotFound", "spec.ssh names no Secret for the " + what);
        }
        String key = ref.key != null ? ref.key : defaultKey;
        Map<String, String> data = in.secrets().secret(ref.name).orElseThrow(() ->
                new InputException("SecretNotFound", "Secret " + ref.name + " (" + what + ") not found"));
        String value = data.get(key);
        if (value == null || value.isBlank()) {
            throw new InputException("SecretKeyMissing", "Secret " + ref.name + " has no key " + key + " (" + what + ")");
        }
        return value;
    }
}

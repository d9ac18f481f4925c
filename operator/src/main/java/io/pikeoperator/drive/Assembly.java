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
 * A problem of one ComputeNode (its schema, a host name used twice, no trusted host key) rejects that node only:
 * it is left out of the cluster and named in {@link #rejected}, and the other nodes go on.
 *
 * @param cluster  the plan's view, without the rejected computes
 * @param targets  host name to SSH target
 * @param rejected ComputeNode name to why it was left out
 * @param timeouts the cluster's SSH timeouts (spec.ssh)
 */
public record Assembly(Cluster cluster, Map<String, SshTarget> targets, Map<String, InputException> rejected,
                       SshTimeouts timeouts) {

    /** spec.ssh's connect and command timeouts, defaults applied. */
    public record SshTimeouts(java.time.Duration connect, java.time.Duration command) {
        static SshTimeouts of(ClusterSshSpec ssh) {
            return new SshTimeouts(
                    java.time.Duration.ofSeconds(Objects.requireNonNullElse(ssh.connectTimeoutSeconds,
                            ClusterSshSpec.DEFAULT_CONNECT_TIMEOUT_SECONDS)),
                    java.time.Duration.ofSeconds(Objects.requireNonNullElse(ssh.commandTimeoutSeconds,
                            ClusterSshSpec.DEFAULT_COMMAND_TIMEOUT_SECONDS)));
        }
    }

    /** How to run plans on this cluster's hosts: each command bounded by the cluster's command timeout. */
    public io.pikeoperator.engine.RunOptions runOptions() {
        return io.pikeoperator.engine.RunOptions.apply().commandTimeout(timeouts.command());
    }

    /** SSH material given on the command line instead of the Secret (either may be null). */
    public record SshOverrides(String privateKey, String knownHosts) {
        public static final SshOverrides NONE = new SshOverrides(null, null);
    }

    public static Assembly of(ClusterInputs in, Passwords passwords, SshOverrides overrides) throws InputException {
        PikeClusterSpec spec = in.cluster().getSpec();
        if (spec == null) {
            throw new InputException(SpecValidation.REASON, "PikeCluster " + in.cluster().getMetadata().getName() + " has no spec");
        }
        List<String> clusterProblems = new ArrayList<>(SpecValidation.violations(in.cluster()));
        in.controllers().forEach(c -> clusterProblems.addAll(SpecValidation.violations(c)));
        if (!clusterProblems.isEmpty()) {
            throw new InputException(SpecValidation.REASON, String.join("; ", clusterProblems));
        }
        if (in.controllers().size() != 1) {
            throw new InputException(in.controllers().isEmpty() ? "NoController" : "TooManyControllers",
                    "a cluster needs exactly one ControllerNode; found " + in.controllers().size());
        }
        ControllerNode ctl = in.controllers().get(0);
        NodeInfo controller = new NodeInfo(ctl.getSpec().hostname, ctl.getSpec().managementAddress, null);
        ClusterSshSpec ssh = Objects.requireNonNullElseGet(spec.ssh, ClusterSshSpec::new);
        String privateKey = overrides.privateKey() != null ? overrides.privateKey()
                : secretValue(in, ssh.privateKeySecretRef, ClusterSshSpec.DEFAULT_PRIVATE_KEY_KEY, "SSH private key");
        String knownHosts = overrides.knownHosts() != null ? overrides.knownHosts()
                : ssh.knownHostsSecretRef == null ? null
                : secretValue(in, ssh.knownHostsSecretRef, ClusterSshSpec.DEFAULT_KNOWN_HOSTS_KEY, "known hosts");
        Map<String, SshTarget> targets = new LinkedHashMap<>();
        targets.put(controller.hostname(), target(ctl.getSpec(), ssh, privateKey, knownHosts));
        List<NodeInfo> computes = new ArrayList<>();
        Map<String, InputException> rejected = new LinkedHashMap<>(leftOut(ctl, in.computes()));
        for (ComputeNode c : in.computes()) {
            if (rejected.containsKey(c.getMetadata().getName())) {
                continue;
            }
            try {
                targets.put(c.getSpec().hostname, target(c.getSpec(), ssh, privateKey, knownHosts));
                computes.add(NodeInfo.compute(c.getSpec().hostname, c.getSpec().managementAddress, c.getSpec().virtType,
                        spec.nova == null ? null : spec.nova.virtType));
            } catch (InputException e) {
                rejected.put(c.getMetadata().getName(), e);
            }
        }
        Cluster cluster = Cluster.of(spec, controller, computes, passwords);
        return new Assembly(cluster, targets, Map.copyOf(rejected), SshTimeouts.of(ssh));
    }

    /**
     * The computes left out for a problem of their own spec, by name: their schema ({@code InvalidSpec}), or a host
     * name that the controller or an earlier compute (by name) has ({@code DuplicateHostname}). Needs no Secret, so
     * that the cluster's summary can leave them out too.
     */
    public static Map<String, InputException> leftOut(ControllerNode controller, List<ComputeNode> computes) {
        Map<String, String> holders = new LinkedHashMap<>();
        if (controller != null && controller.getSpec() != null) {
            holders.put(controller.getSpec().hostname, "ControllerNode " + controller.getMetadata().getName());
        }
        Map<String, InputException> out = new LinkedHashMap<>();
        for (ComputeNode c : computes) {
            String name = c.getMetadata().getName();
            List<String> violations = SpecValidation.violations(c);
            String host = c.getSpec() == null ? null : c.getSpec().hostname;
            if (!violations.isEmpty()) {
                out.put(name, new InputException(SpecValidation.REASON, String.join("; ", violations)));
            } else if (holders.containsKey(host)) {
                out.put(name, new InputException("DuplicateHostname", "host name " + host + " is already used by "
                        + holders.get(host) + ": ComputeNode " + name + " is left out until its hostname is unique"));
            } else {
                holders.put(host, "ComputeNode " + name);
            }
        }
        return out;
    }

    /** Why the ComputeNode {@code name} was left out, if it was. */
    public java.util.Optional<InputException> rejection(String name) {
        return java.util.Optional.ofNullable(rejected.get(name));
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

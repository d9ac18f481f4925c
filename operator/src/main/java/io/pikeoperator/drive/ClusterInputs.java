package io.pikeoperator.drive;

import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.PikeCluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a cluster is described by, wherever it came from (a manifest file or the Kubernetes API): the
 * cluster, its nodes, and a way to read a Secret's decoded data by name.
 */
public record ClusterInputs(PikeCluster cluster, List<ControllerNode> controllers, List<ComputeNode> computes,
                            SecretSource secrets) {

    /** A Secret's decoded data by name; empty when there is no such Secret. */
    @FunctionalInterface
    public interface SecretSource {
        Optional<Map<String, String>> secret(String name);
    }
}

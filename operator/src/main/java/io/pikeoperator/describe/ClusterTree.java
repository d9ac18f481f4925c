package io.pikeoperator.describe;

import io.fabric8.kubernetes.client.CustomResource;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeSpec;
import io.pikeoperator.api.v1alpha1.PikeCluster;

import java.util.Comparator;
import java.util.List;

/** One PikeCluster with the nodes whose clusterRef names it, sorted by name: what {@code describe} draws. */
public record ClusterTree(PikeCluster cluster, List<ControllerNode> controllers, List<ComputeNode> computes) {

    /** Each cluster with its nodes, clusters by name; nodes of no listed cluster are left out. */
    public static List<ClusterTree> group(List<PikeCluster> clusters, List<ControllerNode> controllers,
                                          List<ComputeNode> computes) {
        return clusters.stream().sorted(Comparator.comparing(c -> c.getMetadata().getName()))
                .map(c -> new ClusterTree(c, of(controllers, c), of(computes, c)))
                .toList();
    }

    private static <N extends CustomResource<? extends NodeSpec, ?>> List<N> of(List<N> nodes, PikeCluster cluster) {
        String name = cluster.getMetadata().getName();
        return nodes.stream().filter(n -> n.getSpec() != null && n.getSpec().clusterRef != null
                        && name.equals(n.getSpec().clusterRef.name))
                .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
    }
}

package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeSpec;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which changes wake which reconciler. Node reconcilers run SSH, so they wake only for what matters to them:
 * a spec change, a new or deleted node (every /etc/hosts), the controller's NovaControlPlane or a compute's
 * NovaCompute turning, a Secret changing. The cluster reconciler (no SSH) wakes for every node change.
 */
final class Watches {

    private Watches() {
    }

    static <P extends HasMetadata> List<EventSource<?, P>> forNodes(EventSourceContext<P> context, Class<P> primary,
                                                                    InformerCaches caches) {
        Function<P, String> clusterOf = p -> clusterOf(spec(p));
        caches.register(primary, context.getPrimaryCache());
        List<EventSource<?, P>> sources = new ArrayList<>();
        sources.add(informer(context, caches, PikeCluster.class, "clusters",
                c -> byCluster(context, clusterOf, c.getMetadata().getNamespace(), c.getMetadata().getName()),
                (a, b) -> !Objects.equals(a.getMetadata().getGeneration(), b.getMetadata().getGeneration())));
        if (primary == ComputeNode.class) {
            sources.add(informer(context, caches, ControllerNode.class, "controllers",
                    n -> byCluster(context, clusterOf, n.getMetadata().getNamespace(), clusterOf(n.getSpec())),
                    (a, b) -> specChanged(a, b) || turned(a.getStatus(), b.getStatus(), ConditionTypes.NOVA_CONTROL_PLANE)));
        }
        sources.add(informer(context, caches, ComputeNode.class, "computes",
                n -> byCluster(context, clusterOf, n.getMetadata().getNamespace(), clusterOf(n.getSpec())),
                primary == ControllerNode.class
                        ? (a, b) -> specChanged(a, b) || turned(a.getStatus(), b.getStatus(), ConditionTypes.NOVA_COMPUTE)
                        : Watches::specChanged));
        sources.add(secrets(context, caches));
        return sources;
    }

    static List<EventSource<?, PikeCluster>> forCluster(EventSourceContext<PikeCluster> context, InformerCaches caches) {
        caches.register(PikeCluster.class, context.getPrimaryCache());
        List<EventSource<?, PikeCluster>> sources = new ArrayList<>();
        sources.add(informer(context, caches, ControllerNode.class, "controllers", n -> toCluster(n, n.getSpec()), (a, b) -> true));
        sources.add(informer(context, caches, ComputeNode.class, "computes", n -> toCluster(n, n.getSpec()), (a, b) -> true));
        sources.add(secrets(context, caches));
        return sources;
    }

    /**
     * Only the Secrets labelled {@link ClusterLoader#SECRET_LABEL} are watched and cached, not every Secret of the
     * watched namespaces: the SSH key, known_hosts and passwords Secrets a cluster names. A change to one may concern
     * any cluster of its namespace.
     */
    private static <P extends HasMetadata> EventSource<?, P> secrets(EventSourceContext<P> context, InformerCaches caches) {
        InformerEventSource<Secret, P> source = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Secret.class, context.getPrimaryResourceClass()).withName("secrets")
                .withLabelSelector(ClusterLoader.SECRET_LABEL + "=" + ClusterLoader.SECRET_LABEL_VALUE)
                .withSecondaryToPrimaryMapper(s -> context.getPrimaryCache().list(s.getMetadata().getNamespace())
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withOnUpdateFilter((a, b) -> !Objects.equals(a.getData(), b.getData())
                        || !Objects.equals(a.getStringData(), b.getStringData()))
                .withNamespacesInheritedFromController().build(), context);
        caches.register(Secret.class, source);
        return source;
    }

    private static <R extends HasMetadata, P extends HasMetadata> EventSource<?, P> informer(EventSourceContext<P> context,
            InformerCaches caches, Class<R> type, String name, SecondaryToPrimaryMapper<R> mapper, OnUpdateFilter<R> onUpdate) {
        InformerEventSource<R, P> source = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(type, context.getPrimaryResourceClass()).withName(name).withSecondaryToPrimaryMapper(mapper)
                .withOnUpdateFilter(onUpdate).withNamespacesInheritedFromController().build(), context);
        caches.register(type, source);
        return source;
    }

    private static <P extends HasMetadata> Set<ResourceID> byCluster(EventSourceContext<P> context, Function<P, String> clusterOf,
                                                                     String namespace, String cluster) {
        return context.getPrimaryCache().list(namespace, p -> Objects.equals(clusterOf.apply(p), cluster))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static Set<ResourceID> toCluster(HasMetadata node, NodeSpec spec) {
        String cluster = clusterOf(spec);
        return cluster == null ? Set.of() : Set.of(new ResourceID(cluster, node.getMetadata().getNamespace()));
    }

    private static NodeSpec spec(HasMetadata node) {
        if (node instanceof ControllerNode c) {
            return c.getSpec();
        }
        return node instanceof ComputeNode c ? c.getSpec() : null;
    }

    private static String clusterOf(NodeSpec spec) {
        return spec == null || spec.clusterRef == null ? null : spec.clusterRef.name;
    }

    private static boolean specChanged(HasMetadata a, HasMetadata b) {
        return !Objects.equals(a.getMetadata().getGeneration(), b.getMetadata().getGeneration())
                || !Objects.equals(a.getMetadata().getDeletionTimestamp(), b.getMetadata().getDeletionTimestamp());
    }

    private static boolean turned(NodeStatus a, NodeStatus b, String type) {
        return isTrue(a, type) != isTrue(b, type);
    }

    private static boolean isTrue(NodeStatus s, String type) {
        return s != null && Conditions.isTrue(s.conditions, type);
    }
}

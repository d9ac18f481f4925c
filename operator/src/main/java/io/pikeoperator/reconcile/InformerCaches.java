package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The informers' caches by kind, registered as each reconciler prepares its event sources ({@link Watches}). The
 * three reconcilers watch the same namespaces, so the synced caches of a kind answer together (freshest copy wins);
 * a reader gets none while no cache of the kind has synced yet (at start, or in a test without an operator) and
 * asks the API.
 */
final class InformerCaches {

    private final Map<Class<?>, List<IndexerResourceCache<?>>> byKind = new ConcurrentHashMap<>();
    private final RecentWrites recent = new RecentWrites();

    <R extends HasMetadata> void register(Class<R> kind, IndexerResourceCache<R> cache) {
        byKind.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(cache);
    }

    /** A cache of {@code kind} whose informers have all synced, if there is one. */
    @SuppressWarnings("unchecked")
    <R extends HasMetadata> Optional<IndexerResourceCache<R>> synced(Class<R> kind) {
        return byKind.getOrDefault(kind, List.of()).stream().filter(InformerCaches::hasSynced)
                .map(c -> (IndexerResourceCache<R>) c).findFirst();
    }

    /**
     * The freshest copy of an object among the synced caches of its kind. Each reconciler's informer sees an update
     * at its own pace, and the one whose event started a reconcile (a cluster just paused) may be ahead of the
     * others: the highest resourceVersion wins. Empty when no cache has synced or none holds the object.
     */
    <R extends HasMetadata> Optional<R> get(Class<R> kind, ResourceID id) {
        List<IndexerResourceCache<R>> all = syncedAll(kind);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return recent.over(kind, id, all.stream().flatMap(c -> c.get(id).stream()).reduce(InformerCaches::fresher));
    }

    /**
     * The result of a write of this operator ({@code created}: a new object), read back at once: see
     * {@link RecentWrites}. Only for objects the informers select, or it would hide later changes.
     */
    <R extends HasMetadata> void wrote(Class<R> kind, R written, boolean created) {
        recent.wrote(kind, written, created);
    }

    /** The objects of a namespace, each in its freshest copy; empty when no cache of the kind has synced. */
    <R extends HasMetadata> Optional<Stream<R>> list(Class<R> kind, String namespace) {
        List<IndexerResourceCache<R>> all = syncedAll(kind);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Map<String, R> byName = new LinkedHashMap<>();
        all.forEach(c -> c.list(namespace).forEach(r -> byName.merge(r.getMetadata().getName(), r, InformerCaches::fresher)));
        recent.over(kind, namespace, byName);
        return Optional.of(byName.values().stream());
    }

    @SuppressWarnings("unchecked")
    private <R extends HasMetadata> List<IndexerResourceCache<R>> syncedAll(Class<R> kind) {
        return byKind.getOrDefault(kind, List.of()).stream().filter(InformerCaches::hasSynced)
                .map(c -> (IndexerResourceCache<R>) c).toList();
    }

    /** The later of two copies of one object; resourceVersions are etcd revisions, compared as numbers when they are. */
    static <R extends HasMetadata> R fresher(R a, R b) {
        try {
            return Long.parseLong(b.getMetadata().getResourceVersion()) > Long.parseLong(a.getMetadata().getResourceVersion())
                    ? b : a;
        } catch (NumberFormatException | NullPointerException e) {
            return a;
        }
    }

    private static boolean hasSynced(IndexerResourceCache<?> cache) {
        if (!(cache instanceof ManagedInformerEventSource<?, ?, ?> informer)) {
            return false;
        }
        Map<String, InformerHealthIndicator> informers = informer.informerHealthIndicators();
        return !informers.isEmpty() && informers.values().stream().allMatch(i -> i.isRunning() && i.hasSynced());
    }
}

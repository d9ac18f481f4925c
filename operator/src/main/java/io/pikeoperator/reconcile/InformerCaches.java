package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The informers' caches by kind, registered as each reconciler prepares its event sources ({@link Watches}). The
 * three reconcilers watch the same namespaces, so any synced cache of a kind answers for all of them; a reader gets
 * none while no cache of the kind has synced yet (at start, or in a test without an operator) and asks the API.
 */
final class InformerCaches {

    private final Map<Class<?>, List<IndexerResourceCache<?>>> byKind = new ConcurrentHashMap<>();

    <R extends HasMetadata> void register(Class<R> kind, IndexerResourceCache<R> cache) {
        byKind.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(cache);
    }

    /** A cache of {@code kind} whose informers have all synced, if there is one. */
    @SuppressWarnings("unchecked")
    <R extends HasMetadata> Optional<IndexerResourceCache<R>> synced(Class<R> kind) {
        return byKind.getOrDefault(kind, List.of()).stream().filter(InformerCaches::hasSynced)
                .map(c -> (IndexerResourceCache<R>) c).findFirst();
    }

    private static boolean hasSynced(IndexerResourceCache<?> cache) {
        if (!(cache instanceof ManagedInformerEventSource<?, ?, ?> informer)) {
            return false;
        }
        Map<String, InformerHealthIndicator> informers = informer.informerHealthIndicators();
        return !informers.isEmpty() && informers.values().stream().allMatch(i -> i.isRunning() && i.hasSynced());
    }
}

package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-your-writes over the informer caches: what this operator wrote answers reads until the caches hold that
 * version or a later one. Without it a reconcile that runs before the informer's event reads its own write undone
 * (a cluster aggregating a node's status from before its last pass); and an API server that never sends the event
 * (fabric8's CRUD mock loses those of writes made while a watch is still opening) leaves the caches behind for good.
 * Not JOSDK's temporary resource cache: that one also drops the informer's event for the write, and the other
 * reconcilers are woken by exactly that event.
 */
final class RecentWrites {

    private record Written(HasMetadata object, boolean created) {
    }

    private final Map<Class<?>, Map<ResourceID, Written>> byKind = new ConcurrentHashMap<>();

    /** Remembers a write's result; {@code created}: the object is new (the caches may not hold it yet). */
    <R extends HasMetadata> void wrote(Class<R> kind, R object, boolean created) {
        if (object == null || object.getMetadata() == null) {
            return;
        }
        Written w = new Written(object, created);
        byKind.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                .merge(ResourceID.fromResource(object), w, (old, now) -> newer(now.object(), old.object()) ? now : old);
    }

    /**
     * The object as read: the written copy while it is newer than the cached one; the cached one otherwise (and
     * the written copy is forgotten). An updated object the caches no longer hold was deleted since: forgotten too.
     */
    @SuppressWarnings("unchecked")
    <R extends HasMetadata> Optional<R> over(Class<R> kind, ResourceID id, Optional<R> cached) {
        Map<ResourceID, Written> mine = byKind.get(kind);
        Written w = mine == null ? null : mine.get(id);
        if (w == null) {
            return cached;
        }
        if (cached.isPresent() ? !newer(w.object(), cached.get()) : !w.created()) {
            mine.remove(id, w);
            return cached;
        }
        return Optional.of((R) w.object());
    }

    /** {@link #over} for each object of a namespace's listing, by name; new objects are left to the caches. */
    <R extends HasMetadata> void over(Class<R> kind, String namespace, Map<String, R> byName) {
        Map<ResourceID, Written> mine = byKind.get(kind);
        if (mine == null) {
            return;
        }
        for (ResourceID id : mine.keySet()) {
            if (namespace.equals(id.getNamespace().orElse(null))) {
                R cached = byName.get(id.getName());
                over(kind, id, Optional.ofNullable(cached)).ifPresentOrElse(r -> {
                    if (cached != null) {
                        byName.put(id.getName(), r);
                    }
                }, () -> byName.remove(id.getName()));
            }
        }
    }

    /** Whether {@code a} is a later version than {@code b}: resourceVersions are etcd revisions, compared as numbers. */
    static boolean newer(HasMetadata a, HasMetadata b) {
        try {
            return Long.parseLong(a.getMetadata().getResourceVersion()) > Long.parseLong(b.getMetadata().getResourceVersion());
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}

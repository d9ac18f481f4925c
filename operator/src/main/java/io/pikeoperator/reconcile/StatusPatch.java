package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

import java.util.List;
import java.util.Map;

/**
 * Writes a reconciled status when it changed ({@link StatusChange}), so that the stored status is exactly the one
 * computed, whatever the informer's cache held.
 * <p>
 * With server-side apply (a real API server) JOSDK applies it; the conditions list is atomic in the CRDs, so the
 * applied list replaces the stored one. Without (the CRUD mock of the demo and the ITs, which rejects apply patches),
 * JOSDK 5.2 would send a JSON Patch diffed against its cached copy, without resourceVersion: when that copy is stale
 * the index-based {@code add}s land in a list that has moved on, and a type appears twice (Etcd True and Etcd Unknown).
 * So this writes the status itself, as one JSON Patch whose {@code add} of {@code /status} replaces the whole member
 * (RFC 6902 4.1), and tells JOSDK to write nothing. Not a JSON merge patch: the mock merges arrays by appending.
 */
final class StatusPatch {

    private final KubernetesClient client;
    private final boolean ssa;
    private final InformerCaches caches;

    StatusPatch(KubernetesClient client, boolean ssa, InformerCaches caches) {
        this.client = client;
        this.ssa = ssa;
        this.caches = caches;
    }

    /** What JOSDK is to do after a reconcile that turned {@code before} into the resource's status. */
    <S, R extends CustomResource<?, S>> UpdateControl<R> control(R resource, S before) {
        if (!StatusChange.changed(before, resource.getStatus())) {
            return UpdateControl.noUpdate();
        }
        if (ssa) {
            return UpdateControl.patchStatus(resource);
        }
        replace(resource, resource.getStatus());
        return UpdateControl.noUpdate();
    }

    /** Replaces the stored status of {@code resource} with {@code status}, whatever is stored. */
    @SuppressWarnings("unchecked")
    <R extends HasMetadata> void replace(R resource, Object status) {
        String patch = client.getKubernetesSerialization().asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
        R written = client.resource(resource).subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
        // the other reconcilers read this status from their caches (a cluster aggregates its nodes'): at once
        caches.wrote((Class<R>) resource.getClass(), written, false);
    }
}

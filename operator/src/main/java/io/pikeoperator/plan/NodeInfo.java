package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.VirtType;

/**
 * A managed host as the plan sees it: its name in the cluster, its address, and (computes) the virt type wanted on it
 * ({@code AUTO} is decided with the host's facts, {@link io.pikeoperator.engine.HostDecisions#of}); null on the
 * controller, which runs no nova-compute.
 */
public record NodeInfo(String hostname, String address, VirtType virtType) {

    /** A compute: its own {@code spec.virtType} wins over the cluster's {@code spec.nova.virtType}, unless it is auto. */
    public static NodeInfo compute(String hostname, String address, VirtType own, VirtType clusterWide) {
        VirtType wanted = own != null && own != VirtType.AUTO ? own : clusterWide;
        return new NodeInfo(hostname, address, wanted == null ? VirtType.AUTO : wanted);
    }
}

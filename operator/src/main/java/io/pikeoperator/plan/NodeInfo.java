package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.VirtType;

/** A managed host as the plan sees it: its name in the cluster, its address, and (computes) a virt type override. */
public record NodeInfo(String hostname, String address, VirtType virtType) {
}

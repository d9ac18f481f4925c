package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How many compute nodes of a cluster are ready. */
public class ComputesStatus {

    @JsonPropertyDescription("ComputeNodes that are Ready (nova-compute up and discovered into cell1).")
    public Integer ready;

    @JsonPropertyDescription("ComputeNodes that belong to the cluster.")
    public Integer total;

    public ComputesStatus() {
    }

    public ComputesStatus(int ready, int total) {
        this.ready = ready;
        this.total = total;
    }
}

package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A compute node: a NodeSpec plus its own virt_type choice. */
public class ComputeNodeSpec extends NodeSpec {

    @JsonPropertyDescription("Overrides the cluster's spec.nova.virtType for this node: auto, kvm or qemu.")
    public VirtType virtType;
}

package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A NodeStatus plus what only a compute node has. */
public class ComputeNodeStatus extends NodeStatus {

    @JsonPropertyDescription("The virt_type decided for this host: kvm or qemu.")
    public VirtType virtType;

    @JsonPropertyDescription("True once nova-manage cell_v2 discover_hosts has mapped the host into cell1.")
    public Boolean discovered;

    @JsonPropertyDescription("The nova-compute service this host registered, recorded once it is discovered. Deleting "
            + "the ComputeNode removes this service (matched by host and ID) from Nova; a node with none recorded is "
            + "released without touching Nova.")
    public NovaServiceRef novaService;
}

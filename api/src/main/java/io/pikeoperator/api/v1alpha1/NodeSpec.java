package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** What every managed host declares: its cluster, its name and addresses, and how to reach it. */
public class NodeSpec {

    @Required
    @JsonPropertyDescription("The PikeCluster this node belongs to, in the same namespace.")
    public ObjectRef clusterRef;

    @Required
    @Pattern(Patterns.HOSTNAME)
    @Size(max = 253)
    @JsonPropertyDescription("Host name (RFC 1123) as written in every node's /etc/hosts, e.g. controller01.")
    public String hostname;

    @Required
    @Pattern(Patterns.IPV4)
    @JsonPropertyDescription("IPv4 address on the management network, e.g. 10.0.0.11.")
    public String managementAddress;

    @Pattern(Patterns.IPV4)
    @JsonPropertyDescription("IPv4 address on the provider network, e.g. 192.168.52.142 (informational in Pike part 1).")
    public String providerAddress;

    @JsonPropertyDescription("SSH endpoint overrides for this node.")
    public NodeSshSpec ssh;
}

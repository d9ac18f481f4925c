package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A host that belongs in every node's /etc/hosts but is not managed by this cluster (yet). */
public class ExtraHost {

    @Required
    @Pattern(Patterns.HOSTNAME)
    @Size(max = 253)
    @JsonPropertyDescription("Host name as written in /etc/hosts (RFC 1123), e.g. block01.")
    public String hostname;

    @Required
    @Pattern(Patterns.IPV4)
    @JsonPropertyDescription("IPv4 address on the management network, e.g. 10.0.0.41.")
    public String address;

    public ExtraHost() {
    }

    public ExtraHost(String hostname, String address) {
        this.hostname = hostname;
        this.address = address;
    }
}

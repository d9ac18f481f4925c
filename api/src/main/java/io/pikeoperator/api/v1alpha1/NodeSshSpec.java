package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * Where and how to reach one node over SSH. The endpoint is separate from the management address on purpose:
 * a bastion or NAT in real life, a loopback port of the host twin in tests and the demo.
 */
public class NodeSshSpec {

    @Pattern(Patterns.HOSTNAME)
    @Size(max = 253)
    @JsonPropertyDescription("Host name or IPv4 address to connect to; defaults to the node's managementAddress.")
    public String host;

    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("SSH port; defaults to the cluster's spec.ssh.port.")
    public Integer port;

    @Pattern(Patterns.LOGIN)
    @JsonPropertyDescription("Login user; defaults to the cluster's spec.ssh.user.")
    public String user;

    @Pattern(Patterns.SSH_PUBLIC_KEY)
    @JsonPropertyDescription("The host's public key, pinned (e.g. 'ssh-ed25519 AAAA...'). It narrows the cluster's "
            + "known_hosts and never widens it: the key must also be in the cluster's known_hosts for this host and "
            + "port, or the node is refused (HostKeyNotTrusted). A host presenting another key is refused.")
    public String hostKey;
}

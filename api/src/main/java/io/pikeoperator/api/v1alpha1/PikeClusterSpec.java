package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.List;

/**
 * The desired OpenStack Pike cluster: what the install guide decides once for all nodes. Field
 * descriptions are {@link JsonPropertyDescription}s so that they reach the CRD schema and {@code kubectl explain}.
 */
public class PikeClusterSpec {

    public static final String DEFAULT_REGION = "RegionOne";

    @Default(DEFAULT_REGION)
    @Pattern(Patterns.REGION)
    @Size(max = 64)
    @JsonPropertyDescription("Keystone region of every endpoint (keystone-manage bootstrap --bootstrap-region-id).")
    public String region;

    @Required
    @Pattern(Patterns.IPV4_CIDR)
    @JsonPropertyDescription("Management network CIDR, e.g. 10.0.0.0/24; the controller's chrony allows it.")
    public String managementNetwork;

    @Size(max = 16)
    @JsonPropertyDescription("Upstream NTP servers for the controller's chrony, each a host name (RFC 1123) or "
            + "IPv4 address; default the CentOS pool (0.centos.pool.ntp.org .. 3.centos.pool.ntp.org). Other nodes "
            + "sync from the controller.")
    public List<@Pattern(Patterns.NTP_SERVER) @Size(max = 253) String> ntpServers;

    @Required
    @JsonPropertyDescription("How the operator reaches the hosts over SSH.")
    public ClusterSshSpec ssh;

    @Required
    @JsonPropertyDescription("Secret holding every service password under the keys admin, demo, mariadb-root, "
            + "rabbitmq, keystone-db, glance-db, glance, nova-db, nova, placement. Missing keys are generated and "
            + "written back to this Secret only.")
    public ObjectRef passwordsSecretRef;

    @JsonPropertyDescription("Hosts written to every node's /etc/hosts that this cluster does not manage "
            + "(the install guide's block01, object01, object02).")
    public List<ExtraHost> extraHosts;

    @JsonPropertyDescription("Image service settings.")
    public GlanceSpec glance;

    @JsonPropertyDescription("Compute service settings.")
    public NovaSpec nova;

    @JsonPropertyDescription("Host-level choices: package upgrade, reboot, firewall.")
    public HostSpec host;

    @Default("false")
    @JsonPropertyDescription("Stop touching the hosts; status is still reported.")
    public Boolean paused;
}

package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Host-level choices that the install guide makes by hand on every node. */
public class HostSpec {

    @Default("false")
    @JsonPropertyDescription("Run 'yum upgrade' after the RDO Pike repository is installed, as the install guide does.")
    public Boolean upgradePackages;

    @Default("false")
    @JsonPropertyDescription("Reboot after an upgrade that changed packages, and wait for SSH to return.")
    public Boolean rebootAfterUpgrade;

    @Default("false")
    @JsonPropertyDescription("Open the ports OpenStack needs in firewalld (RabbitMQ 5672 on the controller, ...). "
            + "When false, a closed port is reported, not changed.")
    public Boolean manageFirewall;
}

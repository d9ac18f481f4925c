package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The Compute service (Nova) settings the install guide chooses. */
public class NovaSpec {

    public static final int DEFAULT_DISCOVER_HOSTS_INTERVAL_SECONDS = 300;

    @Default("300")
    @Min(-1)
    @Max(86400)
    @JsonPropertyDescription("[scheduler] discover_hosts_in_cells_interval on the controller; -1 disables periodic discovery.")
    public Integer discoverHostsIntervalSeconds;

    @Default("auto")
    @JsonPropertyDescription("[libvirt] virt_type for compute nodes: auto (kvm when the CPU has vmx or svm, else qemu), "
            + "kvm or qemu. A ComputeNode may override it.")
    public VirtType virtType;
}

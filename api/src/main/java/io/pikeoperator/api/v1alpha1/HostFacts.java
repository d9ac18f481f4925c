package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Facts gathered from the host before any change (preflight). */
public class HostFacts {

    @JsonPropertyDescription("PRETTY_NAME from /etc/os-release, e.g. 'CentOS Linux 7 (Core)'.")
    public String osRelease;

    @JsonPropertyDescription("Kernel release (uname -r).")
    public String kernel;

    @JsonPropertyDescription("CPU virtualisation extension found in /proc/cpuinfo: vmx, svm or none.")
    public String cpuVirtualization;

    @JsonPropertyDescription("Total memory in MiB.")
    public Long memoryMiB;
}

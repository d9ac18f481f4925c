package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The libvirt virt_type of a compute node; auto decides per host as the install guide does by hand. */
public enum VirtType {
    /** kvm when /proc/cpuinfo shows vmx or svm, qemu otherwise ({@code egrep -c '(vmx|svm)' /proc/cpuinfo}). */
    @JsonProperty("auto") AUTO,
    @JsonProperty("kvm") KVM,
    @JsonProperty("qemu") QEMU
}

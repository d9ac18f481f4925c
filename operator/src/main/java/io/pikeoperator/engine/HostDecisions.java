package io.pikeoperator.engine;

import io.pikeoperator.api.v1alpha1.HostFacts;
import io.pikeoperator.api.v1alpha1.VirtType;

/**
 * What a run learnt about its host and decided from it with the spec, made once when the facts are read (the first
 * step of every plan) and then only read: by later steps (nova.conf's virt_type) and, through the {@link HostReport},
 * by the status writer. Nothing recomputes a decision.
 *
 * @param facts    the host's facts as read (a copy: never changed afterwards)
 * @param virtType the libvirt virt type this host runs, {@code KVM} or {@code QEMU}; null where no compute runs
 */
public record HostDecisions(HostFacts facts, VirtType virtType) {

    /** Before the facts are read (or when reading them failed): nothing known, nothing decided. */
    public static final HostDecisions NONE = new HostDecisions(null, null);

    /**
     * Decides from the facts: {@code wanted} as it is, or for {@code AUTO} {@code KVM} when the CPU shows vmx/svm and
     * {@code QEMU} otherwise (the install guide's {@code egrep -c '(vmx|svm)' /proc/cpuinfo}); null stays null.
     */
    public static HostDecisions of(HostFacts facts, VirtType wanted) {
        if (wanted != VirtType.AUTO) {
            return new HostDecisions(facts, wanted);
        }
        String cpu = facts == null ? null : facts.cpuVirtualization;
        return new HostDecisions(facts, cpu == null || cpu.equals("none") ? VirtType.QEMU : VirtType.KVM);
    }

    public HostDecisions {
        facts = copy(facts);
    }

    @Override
    public HostFacts facts() {
        return copy(facts);
    }

    /** The same decisions on a host that rebooted into {@code kernel}. */
    public HostDecisions rebootedInto(String kernel) {
        HostFacts f = copy(facts);
        if (f != null) {
            f.kernel = kernel;
        }
        return new HostDecisions(f, virtType);
    }

    private static HostFacts copy(HostFacts f) {
        if (f == null) {
            return null;
        }
        HostFacts c = new HostFacts();
        c.osRelease = f.osRelease;
        c.kernel = f.kernel;
        c.cpuVirtualization = f.cpuVirtualization;
        c.memoryMiB = f.memoryMiB;
        return c;
    }
}

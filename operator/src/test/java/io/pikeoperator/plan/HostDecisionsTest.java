package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.HostFacts;
import io.pikeoperator.api.v1alpha1.NovaSpec;
import io.pikeoperator.api.v1alpha1.PikeClusterSpec;
import io.pikeoperator.api.v1alpha1.VirtType;
import io.pikeoperator.engine.HostDecisions;
import io.pikeoperator.plan.nova.NovaConf;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The virt type is decided once, typed, from the spec and the host's facts. */
class HostDecisionsTest {

    private static Cluster cluster(VirtType clusterWide) throws Exception {
        PikeClusterSpec spec = new PikeClusterSpec();
        spec.managementNetwork = "10.0.0.0/24";
        spec.nova = new NovaSpec();
        spec.nova.virtType = clusterWide;
        return Cluster.of(spec, new NodeInfo("controller01", "10.0.0.11", null), List.of(),
                Passwords.completing(Map.of(), new java.util.ArrayList<>()));
    }

    private static HostFacts cpu(String virtualization) {
        HostFacts f = new HostFacts();
        f.cpuVirtualization = virtualization;
        return f;
    }

    @Test
    void autoIsKvmWithVmxOrSvmAndQemuWithout() {
        assertThat(HostDecisions.of(cpu("vmx"), VirtType.AUTO).virtType()).isEqualTo(VirtType.KVM);
        assertThat(HostDecisions.of(cpu("svm"), VirtType.AUTO).virtType()).isEqualTo(VirtType.KVM);
        assertThat(HostDecisions.of(cpu("none"), VirtType.AUTO).virtType()).isEqualTo(VirtType.QEMU);
        assertThat(HostDecisions.of(null, VirtType.AUTO).virtType()).isEqualTo(VirtType.QEMU);
        assertThat(HostDecisions.of(cpu("vmx"), null).virtType()).as("the controller runs no nova-compute").isNull();
    }

    @Test
    void theNodesOverrideWinsOverTheClustersWhichWinsOverTheFacts() {
        assertThat(wanted(null, VirtType.QEMU, "vmx")).isEqualTo(VirtType.QEMU);
        assertThat(wanted(VirtType.AUTO, VirtType.QEMU, "vmx")).isEqualTo(VirtType.QEMU);
        assertThat(wanted(VirtType.KVM, VirtType.QEMU, "none")).isEqualTo(VirtType.KVM);
        assertThat(wanted(null, null, "svm")).isEqualTo(VirtType.KVM);
        assertThat(wanted(VirtType.QEMU, VirtType.AUTO, "vmx")).isEqualTo(VirtType.QEMU);
    }

    private static VirtType wanted(VirtType own, VirtType clusterWide, String cpu) {
        NodeInfo n = NodeInfo.compute("compute01", "10.0.0.31", own, clusterWide);
        return HostDecisions.of(cpu(cpu), n.virtType()).virtType();
    }

    @Test
    void decisionsAreAValueTheirFactsCannotBeChangedThrough() {
        HostFacts read = cpu("vmx");
        read.kernel = "3.10.0-693.el7.x86_64";
        HostDecisions d = new HostDecisions(read, VirtType.KVM);
        read.kernel = "changed by the reader";
        d.facts().kernel = "changed by a user";
        assertThat(d.facts().kernel).isEqualTo("3.10.0-693.el7.x86_64");
        HostDecisions rebooted = d.rebootedInto("3.10.0-1160.el7.x86_64");
        assertThat(rebooted.facts().kernel).isEqualTo("3.10.0-1160.el7.x86_64");
        assertThat(rebooted.virtType()).isEqualTo(VirtType.KVM);
        assertThat(d.facts().kernel).isEqualTo("3.10.0-693.el7.x86_64");
    }

    @Test
    void novaConfWritesTheDecidedVirtType() throws Exception {
        Cluster c = cluster(null);
        String conf = NovaConf.compute("", c, new NodeInfo("compute01", "10.0.0.31", null), VirtType.QEMU);
        assertThat(conf).contains("[libvirt]\nvirt_type = qemu");
    }
}

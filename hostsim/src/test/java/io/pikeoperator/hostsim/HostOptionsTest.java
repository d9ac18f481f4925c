package io.pikeoperator.hostsim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostOptionsTest {

    @Test
    void parsesTheCommandLineForm() {
        HostOptions h = HostOptions.parse("computer01=127.0.0.1:2202,cpu=vmx,memory=4096,ip=10.0.0.32", 1);
        assertThat(h).isEqualTo(new HostOptions("computer01", "127.0.0.1", 2202, "vmx", "centos-7", 4096, "10.0.0.32"));
        assertThat(HostOptions.parse("controller01=127.0.0.1:2201", 0).address()).isEqualTo("10.0.0.11");
        assertThat(HostOptions.parse("computer02=127.0.0.1:2203,os=debian-12", 2).address()).isEqualTo("10.0.0.32");
    }

    @Test
    void refusesNonLoopbackAndUnknownOptions() {
        assertThatThrownBy(() -> HostOptions.parse("c=0.0.0.0:22", 0)).hasMessageContaining("loopback");
        assertThatThrownBy(() -> HostOptions.parse("c=127.0.0.1:22,gpu=1", 0)).hasMessageContaining("unknown host option");
        assertThatThrownBy(() -> HostOptions.parse("c=127.0.0.1:22,cpu=arm", 0)).hasMessageContaining("cpu must be");
    }
}

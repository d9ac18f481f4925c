package io.pikeoperator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SshTargetTest {

    static final String SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
            + "-----END OPENSSH PRIVATE KEY-----\n";

    @Test
    void sudoUnlessRoot() {
        assertThat(SshTarget.of("10.0.0.11", 22, "root", null, null, SECRET).sudo()).isFalse();
        assertThat(SshTarget.of("10.0.0.11", 22, "centos", null, null, SECRET).sudo()).isTrue();
        assertThat(new SshTarget("10.0.0.11", 22, "root", null, null, SECRET, true).sudo()).isTrue();
    }

    @Test
    void keyAndToStringNeverShowThePrivateKey() {
        SshTarget t = SshTarget.of("10.0.0.11", 2201, "centos", "x y z", null, SECRET);
        assertThat(t.key()).isEqualTo("centos@10.0.0.11:2201");
        assertThat(t.toString()).contains("centos@10.0.0.11:2201").doesNotContain("PRIVATE").doesNotContain("b3Bl");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> SshTarget.of("h", 0, "root", null, null, SECRET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SshTarget.of("h", 22, "root", null, null, null))
                .isInstanceOf(NullPointerException.class);
    }
}

package io.pikeoperator.ssh;

import io.pikeoperator.demo.DemoCluster;
import io.pikeoperator.hostsim.HostOptions;
import io.pikeoperator.hostsim.Twin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A host reinstalled with a new key: refused on the pooled connection's next connect, accepted once trusted again. */
class TwinHostKeyIT {

    @Test
    void aRotatedKeyIsRefusedAndTheSameShellWorksWithTheNewKnownHosts(@TempDir Path dir) throws Exception {
        Path key = DemoCluster.keyPair(dir);
        try (Twin twin = Twin.start(dir.resolve("twin"), Path.of(key + ".pub"),
                List.of(HostOptions.parse("computer01=127.0.0.1:0,ip=10.0.0.31", 1)));
             SshConnections ssh = new SshConnections()) {
            var host = twin.host("computer01");
            SshTarget old = SshTarget.of("127.0.0.1", host.port(), "root", host.knownHostsLine() + "\n", null, Files.readString(key));
            assertThat(ssh.shell(old).exec("echo ok", new byte[0], null).stdout()).isEqualTo("ok\n");
            host.rotateHostKey();
            host.reboot(Duration.ofMillis(300));
            assertThatThrownBy(() -> ssh.shell(old).exec("echo ok", new byte[0], Duration.ofSeconds(20)))
                    .isInstanceOf(SshException.HostKeyRejected.class).hasMessageContaining("does not match");
            SshTarget fixed = SshTarget.of("127.0.0.1", host.port(), "root", host.knownHostsLine() + "\n", null, Files.readString(key));
            assertThat(ssh.shell(fixed).exec("echo ok", new byte[0], Duration.ofSeconds(20)).stdout()).isEqualTo("ok\n");
        }
    }
}

package io.pikeoperator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** What SshConnections does without a network. */
class SshConnectionsTest {

    static SshTarget target(String user, String host, int port) {
        return SshTarget.of(host, port, user, null, null, "not used: nothing connects");
    }

    @Test
    void oneShellPerTargetKey() {
        try (SshConnections c = new SshConnections()) {
            RemoteShell a = c.shell(target("root", "10.0.0.11", 22));
            assertThat(c.shell(target("root", "10.0.0.11", 22))).isSameAs(a);
            assertThat(c.shell(target("centos", "10.0.0.11", 22))).isNotSameAs(a);
            // a rotated key is the same shell: it connects again with the new key
            SshTarget rotated = SshTarget.of("10.0.0.11", 22, "root", null, null, "another key");
            assertThat(c.shell(rotated)).isSameAs(a);
            assertThat(a.describe()).isEqualTo("root@10.0.0.11:22");
        }
    }

    @Test
    void lockHostLetsOnePlanInAtATime() throws Exception {
        try (SshConnections c = new SshConnections()) {
            SshConnections.HostLock first = c.lockHost(target("root", "10.0.0.11", 22));
            // another user on the same host waits too; another host does not
            CompletableFuture<SshConnections.HostLock> second =
                    CompletableFuture.supplyAsync(() -> c.lockHost(target("centos", "10.0.0.11", 22)));
            try (SshConnections.HostLock other = c.lockHost(target("root", "10.0.0.31", 22))) {
                assertThat(other).isNotNull();
            }
            assertThat(second).isNotCompleted();
            Thread.sleep(200); // still not: it only gets in when the first lets go
            assertThat(second).isNotCompleted();
            first.close();
            first.close(); // closing twice does not let a third in
            SshConnections.HostLock got = second.get(5, TimeUnit.SECONDS);
            CompletableFuture<SshConnections.HostLock> third =
                    CompletableFuture.supplyAsync(() -> c.lockHost(target("root", "10.0.0.11", 22)));
            assertThat(third).failsWithin(Duration.ofMillis(300));
            got.close();
            third.get(5, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void socketsHaveNoDelay() throws Exception {
        try (Socket s = new NoDelaySocketFactory().createSocket()) {
            assertThat(s.getTcpNoDelay()).isTrue();
        }
    }
}

package io.pikeoperator.hostsim;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Faults injected through the twin's API, and what an SSH client sees of them. */
class FaultsIT {

    static final String HOST = "controller01";

    @TempDir
    Path dir;
    TwinFixture fixture;
    Twin twin;
    TwinClient ssh;
    SimHost host;

    @BeforeEach
    void start() {
        fixture = TwinFixture.start(dir, TwinFixture.CONTROLLER_ONLY);
        twin = fixture.twin;
        ssh = fixture.ssh;
        host = twin.host(HOST);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void latencyDelaysEveryCommand() {
        host.faults().setLatency(Duration.ofMillis(300));
        ssh.ok(HOST, "true");
        ssh.ok(HOST, "true");
        assertThat(host.commandLog().entries()).hasSize(2).allMatch(e -> e.durationMs() >= 300);
    }

    @Test
    void failTheNextMatchingCommandsOnly() {
        host.faults().arm(Faults.Kind.FAIL, "^yum ", 1, 1, "Cannot retrieve repository metadata\n");
        TwinClient.Result failed = ssh.exec(HOST, "yum repolist");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).isEqualTo("Cannot retrieve repository metadata\n");
        assertThat(ssh.exec(HOST, "yum repolist").exit()).isZero();
        assertThat(ssh.exec(HOST, "rpm -q yum").exit()).as("other commands are untouched").isZero();
    }

    @Test
    void aHungCommandNeverAnswersUntilTheClientGivesUp() throws Exception {
        host.faults().arm(Faults.Kind.HANG, "never-returns", 1, 0, null);
        try (SshClient client = client(); ClientSession s = session(client)) {
            ChannelExec ch = s.createExecChannel("echo never-returns");
            ch.open().verify(Duration.ofSeconds(5));
            Set<ClientChannelEvent> events = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(2));
            assertThat(events).contains(ClientChannelEvent.TIMEOUT);
            assertThat(ch.getExitStatus()).isNull();
            ch.close(true);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> host.commandLog().entries().stream()
                .anyMatch(e -> e.command().equals("echo never-returns") && e.exit() == -1));
    }

    @Test
    void aDroppedConnectionHidesTheOutcomeOfACommandThatRan() throws Exception {
        host.faults().arm(Faults.Kind.DROP, "touch /root/ran", 1, 0, null);
        try (SshClient client = client(); ClientSession s = session(client)) {
            ChannelExec ch = s.createExecChannel("touch /root/ran");
            ch.open().verify(Duration.ofSeconds(5));
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
            assertThat(ch.getExitStatus()).isNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> !s.isOpen());
        }
        assertThat(ssh.exec(HOST, "test -f /root/ran").exit()).as("the command did run on the host").isZero();
    }

    @Test
    void aRebootDropsConnectionsBootsTheNewKernelAndStartsEnabledServices() {
        ssh.ok(HOST, "yum install -y centos-release-openstack-pike && yum upgrade -y");
        ssh.ok(HOST, "yum install -y memcached && systemctl start memcached");
        assertThat(ssh.ok(HOST, "uname -r")).isEqualTo("3.10.0-693.el7.x86_64\n");

        host.reboot(Duration.ofSeconds(1));
        assertThat(host.isDown()).isTrue();
        try (TwinClient fresh = new TwinClient(twin)) {
            assertThatThrownBy(() -> fresh.exec(HOST, "true")).as("the host refuses connections while down")
                    .isInstanceOf(RuntimeException.class);
        }

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    ssh.forget(HOST);
                    return ssh.exec(HOST, "true").exit() == 0;
                });
        assertThat(ssh.ok(HOST, "uname -r")).isEqualTo("3.10.0-862.14.4.el7.x86_64\n");
        assertThat(ssh.ok(HOST, "systemctl is-active chronyd")).isEqualTo("active\n");
        assertThat(ssh.exec(HOST, "systemctl is-active memcached").out()).as("started, never enabled")
                .isEqualTo("inactive\n");
    }

    @Test
    void aChangedHostKeyIsRefusedByAStrictClient() throws Exception {
        String before = host.hostKey();
        host.rotateHostKey();
        assertThat(host.hostKey()).isNotEqualTo(before);
        try (SshClient client = client()) {
            assertThatThrownBy(() -> session(client)).hasMessageContaining("Server key did not validate");
        }
        twin.writeKnownHosts();
        try (SshClient client = client(); ClientSession s = session(client)) {
            assertThat(s.isAuthenticated()).isTrue();
        }
    }

    @Test
    void driftBehindTheOperatorsBack() {
        String conf = host.file("/etc/chrony.conf").orElseThrow();
        host.editFile("/etc/chrony.conf", conf + "server drift.example.org iburst\n");
        assertThat(ssh.ok(HOST, "tail -n 1 /etc/chrony.conf; stat -c '%U %a' /etc/chrony.conf"))
                .isEqualTo("server drift.example.org iburst\nroot 644\n");

        host.stopService("chronyd");
        assertThat(ssh.exec(HOST, "systemctl is-active chronyd").out()).isEqualTo("inactive\n");
    }

    private SshClient client() {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE,
                twin.knownHosts()));
        client.start();
        return client;
    }

    private ClientSession session(SshClient client) throws Exception {
        ClientSession s = client.connect("root", "127.0.0.1", host.port()).verify(Duration.ofSeconds(5)).getSession();
        s.addPublicKeyIdentity(TwinClient.KEY);
        s.auth().verify(Duration.ofSeconds(5));
        return s;
    }
}

package io.pikeoperator.hostsim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TwinSmokeIT {

    @TempDir
    static Path dir;
    static TwinFixture fixture;
    static Twin twin;
    static TwinClient ssh;

    @BeforeAll
    static void start() {
        fixture = TwinFixture.start(dir, TwinFixture.CONTROLLER_ONLY);
        twin = fixture.twin;
        ssh = fixture.ssh;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aFreshHostLooksLikeCentOs7() {
        assertThat(ssh.ok("controller01", "hostname; cat /etc/centos-release; uname -r; rpm -q chrony; "
                + "systemctl is-active chronyd firewalld"))
                .contains("controller01", "CentOS Linux release 7.4.1708", "3.10.0-693.el7.x86_64", "chrony-3.1-2.el7",
                        "active");
    }

    @Test
    void sftpUploadsLandInTheHostsRoot() {
        ssh.upload("controller01", "/root/uploaded.txt", "over sftp\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ssh.ok("controller01", "cat /root/uploaded.txt")).isEqualTo("over sftp\n");
    }

    @Test
    void realShellSemantics() {
        assertThat(ssh.ok("controller01", "x='a b'; printf '%s|' \"$x\" $(echo c d) && echo ok || echo no")).isEqualTo("a b|c|d|ok\n");
        assertThat(ssh.exec("controller01", "false").exit()).isEqualTo(1);
        assertThat(ssh.ok("controller01", "cat <<'EOF'\n$HOME\nEOF\n")).isEqualTo("$HOME\n");
        assertThat(ssh.ok("controller01", "cat", "from stdin")).isEqualTo("from stdin");
    }
}

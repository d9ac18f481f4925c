package io.pikeoperator.hostsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.pikeoperator.hostsim.GuideReplay.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

/** CentOS 7.4's tools where the operator reads them (hostsim/FIDELITY.md names the source of each). */
class SystemToolAnswersIT {

    @TempDir
    Path dir;
    TwinFixture fixture;
    TwinClient ssh;

    @BeforeEach
    void start() {
        fixture = TwinFixture.start(dir, TwinFixture.CONTROLLER_ONLY);
        ssh = fixture.ssh;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void rpmQueryMatchesPackageNamesOnlyAndWhatprovidesFindsRdosPython2Client() {
        ssh.ok(CONTROLLER, "yum install -y centos-release-openstack-pike");
        String installed = ssh.ok(CONTROLLER, "yum install -y python-openstackclient");
        assertThat(installed).contains("python2-openstackclient.noarch");

        TwinClient.Result byName = ssh.exec(CONTROLLER, "rpm -q python-openstackclient");
        assertThat(byName.exit()).isEqualTo(1);
        assertThat(byName.out()).isEqualTo("package python-openstackclient is not installed\n");
        assertThat(ssh.ok(CONTROLLER, "rpm -q --whatprovides python-openstackclient"))
                .isEqualTo("python2-openstackclient-3.12.1-1.el7.noarch\n");
        TwinClient.Result none = ssh.exec(CONTROLLER, "rpm -q --whatprovides no-such-thing");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.out()).isEqualTo("no package provides no-such-thing\n");
        assertThat(ssh.ok(CONTROLLER, "yum install -y python-openstackclient"))
                .contains("Package python2-openstackclient-3.12.1-1.el7.noarch already installed and latest version");
    }

    @Test
    void yumQuietCheckUpdateListsNothingAndExits100() {
        ssh.ok(CONTROLLER, "yum install -y centos-release-openstack-pike");
        TwinClient.Result quiet = ssh.exec(CONTROLLER, "yum -q check-update");
        assertThat(quiet.exit()).isEqualTo(100);
        assertThat(quiet.out()).isEmpty();
        assertThat(ssh.exec(CONTROLLER, "yum check-update").out()).contains("kernel");
    }

    @Test
    void firewalld044HasNoAmqpOrMemcacheService() {
        ssh.ok(CONTROLLER, "yum install -y firewalld && systemctl start firewalld");
        TwinClient.Result amqp = ssh.exec(CONTROLLER, "firewall-cmd --permanent --add-service=amqp");
        assertThat(amqp.exit()).isEqualTo(101);
        assertThat(amqp.err()).contains("INVALID_SERVICE");
        assertThat(ssh.exec(CONTROLLER, "firewall-cmd --add-service=memcache").exit()).isEqualTo(101);
        assertThat(ssh.ok(CONTROLLER, "firewall-cmd --permanent --add-service=ntp")).contains("success");
    }

    @Test
    void systemctlIsActiveOfSeveralUnitsSucceedsWhenAnyIsActive() {
        TwinClient.Result both = ssh.exec(CONTROLLER, "systemctl is-active chronyd no-such-unit");
        assertThat(both.out()).isEqualTo("active\nunknown\n");
        assertThat(both.exit()).isZero();
        assertThat(ssh.exec(CONTROLLER, "systemctl is-active no-such-unit").exit()).isEqualTo(3);
    }

    @Test
    void chronycPrintsCannotTalkToDaemonOnStdout() {
        ssh.ok(CONTROLLER, "systemctl stop chronyd");
        TwinClient.Result down = ssh.exec(CONTROLLER, "chronyc sources");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.out()).isEqualTo("506 Cannot talk to daemon\n");
    }
}

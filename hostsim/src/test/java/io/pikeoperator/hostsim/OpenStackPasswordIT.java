package io.pikeoperator.hostsim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.pikeoperator.hostsim.GuideReplay.CONTROLLER;
import static io.pikeoperator.hostsim.GuideReplay.DEMO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The twin's openstack CLI reads passwords as osc-lib 1.7.1 does: only from a terminal. Without one,
 * {@code --password-prompt} fails in utils.get_password and a missing OS_PASSWORD fails in shell.prompt_for_password,
 * both CommandErrors that cliff 2.8.3 logs alone on stderr with exit 1, and stdin is never read. With a terminal
 * (here from util-linux {@code script} on the host's own devpts), the user is prompted twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenStackPasswordIT {

    static final String NO_TERMINAL = "No terminal detected attempting to read password\n";
    static final String NO_PASSWORD = "No password entered, or found via --os-password or OS_PASSWORD\n";

    TwinFixture fixture;
    TwinClient ssh;
    GuideReplay guide;

    @BeforeAll
    void start(@TempDir Path dir) {
        fixture = TwinFixture.start(dir, TwinFixture.CONTROLLER_ONLY);
        ssh = fixture.ssh;
        guide = fixture.guide;
        guide.hostsFile(CONTROLLER);
        ssh.ok(CONTROLLER, "yum install -y centos-release-openstack-pike python-openstackclient");
        guide.database();
        guide.keystone();
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private String users() {
        return guide.admin("openstack user list -f value -c Name");
    }

    @Test
    void passwordPromptWithAPipedStdinFailsAndCreatesNothing() {
        TwinClient.Result r = ssh.exec(CONTROLLER,
                ". admin_openrc && openstack user create --domain default --password-prompt piped", "s3cret\ns3cret\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(NO_TERMINAL);
        assertThat(r.out()).isEmpty();
        assertThat(users()).doesNotContain("piped");
    }

    @Test
    void userSetPasswordPromptWithAPipedStdinFailsAndKeepsThePassword() {
        TwinClient.Result r = ssh.exec(CONTROLLER, ". admin_openrc && openstack user set --password-prompt demo",
                "other\nother\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(NO_TERMINAL);
        // get_password runs before the user is looked up: an unknown user fails the same way.
        assertThat(ssh.exec(CONTROLLER, ". admin_openrc && openstack user set --password-prompt nobody", "x\nx\n").err())
                .isEqualTo(NO_TERMINAL);
        assertThat(guide.demoToken()).contains("| id");
    }

    @Test
    void passwordPromptComesAfterAuthentication() {
        TwinClient.Result r = ssh.exec(CONTROLLER,
                ". admin_openrc && OS_PASSWORD=wrong openstack user create --domain default --password-prompt x", "");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("(HTTP 401)").doesNotContain("No terminal");
    }

    @Test
    void aMissingPasswordWithAPipedStdinFailsBeforeKeystoneIsAsked() {
        for (String unset : new String[] {"unset OS_PASSWORD", "export OS_PASSWORD="}) {
            TwinClient.Result r = ssh.exec(CONTROLLER, ". admin_openrc && " + unset + " && openstack token issue",
                    "Adm1n-Pw\n");
            assertThat(r.exit()).as(unset).isEqualTo(1);
            assertThat(r.err()).as(unset).isEqualTo(NO_PASSWORD);
            assertThat(r.out()).as(unset).isEmpty();
        }
        // prompt_for_password runs in setup_auth, before any request: Keystone being down does not change the answer.
        ssh.ok(CONTROLLER, "systemctl stop httpd");
        try {
            TwinClient.Result r = ssh.exec(CONTROLLER, ". admin_openrc && unset OS_PASSWORD && openstack token issue", "");
            assertThat(r.err()).isEqualTo(NO_PASSWORD);
            assertThat(guide.adminExec("openstack token issue").err()).contains("Unable to establish connection");
        } finally {
            ssh.ok(CONTROLLER, "systemctl start httpd");
        }
    }

    @Test
    void withATerminalThePasswordIsPromptedTwice() {
        // script(1) gives the command a terminal (the host's own devpts) and passes our stdin to it, then EOF.
        TwinClient.Result r = ssh.exec(CONTROLLER, ". admin_openrc && script -qec "
                + "'openstack user create --domain default --password-prompt -f value -c name typed' /dev/null",
                "t-Yped-1\nt-Yped-1\n");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("User Password:", "Repeat User Password:", "typed");
        guide.admin("openstack role add --project demo --user typed user");
        assertThat(ssh.ok(CONTROLLER, GuideReplay.typed("OS_PASSWORD=\"$PW\" openstack --os-auth-url "
                + "http://controller01:5000/v3 --os-project-domain-name Default --os-user-domain-name Default "
                + "--os-project-name demo --os-username typed token issue -f value -c user_id"), "t-Yped-1\n"))
                .isNotBlank();

        TwinClient.Result token = ssh.exec(CONTROLLER, ". demo_openrc && unset OS_PASSWORD && script -qec "
                + "'openstack token issue -f value -c user_id' /dev/null", DEMO + "\n");
        assertThat(token.exit()).as(token.all()).isZero();
        assertThat(token.out()).contains("Password: ");
    }
}

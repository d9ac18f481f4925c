package io.pikeoperator.hostsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.pikeoperator.hostsim.GuideReplay.COMPUTE;
import static io.pikeoperator.hostsim.GuideReplay.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

/** The install guide, replayed on fresh twin hosts, ends in the guide's verification; leaving a step out fails as in life. */
class GuideReplayIT {

    @TempDir
    Path dir;
    TwinFixture fixture;
    Twin twin;
    TwinClient ssh;
    GuideReplay guide;

    @BeforeEach
    void start() {
        fixture = TwinFixture.start(dir, TwinFixture.GUIDE_HOSTS);
        twin = fixture.twin;
        ssh = fixture.ssh;
        guide = fixture.guide;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theWholeGuideEndsInItsVerification() {
        guide.controllerUpToNova(true);

        assertThat(guide.adminToken()).contains("| expires", "| id", "| project_id", "| user_id");
        assertThat(guide.demoToken()).contains("| id");
        assertThat(ssh.ok(CONTROLLER, ". demo_openrc && openstack token issue")).contains("| project_id");
        assertThat(guide.admin("openstack compute service list")).contains("nova-consoleauth", "nova-scheduler",
                "nova-conductor").contains("| up ").doesNotContain("nova-compute");
        assertThat(guide.admin("nova-status upgrade check")).contains("No host mappings or compute nodes were found")
                .doesNotContain("Failure", "Warning");
        assertThat(ssh.ok(CONTROLLER, "nova-manage cell_v2 list_cells")).contains("cell0", "cell1",
                "rabbit://openstack:****@controller01", "mysql+pymysql://nova:****@controller01/nova_cell0");

        guide.openControllerPorts();
        guide.novaCompute();
        assertThat(guide.discoverHosts()).contains("Creating host mapping for compute host 'computer01'",
                "Found 1 unmapped computes in cell");
        guide.discoverInterval();

        assertThat(guide.admin("openstack compute service list -f value -c Binary -c Host -c State"))
                .contains("nova-compute computer01 up", "nova-conductor controller01 up");
        assertThat(guide.admin("openstack catalog list")).contains("identity", "image", "compute", "placement",
                "public: http://controller01:5000/v3/", "admin: http://controller01:8778");
        assertThat(guide.admin("openstack image list")).containsPattern("\\| cirros-0\\.3\\.5 \\| active \\|");
        String check = guide.admin("nova-status upgrade check");
        assertThat(check).contains("Check: Cells v2", "Check: Placement API", "Check: Resource Providers");
        assertThat(check.lines().filter(l -> l.contains("Result:")).toList())
                .hasSize(3).allMatch(l -> l.contains("Success"));
        assertThat(ssh.exec(CONTROLLER, "nova-status upgrade check").exit()).isZero();
    }

    @Test
    void withoutThePlacementFixTheApiAnswers403AndNovaStatusFails() {
        guide.controllerUpToNova(false);
        assertThat(ssh.exec(CONTROLLER, "curl -s -o /dev/null -w '%{http_code}' http://controller01:8778/").out())
                .as("httpd has not loaded the placement vhost yet").isEqualTo("000");
        ssh.ok(CONTROLLER, "systemctl restart httpd");

        assertThat(ssh.exec(CONTROLLER, "curl -s -o /dev/null -w '%{http_code}' http://controller01:8778/").out())
                .isEqualTo("403");
        TwinClient.Result check = ssh.exec(CONTROLLER, "nova-status upgrade check");
        assertThat(check.exit()).as("nova 16.1.8 _check_placement does not catch Forbidden").isEqualTo(255);
        assertThat(check.out()).startsWith("Error:\n").contains("Forbidden: Forbidden (HTTP 403)");

        String conf = ssh.ok(CONTROLLER, "cat /etc/httpd/conf.d/00-nova-placement-api.conf");
        guide.write(CONTROLLER, "/etc/httpd/conf.d/00-nova-placement-api.conf", conf.replaceFirst("</VirtualHost>",
                "  <Directory /usr/bin>\n    Require all granted\n  </Directory>\n</VirtualHost>"));
        assertThat(ssh.exec(CONTROLLER, "curl -s -o /dev/null -w '%{http_code}' http://controller01:8778/").out())
                .as("httpd still runs with the configuration it loaded").isEqualTo("403");
        ssh.ok(CONTROLLER, "systemctl restart httpd");
        assertThat(ssh.exec(CONTROLLER, "curl -s -o /dev/null -w '%{http_code}' http://controller01:8778/").out())
                .as("Pike's placement app: keystonemiddleware before the root too").isEqualTo("401");
        assertThat(ssh.exec(CONTROLLER, ". admin_openrc && curl -s -o /dev/null -w '%{http_code}' -H \"X-Auth-Token: "
                + "$(openstack token issue -f value -c id)\" http://controller01:8778/").out()).isEqualTo("200");
    }

    @Test
    void withoutDiscoverHostsTheComputeIsNotMappedAndCellsCheckFails() {
        guide.controllerUpToNova(true);
        guide.openControllerPorts();
        guide.novaCompute();

        assertThat(guide.admin("openstack compute service list -f value -c Binary -c State"))
                .contains("nova-compute up");
        TwinClient.Result check = ssh.exec(CONTROLLER, "nova-status upgrade check");
        assertThat(check.out()).contains("No host mappings found but there are compute nodes");
        assertThat(check.exit()).isEqualTo(2);
        twin.world().lock().lock();
        try {
            assertThat(twin.host(CONTROLLER).model().state().mariadb.databases.get("nova_api").novaApi.hostMappings)
                    .as("Pike has no list_hosts: the mapping is read from the model").doesNotContainKey(COMPUTE);
        } finally {
            twin.world().lock().unlock();
        }
    }

    @Test
    void aWrongRabbitPasswordOnTheComputeKeepsItOutOfNova() {
        guide.controllerUpToNova(true);
        guide.openControllerPorts();
        guide.computeRabbitPassword = "not-the-password";
        guide.novaCompute();

        assertThat(ssh.ok(COMPUTE, "systemctl is-active openstack-nova-compute")).isEqualTo("active\n");
        assertThat(guide.admin("openstack compute service list")).doesNotContain(COMPUTE);
        assertThat(guide.discoverHosts()).contains("Found 0 unmapped computes");
    }

    @Test
    void withTheRabbitPortClosedTheComputeNeverReports() {
        guide.controllerUpToNova(true);
        guide.novaCompute();

        ssh.ok(COMPUTE, "yum install -y nmap-ncat");
        assertThat(ssh.exec(COMPUTE, "nc -z -w 3 controller01 5672").err()).as("ncat 6.40 has no -z")
                .contains("nc: invalid option -- 'z'");
        assertThat(ssh.exec(COMPUTE, "nc --send-only -w 3 controller01 5672 </dev/null").err()).contains("No route to host");
        assertThat(guide.admin("openstack compute service list")).doesNotContain(COMPUTE);
    }
}

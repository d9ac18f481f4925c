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

/** The twin enforces what the real system enforces: each rule here fails first, then passes once satisfied. */
class PreconditionsIT {

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
    void openStackPackagesNeedThePikeRepository() {
        TwinClient.Result r = ssh.exec(CONTROLLER, "yum install -y openstack-keystone");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("No package openstack-keystone available.");
        assertThat(r.err()).contains("Error: Nothing to do");
        assertThat(ssh.exec(CONTROLLER, "keystone-manage db_sync").exit()).as("command not installed").isEqualTo(127);

        ssh.ok(CONTROLLER, "yum install -y centos-release-openstack-pike");
        ssh.ok(CONTROLLER, "yum install -y openstack-keystone");
        assertThat(ssh.ok(CONTROLLER, "rpm -q openstack-keystone; test -f /etc/keystone/keystone.conf && echo conf"))
                .contains("openstack-keystone-12.0.0-1.el7.x86_64", "conf");
    }

    @Test
    void aServiceNeedsItsPackage() {
        TwinClient.Result r = ssh.exec(CONTROLLER, "systemctl start httpd");
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains("Unit not found");
    }

    @Test
    void glanceApiNeedsItsDatabaseAndKeystoneSections() {
        ssh.ok(CONTROLLER, "yum install -y centos-release-openstack-pike && yum install -y openstack-glance");
        assertThat(ssh.exec(CONTROLLER, "systemctl start openstack-glance-api").exit()).isEqualTo(1);
        assertThat(ssh.exec(CONTROLLER, "systemctl status openstack-glance-api").out())
                .contains("failed", "[database] connection is not set");

        guide.edit(CONTROLLER, "/etc/glance/glance-api.conf",
                List.of("database", "connection", "mysql+pymysql://glance:x@controller01/glance"));
        assertThat(ssh.exec(CONTROLLER, "systemctl start openstack-glance-api").exit()).isEqualTo(1);
        assertThat(ssh.exec(CONTROLLER, "systemctl status openstack-glance-api").out()).contains("[keystone_authtoken]");

        guide.edit(CONTROLLER, "/etc/glance/glance-api.conf", List.of("keystone_authtoken", "auth_type", "password",
                "keystone_authtoken", "auth_url", "http://controller01:35357"));
        ssh.ok(CONTROLLER, "systemctl start openstack-glance-api");
        assertThat(ssh.ok(CONTROLLER, "systemctl is-active openstack-glance-api")).isEqualTo("active\n");
    }

    @Test
    void novaServicesNeedTheTransportUrlAndBothDatabases() {
        ssh.ok(CONTROLLER, "yum install -y centos-release-openstack-pike && yum install -y openstack-nova-conductor");
        String[][] steps = {
                {"DEFAULT", "transport_url", "rabbit://openstack:x@controller01"},
                {"api_database", "connection", "mysql+pymysql://nova:x@controller01/nova_api"},
                {"database", "connection", "mysql+pymysql://nova:x@controller01/nova"}};
        for (String[] step : steps) {
            assertThat(ssh.exec(CONTROLLER, "systemctl start openstack-nova-conductor").exit()).isEqualTo(1);
            guide.edit(CONTROLLER, "/etc/nova/nova.conf", List.of(step));
        }
        ssh.ok(CONTROLLER, "systemctl start openstack-nova-conductor");
    }

    @Test
    void dbSyncFailsOnAMissingGrantAWrongPasswordOrAMissingDatabase() {
        guide.hostsFile(CONTROLLER);
        ssh.ok(CONTROLLER, "yum install -y centos-release-openstack-pike");
        ssh.ok(CONTROLLER, "yum install mariadb mariadb-server python2-PyMySQL openstack-keystone -y");
        guide.write(CONTROLLER, "/etc/my.cnf.d/openstack.cnf", "[mysqld]\nbind-address = 10.0.0.11\n");
        ssh.ok(CONTROLLER, "systemctl start mariadb");
        guide.edit(CONTROLLER, "/etc/keystone/keystone.conf",
                List.of("database", "connection", "mysql+pymysql://keystone:Ks-1@controller01/keystone"));
        ssh.ok(CONTROLLER, "mysql -e 'CREATE DATABASE keystone'");

        TwinClient.Result noGrant = ssh.exec(CONTROLLER, "keystone-manage db_sync");
        assertThat(noGrant.exit()).isEqualTo(1);
        assertThat(noGrant.err()).contains("Access denied for user 'keystone'@'controller01'");

        ssh.ok(CONTROLLER, "mysql -e \"GRANT ALL PRIVILEGES ON keystone.* TO 'keystone'@'%' IDENTIFIED BY 'Ks-1'\"");
        assertThat(ssh.exec(CONTROLLER, "keystone-manage db_sync").err())
                .as("the anonymous ''@'controller01' account is more specific than 'keystone'@'%'")
                .contains("Access denied for user 'keystone'@'controller01'");

        ssh.ok(CONTROLLER, "mysql -e \"GRANT ALL PRIVILEGES ON keystone.* TO 'keystone'@'controller01' IDENTIFIED BY 'wrong'\"");
        assertThat(ssh.exec(CONTROLLER, "keystone-manage db_sync").exit()).isEqualTo(1);

        ssh.ok(CONTROLLER, "mysql -e \"SET PASSWORD FOR 'keystone'@'controller01' = PASSWORD('Ks-1')\"");
        ssh.ok(CONTROLLER, "keystone-manage db_sync");

        ssh.ok(CONTROLLER, "mysql -e 'DROP DATABASE keystone'");
        assertThat(ssh.exec(CONTROLLER, "keystone-manage db_sync").err()).contains("Unknown database 'keystone'");
    }

    @Test
    void keystoneNeedsItsFernetKeysAndTheClientNeedsKeystoneAndTheRightPassword() {
        guide.hostsFile(CONTROLLER);
        ssh.ok(CONTROLLER, "yum install -y centos-release-openstack-pike python-openstackclient");
        guide.database();
        guide.keystone();
        assertThat(guide.admin("openstack token issue -f value -c user_id")).hasSize(33);

        ssh.ok(CONTROLLER, "rm -rf /etc/keystone/fernet-keys");
        assertThat(guide.adminExec("openstack token issue").err()).contains("(HTTP 500)");
        ssh.ok(CONTROLLER, "keystone-manage fernet_setup --keystone-user keystone --keystone-group keystone");
        assertThat(guide.adminExec("openstack token issue").exit()).isZero();

        assertThat(ssh.exec(CONTROLLER, ". admin_openrc && OS_PASSWORD=wrong openstack token issue").err())
                .contains("The request you have made requires authentication. (HTTP 401)");
        ssh.ok(CONTROLLER, "systemctl stop httpd");
        assertThat(guide.adminExec("openstack token issue").err()).contains("Unable to establish connection",
                "Connection refused");
    }

    @Test
    void keystoneWithoutADatabaseConnectionAnswers500() {
        guide.hostsFile(CONTROLLER);
        ssh.ok(CONTROLLER, "yum install -y centos-release-openstack-pike python-openstackclient");
        guide.database();
        guide.keystone();
        String conf = ssh.ok(CONTROLLER, "cat /etc/keystone/keystone.conf");
        guide.write(CONTROLLER, "/etc/keystone/keystone.conf", conf.replaceAll("(?m)^connection = .*$", ""));
        assertThat(guide.adminExec("openstack token issue").exit()).as("httpd runs with what it loaded").isZero();
        ssh.ok(CONTROLLER, "systemctl restart httpd");
        assertThat(guide.adminExec("openstack token issue").err()).contains("(HTTP 500)");
        assertThat(ssh.exec(CONTROLLER, "keystone-manage db_sync").exit()).isEqualTo(1);
    }

    @Test
    void createCellTwiceFailsAsInNova() {
        guide.controllerUpToNova(true);
        TwinClient.Result again = ssh.exec(CONTROLLER, "nova-manage cell_v2 create_cell --name=cell1 --verbose");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.out()).as("nova 16.1.8 create_cell prints it").isEqualTo("Cell with the specified transport_url "
                + "and database_connection combination already exists\n");
        assertThat(ssh.ok(CONTROLLER, "nova-manage cell_v2 list_cells").lines().filter(l -> l.contains("cell1")))
                .hasSize(1);
    }

    @Test
    void aComputeReportsOnlyWhenItsHostsFileNamesTheController() {
        guide.controllerUpToNova(true);
        guide.openControllerPorts();
        guide.write(COMPUTE, "/etc/hosts", "127.0.0.1   localhost\n");
        guide.novaCompute();
        assertThat(guide.admin("openstack compute service list")).doesNotContain(COMPUTE);

        guide.hostsFile(COMPUTE);
        assertThat(guide.admin("openstack compute service list -f value -c Host -c State")).contains("computer01 up");
    }

    @Test
    void discoverHostsMapsOnlyComputesThatRan() {
        guide.controllerUpToNova(true);
        guide.openControllerPorts();
        ssh.ok(COMPUTE, "yum install openstack-nova-compute -y");
        assertThat(guide.discoverHosts()).contains("Found 0 unmapped computes");
        guide.novaCompute();
        assertThat(guide.discoverHosts()).contains("Found 1 unmapped computes");
    }

    @Test
    void chronyOnAComputeSyncsToTheControllerOnlyWhenAllowedAndReachable() {
        guide.hostsFile(CONTROLLER);
        guide.hostsFile(COMPUTE);
        guide.timeSync(COMPUTE);
        assertThat(ssh.ok(COMPUTE, "chronyc sources")).contains("^? controller01");

        guide.timeSync(CONTROLLER);
        assertThat(ssh.ok(CONTROLLER, "chronyc sources")).contains("^* 0.centos.pool.ntp.org");
        assertThat(ssh.ok(COMPUTE, "chronyc sources")).as("firewalld drops NTP").contains("^? controller01");

        ssh.ok(CONTROLLER, "firewall-cmd --add-service=ntp");
        assertThat(ssh.ok(COMPUTE, "chronyc sources")).contains("210 Number of sources = 1", "^* controller01");

        String conf = ssh.ok(CONTROLLER, "cat /etc/chrony.conf");
        guide.write(CONTROLLER, "/etc/chrony.conf", conf.replace("allow 10.0.0.0/24", "allow 192.168.0.0/16"));
        ssh.ok(CONTROLLER, "systemctl restart chronyd");
        assertThat(ssh.ok(COMPUTE, "chronyc sources")).as("not in the allowed network").contains("^? controller01");
    }
}

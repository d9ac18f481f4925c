package io.pikeoperator.hostsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.pikeoperator.hostsim.GuideReplay.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Pike programs answer where the operator's guards read them (hostsim/FIDELITY.md has the source of each):
 * version commands on an unsynced database are not errors, and Keystone's user API takes a password off argv.
 */
class UpstreamAnswersIT {

    @TempDir
    Path dir;
    TwinFixture fixture;
    TwinClient ssh;
    GuideReplay guide;

    @BeforeEach
    void start() {
        fixture = TwinFixture.start(dir, TwinFixture.CONTROLLER_ONLY);
        ssh = fixture.ssh;
        guide = fixture.guide;
        guide.hostsFile(CONTROLLER);
        guide.openStackRepo(CONTROLLER);
        guide.database();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void keystoneDbVersionOnAnEmptyDatabasePrintsTheInitialVersionAndASyncStillWorks() {
        guide.createDatabase("keystone", "keystone", GuideReplay.KEYSTONE_DB);
        ssh.ok(CONTROLLER, "yum install openstack-keystone -y");
        guide.edit(CONTROLLER, "/etc/keystone/keystone.conf", List.of("database", "connection",
                "mysql+pymysql://keystone:" + GuideReplay.KEYSTONE_DB + "@controller01/keystone"));

        TwinClient.Result empty = ssh.exec(CONTROLLER, "su -s /bin/sh -c 'keystone-manage db_version' keystone");
        assertThat(empty.exit()).isZero();
        assertThat(empty.out()).isEqualTo("66\n");
        assertThat(ssh.ok(CONTROLLER, "keystone-manage db_version")).as("stamped, still the initial version").isEqualTo("66\n");

        ssh.ok(CONTROLLER, "su -s /bin/sh -c 'keystone-manage db_sync' keystone");
        assertThat(ssh.ok(CONTROLLER, "keystone-manage db_version")).isEqualTo("109\n");
    }

    @Test
    void glanceDbVersionBeforeASyncPrintsUpstreamsAdviceWithExitZero() {
        guide.createDatabase("glance", "glance", GuideReplay.GLANCE_DB);
        ssh.ok(CONTROLLER, "yum install openstack-glance -y");
        guide.edit(CONTROLLER, "/etc/glance/glance-api.conf", List.of("database", "connection",
                "mysql+pymysql://glance:" + GuideReplay.GLANCE_DB + "@controller01/glance"));

        TwinClient.Result before = ssh.exec(CONTROLLER, "su -s /bin/sh -c 'glance-manage db_version' glance");
        assertThat(before.exit()).isZero();
        assertThat(before.out()).isEqualTo("Database is either not under migration control or under legacy migration "
                + "control, please run \"glance-manage db sync\" to place the database under alembic migration control.\n");

        TwinClient.Result sync = ssh.exec(CONTROLLER, "su -s /bin/sh -c 'glance-manage db_sync' glance");
        assertThat(sync.exit()).isZero();
        assertThat(sync.out()).isEqualTo("Upgraded database to: pike01, current revision(s): pike01\n");
        assertThat(sync.err()).as("alembic.ini logs to sys.stderr")
                .contains("INFO  [alembic.runtime.migration] Running upgrade ocata01 -> pike01, drop glare artifacts tables");
        assertThat(ssh.ok(CONTROLLER, "glance-manage db_version")).isEqualTo("pike01\n");
    }

    @Test
    void novaVersionsOnEmptyDatabasesAreTheInitialVersions() {
        for (String db : List.of("nova_api", "nova")) {
            guide.createDatabase(db, "nova", GuideReplay.NOVA_DB);
        }
        ssh.ok(CONTROLLER, "yum install openstack-nova-api -y");
        guide.edit(CONTROLLER, "/etc/nova/nova.conf", List.of(
                "api_database", "connection", "mysql+pymysql://nova:" + GuideReplay.NOVA_DB + "@controller01/nova_api",
                "database", "connection", "mysql+pymysql://nova:" + GuideReplay.NOVA_DB + "@controller01/nova"));
        assertThat(ssh.ok(CONTROLLER, "su -s /bin/sh -c 'nova-manage api_db version' nova")).isEqualTo("0\n");
        assertThat(ssh.ok(CONTROLLER, "su -s /bin/sh -c 'nova-manage db version' nova")).isEqualTo("215\n");
        ssh.ok(CONTROLLER, "su -s /bin/sh -c 'nova-manage api_db sync' nova");
        assertThat(ssh.ok(CONTROLLER, "su -s /bin/sh -c 'nova-manage api_db version' nova")).isEqualTo("45\n");
    }

    @Test
    void keystoneUsersApiTakesThePasswordFromACurlConfigOnStdin() {
        guide.memcached();
        guide.keystone();
        String token = ssh.ok(CONTROLLER, ". admin_openrc && openstack token issue -f value -c id").strip();
        String hostile = "p'a \"s$w`o\\rd@/%#;x $HOME";
        String json = hostile.replace("\\", "\\\\").replace("\"", "\\\"");
        String body = "{\"user\": {\"name\": \"glance\", \"domain_id\": \"default\", \"password\": \"" + json + "\"}}";
        String config = "header = \"X-Auth-Token: " + token + "\"\nurl = \"http://controller01:35357/v3/users\"\n"
                + "request = \"POST\"\nheader = \"Content-Type: application/json\"\n"
                + "data = \"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";

        assertThat(ssh.exec(CONTROLLER, "curl -sS -f -K - -o /dev/null", config).exit()).isZero();
        TwinClient.Result again = ssh.exec(CONTROLLER, "curl -sS -f -K - -o /dev/null", config);
        assertThat(again.exit()).as("a duplicate name is a conflict").isEqualTo(22);
        assertThat(again.err()).contains("409");

        ssh.ok(CONTROLLER, ". admin_openrc && openstack role add --project service --user glance admin");
        String login = "OS_PASSWORD=\"$PW\" openstack --os-auth-url http://controller01:5000/v3 --os-project-domain-name Default"
                + " --os-user-domain-name Default --os-project-name service --os-username glance token issue -f value -c id";
        assertThat(ssh.exec(CONTROLLER, "read -r PW; " + login, hostile + "\n").exit()).isZero();

        String id = ssh.ok(CONTROLLER, ". admin_openrc && openstack user show -f value -c id glance").strip();
        String patch = "header = \"X-Auth-Token: " + token + "\"\nurl = \"http://controller01:35357/v3/users/" + id + "\"\n"
                + "request = \"PATCH\"\ndata = \"{\\\"user\\\": {\\\"password\\\": \\\"n3w\\\"}}\"\n";
        ssh.ok(CONTROLLER, "curl -sS -f -K - -o /dev/null", patch);
        assertThat(ssh.exec(CONTROLLER, "read -r PW; " + login, hostile + "\n").exit()).isNotZero();
        assertThat(ssh.exec(CONTROLLER, "read -r PW; " + login, "n3w\n").exit()).isZero();

        TwinClient.Result anonymous = ssh.exec(CONTROLLER, "curl -s -o /dev/null -w '%{http_code}' -X POST "
                + "-d '{\"user\": {\"name\": \"x\"}}' http://controller01:35357/v3/users");
        assertThat(anonymous.out()).isEqualTo("401");
        String demo = ssh.ok(CONTROLLER, ". demo_openrc && openstack token issue -f value -c id").strip();
        TwinClient.Result notAdmin = ssh.exec(CONTROLLER, "curl -s -o /dev/null -w '%{http_code}' -K -",
                "header = \"X-Auth-Token: " + demo + "\"\nurl = \"http://controller01:35357/v3/users\"\n"
                        + "data = \"{\\\"user\\\": {\\\"name\\\": \\\"x\\\"}}\"\n");
        assertThat(notAdmin.out()).isEqualTo("403");
    }
}

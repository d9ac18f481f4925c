package io.pikeoperator.cli;

import io.pikeoperator.hostsim.Faults;
import io.pikeoperator.hostsim.HostOptions;
import io.pikeoperator.hostsim.SimHost;
import io.pikeoperator.hostsim.model.Systemd;
import io.pikeoperator.ssh.SshConnections;
import io.pikeoperator.ssh.SshSettings;
import io.pikeoperator.ssh.SshTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-time and restart semantics that must survive interruption (issue 11, item 7): a restart lost with the
 * connection, one httpd restart for two changed files, an image left queued, a failed image list, a changed endpoint
 * URL. One converged twin, scenarios in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartSemanticsIT {

    static final List<HostOptions> HOSTS = List.of(
            HostOptions.parse("controller01=127.0.0.1:0,ip=10.0.0.11", 0),
            HostOptions.parse("computer01=127.0.0.1:0,cpu=vmx,ip=10.0.0.31", 1));
    static final String NOVA_CONF = "/etc/nova/nova.conf";
    static final String KEYSTONE_CONF = "/etc/keystone/keystone.conf";

    TwinLab lab;
    SimHost controller;
    SshConnections connections;

    @BeforeAll
    void start() throws Exception {
        lab = new TwinLab(Files.createTempDirectory("restart-it"), HOSTS, Map.of());
        controller = lab.twin.host("controller01");
        connections = new SshConnections(SshSettings.defaults());
    }

    @AfterAll
    void stop() {
        if (connections != null) {
            connections.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void converges() {
        TwinLab.Run apply = lab.apply();
        assertThat(apply.exit()).as(apply.out()).isZero();
    }

    /** The configuration the running unit loaded at its start. */
    private String loaded(String unit, String path) {
        lab.twin.world().lock().lock();
        try {
            return controller.model().state().units.get(unit).loaded.getOrDefault(path, "");
        } finally {
            lab.twin.world().lock().unlock();
        }
    }

    /** Someone edits a file and restarts the units behind the operator's back: they run with the drifted file. */
    private void driftAndRestart(String path, String from, String to, List<String> units) {
        controller.editFile(path, controller.file(path).orElseThrow().replace(from, to));
        lab.twin.world().lock().lock();
        try {
            for (String u : units) {
                assertThat(Systemd.restart(lab.twin.world(), controller.model(), u)).as(u).isEmpty();
            }
        } finally {
            lab.twin.world().lock().unlock();
        }
        units.forEach(u -> assertThat(loaded(u, path)).as(u).contains(to));
    }

    private List<String> commandsSince(int before) {
        return controller.commandLog().entries().subList(before, lab.execs("controller01")).stream()
                .map(e -> e.command()).toList();
    }

    @Test
    @Order(2)
    void aRestartLostWithTheConnectionHappensOnTheNextPass() {
        driftAndRestart(NOVA_CONF, "lock_path = /var/lib/nova/tmp", "lock_path = /tmp/elsewhere",
                List.of("openstack-nova-api", "openstack-nova-scheduler"));
        // the file is written, then the connection drops before the exit status: the restart is not reached
        controller.faults().arm(Faults.Kind.DROP, "mv -f \"\\$tmp\" '/etc/nova/nova\\.conf'", 1, 0, "");
        int before = lab.execs("controller01");
        TwinLab.Run first = lab.apply();
        assertThat(commandsSince(before)).as("the dropped write").anyMatch(c -> c.contains("'/etc/nova/nova.conf'")
                && c.contains("mv -f"));
        assertThat(controller.file(NOVA_CONF).orElseThrow()).contains("lock_path = /var/lib/nova/tmp");
        TwinLab.Run second = lab.apply();
        assertThat(second.exit()).as(first.out() + second.out()).isZero();
        for (String u : List.of("openstack-nova-api", "openstack-nova-scheduler")) {
            assertThat(loaded(u, NOVA_CONF)).as(u + " runs with the repaired nova.conf\n" + first.out() + second.out())
                    .contains("lock_path = /var/lib/nova/tmp").doesNotContain("/tmp/elsewhere");
        }
        int quiet = lab.execs("controller01");
        TwinLab.Run third = lab.apply();
        assertThat(third.exit()).as(third.out()).isZero();
        assertThat(lab.execs("controller01") - quiet).as("a converged controller costs one exec").isEqualTo(1);
    }

    @Test
    @Order(3)
    void keystoneConfAndNovaConfChangedInOnePassRestartHttpdOnce() {
        controller.editFile(KEYSTONE_CONF, controller.file(KEYSTONE_CONF).orElseThrow()
                .replace("provider = fernet", "provider = uuid"));
        controller.editFile(NOVA_CONF, controller.file(NOVA_CONF).orElseThrow()
                .replace("lock_path = /var/lib/nova/tmp", "lock_path = /tmp/elsewhere"));
        assertThat(controller.file(KEYSTONE_CONF).orElseThrow()).contains("provider = uuid");
        assertThat(controller.file(NOVA_CONF).orElseThrow()).contains("lock_path = /tmp/elsewhere");
        int before = lab.execs("controller01");
        TwinLab.Run apply = lab.apply();
        assertThat(apply.exit()).as(apply.out()).isZero();
        List<String> httpdRestarts = commandsSince(before).stream()
                .filter(c -> c.contains("systemctl restart") && c.contains("'httpd'")).toList();
        assertThat(httpdRestarts).as(apply.out()).hasSize(1);
        assertThat(loaded("httpd", KEYSTONE_CONF)).contains("provider = fernet");
        assertThat(loaded("httpd", NOVA_CONF)).contains("lock_path = /var/lib/nova/tmp");
        assertThat(loaded("openstack-nova-api", NOVA_CONF)).contains("lock_path = /var/lib/nova/tmp");
    }

    private String onController(String command) throws Exception {
        var shell = connections.shell(SshTarget.of("127.0.0.1", controller.port(), "root",
                Files.readString(lab.twin.knownHosts()), null, Files.readString(lab.key)));
        var r = shell.exec(command, new byte[0], null);
        assertThat(r.exitStatus()).as(command + "\n" + r.stdout() + r.stderr()).isZero();
        return r.stdout();
    }

    @Test
    @Order(4)
    void anImageLeftQueuedIsUploadedAgainAndAFailedListUploadsNothing() throws Exception {
        String name = "cirros-0.3.5";
        onController(". admin_openrc && openstack image delete " + name);
        // a terminal on stdin and no --file: the record only, as an upload cut short leaves it
        onController(". admin_openrc && script -qec 'openstack image create --disk-format qcow2 --container-format bare"
                + " --public " + name + "' /dev/null");
        assertThat(onController(". admin_openrc && openstack image list -f value -c Name -c Status"))
                .isEqualTo(name + " queued\n");
        TwinLab.Run apply = lab.apply();
        assertThat(apply.exit()).as(apply.out()).isZero();
        assertThat(onController(". admin_openrc && openstack image list -f value -c Name -c Status"))
                .as(apply.out()).isEqualTo(name + " active\n");

        // Glance cannot be asked (glance-api stopped): that is no reason to upload a second copy
        controller.stopService("openstack-glance-api");
        assertThat(onController(". admin_openrc && openstack image list -f value -c Name -c Status >/dev/null 2>&1;"
                + " echo exit=$?")).contains("exit=1");
        int before = lab.execs("controller01");
        TwinLab.Run broken = lab.plan();
        assertThat(broken.out()).contains("openstack image list failed").doesNotContain("not uploaded");
        assertThat(commandsSince(before)).noneMatch(c -> c.contains("openstack image create"));
        TwinLab.Run repaired = lab.apply();
        assertThat(repaired.exit()).as(repaired.out()).isZero();
        assertThat(onController(". admin_openrc && openstack image list -f value -c Name -c Status"))
                .isEqualTo(name + " active\n");
    }

    @Test
    @Order(5)
    void aChangedEndpointUrlIsUpdatedInPlace() throws Exception {
        String id = onController(". admin_openrc && openstack endpoint list --service image --interface internal -f value -c ID")
                .strip();
        onController(". admin_openrc && openstack endpoint set --url http://old-name:9292 " + id);
        TwinLab.Run apply = lab.apply();
        assertThat(onController(". admin_openrc && openstack endpoint list --service image -f value -c ID -c Interface -c URL")
                .lines().sorted().toList()).as(apply.out()).hasSize(3)
                .contains(id + " internal http://controller01:9292")
                .allMatch(l -> l.endsWith(" http://controller01:9292"));
        assertThat(apply.exit()).as(apply.out()).isZero();
    }
}

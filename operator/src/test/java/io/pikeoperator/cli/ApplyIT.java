package io.pikeoperator.cli;

import io.pikeoperator.hostsim.HostOptions;
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
 * {@code apply} from blank twin hosts to the guide's verification, then the cheap no-op, drift repair and
 * plan. The tests share one twin and run in order, as an operations engineer would use the command.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplyIT {

    /** Every character the issue lists: quotes, space, $, `, \, @, /, %, #, ; */
    static final String NASTY = "p'a \"s$w`o\\rd@/%#;x $HOME";
    static final String QUOTED = "\"wrapped in quotes\"";

    static final List<HostOptions> HOSTS = List.of(
            HostOptions.parse("controller01=127.0.0.1:0,ip=10.0.0.11", 0),
            HostOptions.parse("computer01=127.0.0.1:0,cpu=vmx,ip=10.0.0.31", 1),
            HostOptions.parse("computer02=127.0.0.1:0,cpu=none,ip=10.0.0.32", 2));

    TwinLab lab;
    Path dir;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("apply-it");
        lab = new TwinLab(dir, HOSTS, Map.of("admin", NASTY, "rabbitmq", NASTY, "nova-db", NASTY, "nova", QUOTED,
                "mariadb-root", NASTY, "keystone-db", NASTY, "placement", NASTY, "glance", "  spaced  "));
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void planOnBlankHostsChangesNothing() throws Exception {
        java.util.Map<String, String> before = new java.util.HashMap<>();
        for (HostOptions h : HOSTS) {
            before.put(h.name(), TwinLab.fileTree(lab.twin.host(h.name()).root()));
        }
        TwinLab.Run plan = lab.plan();
        assertThat(plan.exit()).as(plan.out()).isEqualTo(3);
        assertThat(plan.out()).contains("plan: changes pending");
        for (HostOptions h : HOSTS) {
            // one read-only look whether the host already has passwords (passwords are to be generated), one batch
            assertThat(lab.execs(h.name())).as(h.name()).isEqualTo(2);
        }
        for (HostOptions h : HOSTS) {
            assertThat(TwinLab.fileTree(lab.twin.host(h.name()).root())).as(h.name() + ": files, sizes, mtimes")
                    .isEqualTo(before.get(h.name()));
        }
        assertThat(PasswordsFile.beside(lab.manifest)).doesNotExist();
    }

    @Test
    @Order(2)
    void applyConvergesBlankHostsAndVerifies() throws Exception {
        // A connection dropped under a command: the engine reconnects, checks again and goes on.
        lab.twin.host("controller01").faults().arm(io.pikeoperator.hostsim.Faults.Kind.DROP, "openstack-glance", 1, 0, "");
        TwinLab.Run apply = lab.apply();
        System.out.println(apply.out());
        assertThat(apply.exit()).as(apply.out()).isZero();
        assertThat(apply.out()).contains("verification: passed", "converged");
        assertThat(apply.out()).containsPattern("controller01 +OpenStackRepo +reboot into the newest kernel +changed");
        assertThat(Files.getPosixFilePermissions(PasswordsFile.beside(lab.manifest)))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(lab.twin.host("computer01").file("/etc/nova/nova.conf").orElseThrow()).contains("virt_type = kvm");
        assertThat(lab.twin.host("computer02").file("/etc/nova/nova.conf").orElseThrow()).contains("virt_type = qemu");
        assertThat(lab.twin.host("controller01").commandLog().entries()).as("the dropped command")
                .anyMatch(e -> e.exit() == -1 && e.command().contains("openstack-glance"));
        assertGuideVerification();
    }

    @Test
    @Order(3)
    void secondApplyCostsOneExecPerHostAndChangesNothing() {
        Map<String, Integer> before = execCounts();
        TwinLab.Run apply = lab.apply();
        assertThat(apply.exit()).as(apply.out()).isZero();
        for (HostOptions h : HOSTS) {
            assertThat(lab.execs(h.name()) - before.get(h.name())).as(h.name() + " execs").isEqualTo(1);
        }
        assertThat(changedLines(apply.out())).isEmpty();
        assertThat(apply.out()).contains("verification: passed");

        before = execCounts();
        TwinLab.Run plan = lab.plan();
        assertThat(plan.exit()).as(plan.out()).isZero();
        assertThat(plan.out()).contains("plan: no changes");
        for (HostOptions h : HOSTS) {
            assertThat(lab.execs(h.name()) - before.get(h.name())).as(h.name() + " execs").isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void driftIsRepairedTouchingOnlyWhatDrifted() {
        var controller = lab.twin.host("controller01");
        var compute = lab.twin.host("computer01");
        controller.editFile("/etc/nova/nova.conf", controller.file("/etc/nova/nova.conf").orElseThrow()
                .replace("lock_path = /var/lib/nova/tmp", "lock_path = /tmp/elsewhere"));
        compute.editFile("/etc/hosts", compute.file("/etc/hosts").orElseThrow().replaceAll("(?m)^10\\.0\\.0\\.11 .*\n", ""));
        controller.stopService("memcached");
        int controllerBefore = lab.execs("controller01");
        int otherComputeBefore = lab.execs("computer02");

        TwinLab.Run apply = lab.apply();

        assertThat(apply.exit()).as(apply.out()).isZero();
        assertThat(changedLines(apply.out())).containsExactlyInAnyOrder(
                "controller01 Memcached running memcached",
                "controller01 NovaControlPlane /etc/nova/nova.conf",
                "controller01 Placement running httpd",
                "controller01 NovaControlPlane running openstack-nova-api openstack-nova-con…",
                "computer01 HostsFile /etc/hosts");
        assertThat(controller.file("/etc/nova/nova.conf").orElseThrow()).contains("lock_path = /var/lib/nova/tmp");
        assertThat(compute.file("/etc/hosts").orElseThrow()).containsPattern("(?m)^10\\.0\\.0\\.11 +controller01$");
        List<String> restarts = controller.commandLog().entries().subList(controllerBefore, lab.execs("controller01")).stream()
                .map(e -> e.command()).filter(c -> c.contains("systemctl restart") || c.contains("systemctl start")).toList();
        assertThat(String.join("\n", restarts)).contains("systemctl start 'memcached'", "systemctl restart 'httpd'",
                "'openstack-nova-api'").doesNotContain("'mariadb'", "'rabbitmq-server'", "'chronyd'");
        assertThat(lab.execs("computer02") - otherComputeBefore).isEqualTo(1);
    }

    @Test
    @Order(5)
    void secretsNeverAppearInCommandsOrOutputAndOneTimeActionsRanOnce() throws Exception {
        String logs = lab.commandLogs();
        String json = NASTY.replace("\\", "\\\\").replace("\"", "\\\"");
        assertThat(logs).doesNotContain(NASTY, json, "s$w`o", java.net.URLEncoder.encode(NASTY, "UTF-8"),
                "wrapped in quotes", "  spaced  ");
        assertThat(logs).as("osc-lib reads no password without a terminal").doesNotContain("--password-prompt");
        String argv = lab.argvLogs();
        assertThat(argv).as("the argv of every modelled command").contains("\"curl\"", "\"openstack\"", "\"mysql\"",
                "\"rabbitmqctl\"", "\"keystone-manage\"");
        assertThat(argv).doesNotContain(NASTY, json, "s$w`o", java.net.URLEncoder.encode(NASTY, "UTF-8"),
                "wrapped in quotes", "  spaced  ", "--password-prompt");
        var generated = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(PasswordsFile.beside(lab.manifest).toFile()).path("stringData");
        for (String key : List.of("demo", "glance-db")) {
            String value = generated.path(key).asText();
            assertThat(value).hasSize(32);
            assertThat(logs).doesNotContain(value);
        }
        TwinLab.Run again = lab.apply();
        assertThat(again.out()).doesNotContain(NASTY, "s$w`o", "wrapped in quotes");
        String all = lab.commandLogs();
        for (String once : List.of("keystone-manage bootstrap", "keystone-manage db_sync", "glance-manage db_sync",
                "nova-manage api_db sync", "nova-manage cell_v2 map_cell0", "create_cell --name=cell1",
                "nova-manage db sync", "openstack image create", "fernet_setup", "credential_setup")) {
            assertThat(all.lines().filter(l -> l.contains(once)).count()).as(once).isEqualTo(1);
        }
    }

    private Map<String, Integer> execCounts() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        HOSTS.forEach(h -> counts.put(h.name(), lab.execs(h.name())));
        return counts;
    }

    /** "host service step" of every step the output reports as changed. */
    static List<String> changedLines(String out) {
        return out.lines().filter(l -> l.matches("^\\S+ +\\S+ +.+ +changed +[0-9.]+s.*$"))
                .map(l -> l.replaceFirst(" +changed +[0-9.]+s.*$", "").replaceAll(" +", " ")).toList();
    }

    /** The install guide's own checks, run over SSH as the guide's reader would, independent of the operator's verdict. */
    private void assertGuideVerification() throws Exception {
        try (io.pikeoperator.ssh.SshConnections c = new io.pikeoperator.ssh.SshConnections(io.pikeoperator.ssh.SshSettings.defaults())) {
            var shell = c.shell(io.pikeoperator.ssh.SshTarget.of("127.0.0.1", lab.twin.host("controller01").port(), "root",
                    Files.readString(lab.twin.knownHosts()), null, Files.readString(lab.key)));
            String services = shell.exec(". admin_openrc && openstack compute service list -f value -c Binary -c Host -c State",
                    new byte[0], null).stdout();
            assertThat(services).contains("nova-compute computer01 up", "nova-compute computer02 up");
            assertThat(shell.exec(". admin_openrc && openstack image list -f value -c Name -c Status", new byte[0], null)
                    .stdout()).contains("cirros-0.3.5 active");
            var check = shell.exec("nova-status upgrade check", new byte[0], null);
            assertThat(check.exitStatus()).isZero();
            assertThat(check.stdout().split("Result: Success", -1)).hasSize(4);
            assertThat(shell.exec("mysql -N -e 'SELECT host FROM nova_api.host_mappings'", new byte[0], null).stdout())
                    .contains("computer01", "computer02");
        }
    }
}

package io.pikeoperator.hostsim;

import io.pikeoperator.hostsim.model.HostState;
import io.pikeoperator.hostsim.model.Keystone;
import io.pikeoperator.hostsim.model.KeystoneData;
import io.pikeoperator.hostsim.model.NovaApiData;
import io.pikeoperator.hostsim.model.NovaCellData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Function;

import static io.pikeoperator.hostsim.GuideReplay.COMPUTE;
import static io.pikeoperator.hostsim.GuideReplay.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * keystone-manage bootstrap, nova-manage, nova-status and the openstack client as keystone 12.0.3, nova 16.1.8 and
 * cliff 2.8.3 behave (hostsim/FIDELITY.md names the upstream function of each). State the commands cannot show
 * (host mappings, resource providers) is read from the model.
 */
class PikeNovaKeystoneIT {

    static final String CELL0 = "00000000-0000-0000-0000-000000000000";

    @TempDir
    Path dir;
    TwinFixture fixture;
    TwinClient ssh;
    GuideReplay guide;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private <T> T model(Function<HostState.MariaDbState, T> f) {
        fixture.twin.world().lock().lock();
        try {
            return f.apply(fixture.twin.host(CONTROLLER).model().state().mariadb);
        } finally {
            fixture.twin.world().lock().unlock();
        }
    }

    private <T> T api(Function<NovaApiData, T> f) {
        return model(m -> f.apply(m.databases.get("nova_api").novaApi));
    }

    private <T> T keystone(Function<KeystoneData, T> f) {
        return model(m -> f.apply(m.databases.get("keystone").keystone));
    }

    private static final String BOOTSTRAP = "keystone-manage bootstrap --bootstrap-admin-url http://controller01:35357/v3/"
            + " --bootstrap-internal-url http://controller01:5000/v3/ --bootstrap-public-url http://controller01:5000/v3/"
            + " --bootstrap-region-id RegionOne";

    /** A controller-only twin, replayed up to a working Keystone. */
    private void controllerWithKeystone() {
        fixture = TwinFixture.start(dir, TwinFixture.CONTROLLER_ONLY);
        ssh = fixture.ssh;
        guide = fixture.guide;
        guide.controllerUpToKeystone();
    }

    @Test
    void bootstrapAgainRepairsTheAdminAndTheEnvironmentWinsOverFlags() {
        controllerWithKeystone();
        assertThat(guide.admin("openstack role list -f value -c ID -c Name"))
                .contains(Keystone.MEMBER_ROLE_ID + " _member_", " admin");

        keystone(k -> {
            KeystoneData.Entity admin = Keystone.byName(k.users, "admin", "default").orElseThrow();
            Keystone.setPassword(admin, "lost");
            admin.enabled = false;
            return null;
        });
        assertThat(guide.adminExec("openstack token issue").exit()).isEqualTo(1);

        TwinClient.Result none = ssh.exec(CONTROLLER, "OS_BOOTSTRAP_PASSWORD= " + BOOTSTRAP);
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.out()).isEqualTo("Either --bootstrap-password argument or OS_BOOTSTRAP_PASSWORD must be set.\n");

        TwinClient.Result repaired = ssh.exec(CONTROLLER, "OS_BOOTSTRAP_PASSWORD='" + GuideReplay.ADMIN + "' "
                + BOOTSTRAP + " --bootstrap-password not-this-one");
        assertThat(repaired.exit()).isZero();
        assertThat(guide.adminExec("openstack token issue -f value -c id").exit())
                .as("the variable's password was set and the user enabled").isZero();
        assertThat(this.<Integer>keystone(k -> k.endpoints.size())).as("existing endpoints are kept, none added").isEqualTo(3);

        keystone(k -> Keystone.byName(k.users, "admin", "default").orElseThrow().enabled = false);
        TwinClient.Result disabled = ssh.exec(CONTROLLER, BOOTSTRAP + " --bootstrap-password '" + GuideReplay.ADMIN + "'");
        assertThat(disabled.exit()).as("the right password on a disabled user: UserDisabled is not caught").isEqualTo(1);
        assertThat(disabled.err()).contains("UserDisabled: The account is disabled for user: ");
    }

    @Test
    void novaManageAndNovaStatusAnswerAsNova16() {
        fixture = TwinFixture.start(dir, TwinFixture.GUIDE_HOSTS);
        ssh = fixture.ssh;
        guide = fixture.guide;
        guide.controllerUpToNova(true);
        guide.openControllerPorts();
        guide.novaCompute();
        assertThat(guide.discoverHosts()).contains("Creating host mapping for compute host 'computer01'");
        String cell1 = api(a -> a.hostMappings.get(COMPUTE));
        assertThat(cell1).isNotNull().isNotEqualTo(CELL0);

        // list_hosts came in nova 17.0.0: argparse refuses the choice
        TwinClient.Result listHosts = ssh.exec(CONTROLLER, "nova-manage cell_v2 list_hosts");
        assertThat(listHosts.exit()).isEqualTo(2);
        assertThat(listHosts.out()).isEmpty();
        assertThat(listHosts.err()).startsWith("usage: nova-manage cell_v2 [-h]\n").endsWith(
                "nova-manage cell_v2: error: argument action: invalid choice: 'list_hosts' (choose from 'create_cell', "
                        + "'delete_cell', 'delete_host', 'discover_hosts', 'list_cells', 'map_cell0', 'map_cell_and_hosts', "
                        + "'map_instances', 'simple_cell_setup', 'update_cell', 'verify_instance')\n");

        assertThat(ssh.ok(CONTROLLER, "nova-manage cell_v2 list_cells")).as("PrettyTable centres")
                .contains("|  Name |                 UUID                 |", "|    mysql+pymysql://nova:****@controller01/nova    |");
        TwinClient.Result again = ssh.exec(CONTROLLER, "nova-manage cell_v2 create_cell --name=cell1");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.out()).isEqualTo("Cell with the specified transport_url and database_connection combination "
                + "already exists\n");

        // delete_host: errors on stdout with nova's exit codes
        TwinClient.Result noCell = ssh.exec(CONTROLLER, "nova-manage cell_v2 delete_host --cell_uuid nope --host " + COMPUTE);
        assertThat(noCell.exit()).isEqualTo(1);
        assertThat(noCell.out()).isEqualTo("Cell with uuid nope was not found.\n");
        TwinClient.Result noHost = ssh.exec(CONTROLLER, "nova-manage cell_v2 delete_host --cell_uuid " + cell1 + " --host x");
        assertThat(noHost.exit()).isEqualTo(2);
        assertThat(noHost.out()).isEqualTo("The host x was not found.\n");
        TwinClient.Result otherCell = ssh.exec(CONTROLLER, "nova-manage cell_v2 delete_host --cell_uuid " + CELL0
                + " --host " + COMPUTE);
        assertThat(otherCell.exit()).isEqualTo(3);
        assertThat(otherCell.out()).isEqualTo("The host " + COMPUTE + " was not found in the cell " + CELL0 + ".\n");
        TwinClient.Result missing = ssh.exec(CONTROLLER, "nova-manage cell_v2 delete_host --host " + COMPUTE);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).endsWith("error: argument --cell_uuid is required\n");

        // compute nodes do not block: they are unmapped and the mapping goes
        ssh.ok(CONTROLLER, "nova-manage cell_v2 delete_host --cell_uuid " + cell1 + " --host " + COMPUTE);
        assertThat(this.<Boolean>api(a -> a.hostMappings.containsKey(COMPUTE))).isFalse();
        assertThat(this.<Boolean>model(m -> m.databases.get("nova").novaCell.computeNodes.stream()
                .filter(n -> !n.deleted && n.host.equals(COMPUTE)).noneMatch(n -> n.mapped))).isTrue();
        assertThat(guide.discoverHosts()).contains("Creating host mapping for compute host 'computer01'");

        // nova-status counts providers in nova_api by SQL, independent of the placement HTTP check
        ssh.ok(COMPUTE, "systemctl stop openstack-nova-compute");
        String node = model(m -> m.databases.get("nova").novaCell.computeNodes.stream()
                .filter(n -> !n.deleted && n.host.equals(COMPUTE)).findFirst().orElseThrow().uuid);
        assertThat(this.<Boolean>api(a -> a.resourceProviders.containsKey(node))).isTrue();
        NovaApiData.ResourceProvider rp = api(a -> a.resourceProviders.remove(node));
        TwinClient.Result warning = ssh.exec(CONTROLLER, "nova-status upgrade check");
        assertThat(warning.exit()).isEqualTo(1);
        assertThat(warning.out()).as("details wrapped at 60 as textwrap does").contains(
                "| Details: There are no compute resource providers in the Placement ",
                "\n|   service but there are 1 compute nodes in the deployment. ");
        api(a -> a.resourceProviders.put(node, rp));

        // compute service delete (nova 16.1.5+): the provider and the host mapping go with the service
        String id = guide.admin("openstack compute service list --service nova-compute -f value -c ID").strip();
        guide.admin("openstack compute service delete " + id);
        assertThat(this.<Boolean>api(a -> a.resourceProviders.containsKey(node))).isFalse();
        assertThat(this.<Boolean>api(a -> a.hostMappings.containsKey(COMPUTE))).isFalse();
        assertThat(this.<Boolean>model(m -> m.databases.get("nova").novaCell.computeNodes.stream()
                .filter(n -> n.host.equals(COMPUTE)).allMatch(n -> n.deleted))).isTrue();
        TwinClient.Result gone = ssh.exec(CONTROLLER, "nova-manage cell_v2 delete_host --cell_uuid " + cell1
                + " --host " + COMPUTE);
        assertThat(gone.exit()).isEqualTo(2);
        assertThat(gone.out()).isEqualTo("The host " + COMPUTE + " was not found.\n");
        api(a -> a.hostMappings.put(COMPUTE, cell1));
        TwinClient.Result noNodes = ssh.exec(CONTROLLER, "nova-manage cell_v2 delete_host --cell_uuid " + cell1
                + " --host " + COMPUTE);
        assertThat(noNodes.exit()).as("16.1.x does not catch ComputeHostNotFound").isEqualTo(1);
        assertThat(noNodes.out()).startsWith("An error has occurred:\nTraceback (most recent call last):\n")
                .contains("ComputeHostNotFound: Compute host " + COMPUTE + " could not be found.");
        assertThat(this.<Boolean>api(a -> a.hostMappings.containsKey(COMPUTE))).isTrue();
        api(a -> a.hostMappings.remove(COMPUTE));

        // placement answering 403: not a check failure but an uncaught Forbidden
        ssh.ok(CONTROLLER, "cp /etc/httpd/conf.d/00-nova-placement-api.conf /root/placement.conf");
        String conf = ssh.ok(CONTROLLER, "cat /etc/httpd/conf.d/00-nova-placement-api.conf");
        guide.write(CONTROLLER, "/etc/httpd/conf.d/00-nova-placement-api.conf",
                conf.replaceAll("(?s)<Directory /usr/bin>.*?</Directory>", ""));
        ssh.ok(CONTROLLER, "systemctl restart httpd");
        TwinClient.Result forbidden = ssh.exec(CONTROLLER, "nova-status upgrade check");
        assertThat(forbidden.exit()).isEqualTo(255);
        assertThat(forbidden.out()).startsWith("Error:\nTraceback (most recent call last):\n")
                .contains("Forbidden: Forbidden (HTTP 403)").doesNotContain("Upgrade Check Results");
        ssh.ok(CONTROLLER, "cp /root/placement.conf /etc/httpd/conf.d/00-nova-placement-api.conf && systemctl restart httpd");
        assertThat(ssh.exec(CONTROLLER, "nova-status upgrade check").exit()).isZero();

        // cell mappings: fewer than two; db sync without cell0
        NovaApiData.CellMapping cell0 = api(a -> a.cells.stream().filter(c -> c.uuid.equals(CELL0)).findFirst().orElseThrow());
        api(a -> a.cells.remove(cell0));
        TwinClient.Result one = ssh.exec(CONTROLLER, "nova-status upgrade check");
        assertThat(one.exit()).isEqualTo(2);
        assertThat(one.out()).contains("| Details: There needs to be at least two cell mappings, one for cell0 ",
                "\n|   and one for your first cell. Run command 'nova-manage ");
        TwinClient.Result noMapping = ssh.exec(CONTROLLER, "su -s /bin/sh -c 'nova-manage db sync' nova");
        assertThat(noMapping.exit()).isZero();
        assertThat(noMapping.out()).isEqualTo("WARNING: cell0 mapping not found - not syncing cell0.\n");
        api(a -> {
            a.cells.add(0, cell0);
            return null;
        });
        guide.sql("DROP DATABASE nova_cell0;");
        TwinClient.Result noCell0 = ssh.exec(CONTROLLER, "su -s /bin/sh -c 'nova-manage db sync' nova");
        assertThat(noCell0.exit()).as("the main database is still synced").isZero();
        assertThat(noCell0.out()).startsWith("ERROR: Could not access cell0.\nHas the nova_api database been created?\n")
                .contains("\nError: (pymysql.err.").contains("Unknown database 'nova_cell0'");
    }

    @Test
    void openstackColumnsAndCatalogAsCliffAndKeystone() {
        controllerWithKeystone();

        TwinClient.Result unknown = guide.adminExec("openstack service list -f value -c Nope -c \"It's\"");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).isEqualTo("No recognized column names in [u'Nope', u\"It's\"]\n");
        assertThat(guide.admin("openstack service list -f value -c Nope -c Type")).isEqualTo("identity\n");

        guide.admin("openstack service create --name glance image");
        assertThat(guide.admin("openstack catalog list -f value -c Type")).contains("identity", "image");
        keystone(k -> k.services.values().stream().filter(s -> s.type.equals("image")).findFirst().orElseThrow()
                .enabled = false);
        assertThat(guide.admin("openstack catalog list -f value -c Type")).isEqualTo("identity\n");
    }

    @Test
    void endpointSetChangesAnEndpointInPlaceAndImagesCanBeLeftQueuedAndDeleted() {
        controllerWithKeystone();
        guide.glance();

        // glanceclient 2.8.0 get_data_file: no --file and a terminal on stdin = no data; the image stays queued
        TwinClient.Result queued = ssh.exec(CONTROLLER, ". admin_openrc && script -qec "
                + "'openstack image create --disk-format qcow2 --container-format bare --public leftover' /dev/null", "");
        assertThat(queued.exit()).as(queued.all()).isZero();
        assertThat(guide.admin("openstack image list -f value -c Name -c Status"))
                .isEqualTo("cirros-0.3.5 active\nleftover queued\n");
        assertThat(guide.adminExec("openstack image delete leftover").exit()).isZero();
        assertThat(guide.admin("openstack image list -f value -c Name -c Status")).isEqualTo("cirros-0.3.5 active\n");
        TwinClient.Result gone = guide.adminExec("openstack image delete leftover");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("Failed to delete image with name or ID 'leftover'", "Failed to delete 1 of 1 images.");
        // python-openstackclient 3.12.2 identity/v3/endpoint.py SetEndpoint: by ID, only the options given, no output
        String id = guide.admin("openstack endpoint list --service image --interface public -f value -c ID").strip();
        assertThat(guide.adminExec("openstack endpoint set --url http://elsewhere:9292 " + id).out()).isEmpty();
        assertThat(guide.admin("openstack endpoint list --service image -f value -c Interface -c URL").lines().sorted())
                .containsExactly("admin http://controller01:9292", "internal http://controller01:9292",
                        "public http://elsewhere:9292");
        TwinClient.Result missing = guide.adminExec("openstack endpoint set --url http://x:1 nope");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("No endpoint with a name or ID of 'nope' exists.");

        // the client now finds Glance where the catalog says
        assertThat(guide.adminExec("openstack image list").err()).contains("Could not resolve host: elsewhere");
    }
}

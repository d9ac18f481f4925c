package io.pikeoperator.plan.nova;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.engine.ManagedFile;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.plan.infra.HttpdConf;
import io.pikeoperator.plan.infra.InfraSteps;
import io.pikeoperator.plan.keystone.Identity;
import io.pikeoperator.plan.step.FileStep;
import io.pikeoperator.plan.step.FirewallStep;
import io.pikeoperator.plan.step.GuardedStep;
import io.pikeoperator.plan.step.PackagesStep;
import io.pikeoperator.plan.step.SchemaSync;
import io.pikeoperator.plan.step.ServiceStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Nova's control plane and Placement on the controller, with cells v2. */
public final class NovaSteps {

    private static final String NOVA = ConditionTypes.NOVA_CONTROL_PLANE;
    private static final String PL = ConditionTypes.PLACEMENT;
    static final List<String> UNITS = List.of("openstack-nova-api", "openstack-nova-consoleauth",
            "openstack-nova-scheduler", "openstack-nova-conductor", "openstack-nova-novncproxy");
    public static final Probe CELLS = Probe.of(asNova("nova-manage cell_v2 list_cells"));

    private NovaSteps() {
    }

    public static String asNova(String command) {
        return "su -s /bin/sh -c " + io.pikeoperator.engine.Shell.quote(command) + " nova";
    }

    public static List<Step> of(Cluster cluster) {
        String ctrl = cluster.controllerName();
        List<Step> steps = new ArrayList<>();
        steps.add(InfraSteps.databaseFor(cluster, NOVA, List.of("nova_api", "nova", "nova_cell0"), "nova", Passwords.NOVA_DB));
        steps.add(Identity.user(cluster, NOVA, "nova", Passwords.NOVA, "service", "admin"));
        steps.add(Identity.serviceWithEndpoints(cluster, NOVA, "nova", "compute", "OpenStack Compute",
                "http://" + ctrl + ":8774/v2.1"));
        steps.add(Identity.user(cluster, PL, "placement", Passwords.PLACEMENT, "service", "admin"));
        steps.add(Identity.serviceWithEndpoints(cluster, PL, "placement", "placement", "Placement API",
                "http://" + ctrl + ":8778"));
        steps.add(new PackagesStep(NOVA, List.of("openstack-nova-api", "openstack-nova-conductor", "openstack-nova-console",
                "openstack-nova-novncproxy", "openstack-nova-scheduler", "openstack-nova-placement-api")));
        List<String> readers = new ArrayList<>(UNITS);
        readers.add("httpd"); // the placement API runs in httpd and reads nova.conf too
        steps.add(new FileStep(NOVA, new ManagedFile("/etc/nova/nova.conf", "root", "nova", 0640),
                (text, ctx) -> NovaConf.controller(text, cluster), readers));
        steps.add(new FileStep(PL, ManagedFile.root("/etc/httpd/conf.d/00-nova-placement-api.conf", 0644),
                (text, ctx) -> HttpdConf.placementAccess(text), List.of("httpd")));
        if (cluster.manageFirewall()) {
            steps.add(new FirewallStep(PL, List.of("8778/tcp"), List.of()));
        }
        steps.add(new ServiceStep(PL, List.of("httpd")));
        Probe root = Probe.of("curl -s --max-time 30 -o /dev/null -w '%{http_code}' http://" + ctrl + ":8778/");
        steps.add(GuardedStep.check(PL, "placement API answers", List.of(root), (seen, ctx) -> {
            String code = seen.get(root).output().strip();
            // Pike's placement app sits behind keystonemiddleware, root included: 401 without a token is the app
            // answering; httpd's 403 means the <Directory /usr/bin> fix is missing (hostsim/FIDELITY.md)
            return code.equals("401") || code.equals("200") ? null
                    : "GET http://" + ctrl + ":8778/ answers " + (code.isEmpty() ? "nothing" : code);
        }, "PlacementUnavailable", Duration.ofSeconds(30)));
        steps.add(schema("nova-manage api_db sync", "api_db version", 0));
        steps.add(cell("map_cell0", "cell0", "nova-manage cell_v2 map_cell0"));
        steps.add(cell("create_cell cell1", "cell1", "nova-manage cell_v2 create_cell --name=cell1 --verbose"));
        steps.add(CellMappings.step(cluster));
        steps.add(schema("nova-manage db sync", "db version", 215));
        if (cluster.manageFirewall()) {
            steps.add(new FirewallStep(NOVA, List.of("8774/tcp", "6080/tcp"), List.of()));
        }
        steps.add(new ServiceStep(NOVA, UNITS));
        return steps;
    }

    /** A schema sync, guarded by the schema's version (nova's INIT_VERSION is printed for an empty database). */
    private static Step schema(String sync, String versionCommand, int initial) {
        return SchemaSync.step(NOVA, sync, asNova("nova-manage " + versionCommand), SchemaSync.versionAbove(initial),
                "the schema is not synced", asNova(sync));
    }

    /** A cell mapping, created only while list_cells does not show it (create_cell twice would fail). */
    private static Step cell(String name, String cell, String command) {
        return GuardedStep.action(NOVA, name, List.of(CELLS), (seen, ctx) -> hasCell(seen.get(CELLS).lines(), cell) ? null
                : cell + " not mapped", (seen, ctx) -> Script.of(asNova(command)), "CommandFailed");
    }

    public static boolean hasCell(List<String> lines, String cell) {
        return column(lines, 0).contains(cell);
    }

    /** A column of a table printed by nova-manage (| a | b |), header included. */
    static List<String> column(List<String> lines, int index) {
        return lines.stream().filter(l -> l.startsWith("|")).map(l -> l.split("\\|"))
                .filter(f -> f.length > index + 1).map(f -> f[index + 1].strip()).toList();
    }
}

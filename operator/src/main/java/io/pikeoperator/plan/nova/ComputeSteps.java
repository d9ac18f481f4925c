package io.pikeoperator.plan.nova;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.engine.ManagedFile;
import io.pikeoperator.engine.Observation;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.NodeInfo;
import io.pikeoperator.plan.keystone.Identity;
import io.pikeoperator.plan.step.FileStep;
import io.pikeoperator.plan.step.GuardedStep;
import io.pikeoperator.plan.step.PackagesStep;
import io.pikeoperator.plan.step.ServiceStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** nova-compute on a compute node, and what the controller does for it: see it up, map it into cell1. */
public final class ComputeSteps {

    private static final String NC = ConditionTypes.NOVA_COMPUTE;

    private ComputeSteps() {
    }

    public static List<Step> onCompute(Cluster cluster, NodeInfo node) {
        List<Step> steps = new ArrayList<>();
        steps.add(new PackagesStep(NC, List.of("openstack-nova-compute")));
        steps.add(new FileStep(NC, new ManagedFile("/etc/nova/nova.conf", "root", "nova", 0640), (text, ctx) ->
                NovaConf.compute(text, cluster, node, ctx.decisions().virtType()),
                List.of("openstack-nova-compute")));
        steps.add(new ServiceStep(NC, List.of("libvirtd", "openstack-nova-compute")));
        return steps;
    }

    /** nova-compute stopped and disabled (a compute being removed). */
    public static Step stopped() {
        Probe active = Probe.of("systemctl is-active openstack-nova-compute; systemctl is-enabled openstack-nova-compute");
        return GuardedStep.action(NC, "nova-compute stopped", List.of(active), (seen, ctx) ->
                        seen.get(active).lines().stream().anyMatch(l -> l.equals("active") || l.equals("enabled"))
                                ? "nova-compute still running or enabled" : null,
                (seen, ctx) -> Script.of("systemctl disable openstack-nova-compute && systemctl stop openstack-nova-compute"),
                "DecommissionFailed");
    }

    public static final Probe SERVICES = Probe.of(Identity.AS_ADMIN
            + "openstack compute service list -f value -c Binary -c Host -c Status -c State");
    /**
     * Host mappings, "host TAB cell uuid" per line. Pike's nova-manage cannot list them (cell_v2 list_hosts came in
     * Queens), so MariaDB's root (/root/.my.cnf) reads nova_api, where discover_hosts writes them.
     */
    static final Probe HOSTS = Probe.of("mysql -N -e 'SELECT host_mappings.host, cell_mappings.uuid FROM "
            + "nova_api.host_mappings JOIN nova_api.cell_mappings ON host_mappings.cell_id = cell_mappings.id'");

    /** The cell a host is mapped to, by the {@link #HOSTS} answer; null when it is not mapped. */
    static String mappedCell(Observation hosts, String host) {
        if (!hosts.ok()) {
            return null;
        }
        return hosts.lines().stream().map(l -> l.split("\t")).filter(f -> f.length == 2 && f[0].equals(host))
                .map(f -> f[1]).findFirst().orElse(null);
    }

    /** On the controller: the compute's nova-compute reports up, then discover_hosts maps it into cell1. */
    public static List<Step> onController(NodeInfo node) {
        String host = node.hostname();
        Step up = GuardedStep.check(NC, "nova-compute on " + host + " up", List.of(SERVICES), (seen, ctx) ->
                seen.get(SERVICES).lines().contains("nova-compute " + host + " enabled up") ? null
                        : "nova-compute on " + host + " is not reported up", "ComputeServiceDown", Duration.ofSeconds(90));
        Step discover = GuardedStep.action(ConditionTypes.CELL_DISCOVERY, "discover " + host, List.of(HOSTS), (seen, ctx) ->
                        mappedCell(seen.get(HOSTS), host) != null ? null : host + " not mapped into a cell",
                (seen, ctx) -> Script.of(NovaSteps.asNova("nova-manage cell_v2 discover_hosts --verbose")), "CellDiscoveryFailed");
        return List.of(up, discover);
    }
}

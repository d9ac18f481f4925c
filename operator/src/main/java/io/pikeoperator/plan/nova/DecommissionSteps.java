package io.pikeoperator.plan.nova;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Shell;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.keystone.Identity;
import io.pikeoperator.plan.step.GuardedStep;

import java.util.List;

/**
 * Removing a compute from Nova, on the controller: its recorded nova-compute service (host and service ID, see
 * {@link NovaService}) disabled and deleted (which removes
 * its compute node record), its cell host mapping and its resource provider in Placement removed. Pike's Nova
 * leaves the resource provider behind, so it is deleted through the Placement API with the admin's token, which
 * curl reads from stdin (-K -), not from its command line.
 */
public final class DecommissionSteps {

    private DecommissionSteps() {
    }

    public static List<Step> of(Cluster cluster, NovaService registered) {
        String host = registered.host();
        String h = Shell.quote(host);
        String id = registered.id();
        Probe service = Probe.of(Identity.AS_ADMIN + "openstack compute service list --service nova-compute --host " + h
                + " -f value -c ID -c Host");
        // the recorded service only: another service that took the same host name later is not this node's to delete
        Step deleteService = GuardedStep.action(ConditionTypes.NOVA_COMPUTE, "delete nova-compute " + id + " of " + host,
                List.of(service), (seen, ctx) -> {
                    if (!seen.get(service).ok()) {
                        return "the compute services could not be listed";
                    }
                    return seen.get(service).lines().contains(id + " " + host) ? "nova-compute " + id + " of " + host
                            + " still registered" : null;
                },
                (seen, ctx) -> Script.of("set -e\n" + Identity.AS_ADMIN + "openstack compute service set --disable " + h
                        + " nova-compute\nopenstack compute service delete " + Shell.quote(id)), "DecommissionFailed");
        Probe mapped = ComputeSteps.HOSTS;
        Step unmap = GuardedStep.action(ConditionTypes.CELL_DISCOVERY, "unmap " + host, List.of(mapped), (seen, ctx) -> {
            if (!seen.get(mapped).ok()) {
                return "host mappings could not be read";
            }
            return ComputeSteps.mappedCell(seen.get(mapped), host) != null ? host + " still mapped to a cell" : null;
        }, (seen, ctx) -> Script.of(NovaSteps.asNova("nova-manage cell_v2 delete_host --cell_uuid "
                + Shell.quote(ComputeSteps.mappedCell(seen.get(mapped), host)) + " --host " + h)), "DecommissionFailed");
        String rpUrl = "http://" + cluster.controllerName() + ":8778/resource_providers";
        String withToken = Identity.AS_ADMIN + "t=$(openstack token issue -f value -c id) && printf 'header = \"X-Auth-Token: %s\"\\n' \"$t\" | ";
        Probe provider = Probe.of(withToken + "curl -sf --max-time 30 -K - " + Shell.quote(rpUrl + "?name=" + host));
        Step deleteProvider = GuardedStep.action(ConditionTypes.NOVA_COMPUTE, "delete resource provider of " + host,
                List.of(provider), (seen, ctx) -> seen.get(provider).ok() && !seen.get(provider).output().contains("\"uuid\"")
                        ? null : "resource provider of " + host + " still in placement",
                (seen, ctx) -> Script.of("set -e\n" + withToken + "curl -sf --max-time 30 -K - " + Shell.quote(rpUrl + "?name=" + host)
                        + " | grep -o '\"uuid\": *\"[^\"]*\"' | sed 's/.*\"\\([^\"]*\\)\"$/\\1/' | while read -r uuid; do\n"
                        + "  " + withToken + "curl -sf --max-time 30 -X DELETE -K - " + Shell.quote(rpUrl + "/") + "\"$uuid\"\ndone"),
                "DecommissionFailed");
        return List.of(deleteService, unmap, deleteProvider);
    }
}

package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The seed's install as host plans. The controller's plan ends with what it does for the computes (see each up,
 * discover it into cell1) and the seed's verification; those services are held while the computes converge.
 */
public final class SeedPlan {

    /** Controller services that wait for the computes: run them after the computes' plans. */
    public static final Set<String> AFTER_COMPUTES = Set.of(ConditionTypes.NOVA_COMPUTE, ConditionTypes.CELL_DISCOVERY,
            ConditionTypes.VERIFIED);

    private SeedPlan() {
    }

    public static HostPlan controller(Cluster cluster) {
        List<Step> steps = new ArrayList<>(BaseSteps.of(cluster, cluster.controller(), true));
        steps.addAll(InfraSteps.of(cluster));
        steps.addAll(KeystoneSteps.of(cluster));
        steps.addAll(GlanceSteps.of(cluster));
        steps.addAll(NovaSteps.of(cluster));
        cluster.computes().forEach(c -> steps.addAll(ComputeSteps.onController(c)));
        steps.addAll(VerifySteps.of(cluster));
        return new HostPlan(cluster.controllerName(), steps);
    }

    /** What the controller does for one compute: see it up, discover it into cell1. */
    public static HostPlan computeOnController(Cluster cluster, NodeInfo node) {
        return new HostPlan(cluster.controllerName(), ComputeSteps.onController(node));
    }

    /** Stopping nova-compute on a compute being removed, so that it cannot register itself again. */
    public static HostPlan retire(String host) {
        return new HostPlan(host, List.of(ComputeSteps.stopped()));
    }

    /** Removing a compute's recorded service from Nova, its cell mapping and resource provider, on the controller. */
    public static HostPlan decommission(Cluster cluster, NovaService registered) {
        return new HostPlan(cluster.controllerName(), DecommissionSteps.of(cluster, registered));
    }

    public static HostPlan compute(Cluster cluster, NodeInfo node) {
        List<Step> steps = new ArrayList<>(BaseSteps.of(cluster, node, false));
        steps.addAll(ComputeSteps.onCompute(cluster, node));
        return new HostPlan(node.hostname(), steps);
    }
}

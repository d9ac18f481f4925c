package io.pikeoperator.plan;

import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.base.BaseSteps;
import io.pikeoperator.plan.glance.GlanceSteps;
import io.pikeoperator.plan.infra.InfraSteps;
import io.pikeoperator.plan.keystone.KeystoneSteps;
import io.pikeoperator.plan.nova.ComputeSteps;
import io.pikeoperator.plan.nova.DecommissionSteps;
import io.pikeoperator.plan.nova.NovaService;
import io.pikeoperator.plan.nova.NovaSteps;
import io.pikeoperator.plan.verify.VerifySteps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The install guide as host plans, one per role of {@link InstallOrder}. The controller's plan ends with what it
 * does for the computes (see each up, discover it into cell1) and the guide's verification; the order says those
 * services wait while the computes converge.
 */
public final class GuidePlan {

    private GuidePlan() {
    }

    public static HostPlan controller(Cluster cluster) {
        List<Step> steps = new ArrayList<>(BaseSteps.of(cluster, cluster.controller(), true));
        steps.addAll(InfraSteps.of(cluster));
        steps.addAll(KeystoneSteps.of(cluster));
        steps.addAll(GlanceSteps.of(cluster));
        steps.addAll(NovaSteps.of(cluster));
        List<Step> forComputes = new ArrayList<>();
        cluster.computes().forEach(c -> forComputes.addAll(ComputeSteps.onController(c)));
        steps.addAll(byService(forComputes));
        steps.addAll(VerifySteps.of(cluster));
        return new HostPlan(cluster.controllerName(), steps);
    }

    /**
     * The steps grouped by service, in their first order (every compute up, then every discovery). After a change
     * the engine asks again only the following steps of the same service, in one batch: so one discovery that maps
     * every compute leaves one round trip for the rest, where compute by compute each step cost one of its own.
     */
    static List<Step> byService(List<Step> steps) {
        Map<String, List<Step>> grouped = new LinkedHashMap<>();
        steps.forEach(s -> grouped.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s));
        return grouped.values().stream().flatMap(List::stream).toList();
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

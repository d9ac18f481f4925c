package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.PikeClusterSpec;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.InstallOrder.Role;
import io.pikeoperator.plan.InstallOrder.Stage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class InstallOrderTest {

    @Test
    void theControllerHoldsWhatWaitsForTheComputesUntilTheyConverged() {
        List<Stage> waiting = InstallOrder.waiting(Role.CONTROLLER, w -> false);
        assertThat(InstallOrder.held(waiting)).containsExactlyInAnyOrder(ConditionTypes.NOVA_COMPUTE,
                ConditionTypes.CELL_DISCOVERY, ConditionTypes.VERIFIED);
        assertThat(waiting).singleElement().satisfies(s -> {
            assertThat(s.waitsFor().reason()).isEqualTo("WaitingForComputes");
            assertThat(s.shownOn()).isEqualTo(ConditionTypes.VERIFIED);
        });
        assertThat(InstallOrder.whollyWaiting(Role.CONTROLLER, waiting)).as("the control plane runs meanwhile").isFalse();
        assertThat(InstallOrder.waiting(Role.CONTROLLER, w -> true)).isEmpty();
    }

    @Test
    void aComputeWaitsWholeForTheControllersNovaControlPlane() {
        List<Stage> waiting = InstallOrder.waiting(Role.COMPUTE, w -> false);
        assertThat(InstallOrder.whollyWaiting(Role.COMPUTE, waiting)).isTrue();
        assertThat(waiting.get(0).waitsFor().role()).isEqualTo(Role.CONTROLLER);
        assertThat(waiting.get(0).waitsFor().condition()).isEqualTo(ConditionTypes.NOVA_CONTROL_PLANE);
        assertThat(waiting.get(0).waitsFor().reason()).isEqualTo("WaitingForController");
        assertThat(waiting.get(0).waitsFor().required()).as("no controller: the compute waits").isTrue();
    }

    @Test
    void discoveryRunsOnTheControllerForEachCompute() {
        assertThat(InstallOrder.forEach(Role.COMPUTE)).singleElement().satisfies(s -> {
            assertThat(s.runsOn()).isEqualTo(Role.CONTROLLER);
            assertThat(s.services()).contains(ConditionTypes.CELL_DISCOVERY);
        });
    }

    @Test
    void everyServiceOfEveryRolesPlanHasItsStageInTheOrder() throws Exception {
        PikeClusterSpec spec = new PikeClusterSpec();
        spec.managementNetwork = "10.0.0.0/24";
        NodeInfo compute = new NodeInfo("compute01", "10.0.0.31", null);
        Cluster cluster = Cluster.of(spec, new NodeInfo("controller01", "10.0.0.11", null), List.of(compute),
                Passwords.completing(Map.of(), new ArrayList<>()));
        assertThat(services(GuidePlan.controller(cluster).steps())).isSubsetOf(servicesOf(Role.CONTROLLER));
        assertThat(services(GuidePlan.compute(cluster, compute).steps())).isSubsetOf(servicesOf(Role.COMPUTE));
        assertThat(services(GuidePlan.computeOnController(cluster, compute).steps()))
                .isSubsetOf(InstallOrder.forEach(Role.COMPUTE).get(0).services());
    }

    @Test
    void theControllersComputeFacingStepsComeServiceByServiceSoThatOneDiscoveryIsAskedAgainOnce() throws Exception {
        PikeClusterSpec spec = new PikeClusterSpec();
        spec.managementNetwork = "10.0.0.0/24";
        List<NodeInfo> computes = List.of(new NodeInfo("compute01", "10.0.0.31", null),
                new NodeInfo("compute02", "10.0.0.32", null), new NodeInfo("compute03", "10.0.0.33", null));
        Cluster cluster = Cluster.of(spec, new NodeInfo("controller01", "10.0.0.11", null), computes,
                Passwords.completing(Map.of(), new ArrayList<>()));
        List<String> forComputes = GuidePlan.controller(cluster).steps().stream()
                .filter(s -> s.service().equals(ConditionTypes.NOVA_COMPUTE) || s.service().equals(ConditionTypes.CELL_DISCOVERY))
                .map(Step::name).toList();
        assertThat(forComputes).containsExactly("nova-compute on compute01 up", "nova-compute on compute02 up",
                "nova-compute on compute03 up", "discover compute01", "discover compute02", "discover compute03");
    }

    private static Set<String> services(List<Step> steps) {
        Set<String> s = new HashSet<>();
        steps.forEach(step -> s.add(step.service()));
        return s;
    }

    private static Set<String> servicesOf(Role role) {
        Set<String> s = new HashSet<>();
        InstallOrder.STAGES.stream().filter(st -> st.runsOn() == role).forEach(st -> s.addAll(st.services()));
        return s;
    }
}

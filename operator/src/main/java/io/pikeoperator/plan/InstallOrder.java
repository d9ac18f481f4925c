package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.ConditionTypes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The install guide's order across nodes, written once, as data: which services run on which node role, and what
 * each stage waits for. {@code apply} ({@code drive.Deployment}) and the reconcilers derive their holds, waits and
 * {@code WaitingFor*} reasons from it; adding a node kind or a service is an entry here plus its steps.
 */
public final class InstallOrder {

    /** The kinds of nodes (one CRD each). */
    public enum Role { CONTROLLER, COMPUTE }

    /**
     * What a stage waits for: {@code condition} True on every node of {@code role}; with no such node the wait is
     * met unless {@code required}. While it waits, the stage's node shows {@code reason} and {@code message} on the
     * stage's {@code shownOn} condition.
     */
    public record Wait(Role role, String condition, boolean required, String reason, String message) {
    }

    /**
     * @param name     what the stage is, in the guide's words
     * @param runsOn   the role whose host runs the stage's steps
     * @param forEach  non-null when the stage runs once per node of that role (on {@code runsOn}'s host), after that
     *                 node's own stage converged
     * @param services the services (condition types) of the stage's steps in {@code runsOn}'s plan
     * @param waitsFor null when the stage can run as soon as its node can
     * @param shownOn  the condition that carries the wait's reason while the stage waits
     */
    public record Stage(String name, Role runsOn, Role forEach, Set<String> services, Wait waitsFor, String shownOn) {

        public Optional<Wait> waits() {
            return Optional.ofNullable(waitsFor);
        }
    }

    static final Wait CONTROL_PLANE_READY = new Wait(Role.CONTROLLER, ConditionTypes.NOVA_CONTROL_PLANE, true,
            "WaitingForController", "waiting until the controller's NovaControlPlane is ready");
    static final Wait COMPUTES_CONVERGED = new Wait(Role.COMPUTE, ConditionTypes.NOVA_COMPUTE, false,
            "WaitingForComputes", "the verification runs once every compute has converged");

    /** The stages, in order. */
    public static final List<Stage> STAGES = List.of(
            new Stage("control plane", Role.CONTROLLER, null, Set.copyOf(ConditionTypes.CONTROLLER), null, null),
            new Stage("compute host", Role.COMPUTE, null, Set.copyOf(ConditionTypes.COMPUTE), CONTROL_PLANE_READY,
                    ConditionTypes.NOVA_COMPUTE),
            new Stage("compute discovery", Role.CONTROLLER, Role.COMPUTE,
                    Set.of(ConditionTypes.NOVA_COMPUTE, ConditionTypes.CELL_DISCOVERY), null, ConditionTypes.CELL_DISCOVERY),
            new Stage("compute-facing services and the guide's verification", Role.CONTROLLER, null,
                    Set.of(ConditionTypes.NOVA_COMPUTE, ConditionTypes.CELL_DISCOVERY, ConditionTypes.VERIFIED),
                    COMPUTES_CONVERGED, ConditionTypes.VERIFIED));

    private InstallOrder() {
    }

    /** The stages a node of {@code role} runs on its own host (not those it runs for each node of another role). */
    public static List<Stage> own(Role role) {
        return STAGES.stream().filter(s -> s.runsOn() == role && s.forEach() == null).toList();
    }

    /** The stages {@code runsOn}'s host runs for each node of {@code forEach}, after that node's own stages. */
    public static List<Stage> forEach(Role forEach) {
        return STAGES.stream().filter(s -> s.forEach() == forEach).toList();
    }

    /** The stages of {@code role}'s own plan that must wait: their waits are not {@code met}. */
    public static List<Stage> waiting(Role role, Predicate<Wait> met) {
        return own(role).stream().filter(s -> s.waits().isPresent() && !met.test(s.waitsFor())).toList();
    }

    /** The services {@code role}'s plan holds while {@code waiting} stages wait (the engine's hold set). */
    public static Set<String> held(List<Stage> waiting) {
        Set<String> held = new LinkedHashSet<>();
        waiting.forEach(s -> held.addAll(s.services()));
        return Set.copyOf(held);
    }

    /** Whether nothing of {@code role}'s own plan can run while {@code waiting} stages wait: the node waits whole. */
    public static boolean whollyWaiting(Role role, List<Stage> waiting) {
        return !waiting.isEmpty() && waiting.size() == own(role).size();
    }
}

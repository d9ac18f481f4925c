package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.plan.InstallOrder.Role;
import io.pikeoperator.plan.InstallOrder.Stage;
import io.pikeoperator.plan.InstallOrder;

import java.util.List;

/**
 * The {@link InstallOrder}'s waits judged from one snapshot of the cluster's node objects: a wait is met when its
 * condition is True in the status of every node of its role. The reconcilers hold and report what this says.
 *
 * @param computes the cluster's computes that take part (one rejected for its own spec holds nothing back)
 */
record OrderGate(List<ControllerNode> controllers, List<ComputeNode> computes) {

    boolean met(InstallOrder.Wait wait) {
        List<NodeStatus> nodes = wait.role() == Role.CONTROLLER
                ? controllers.stream().map(ControllerNode::getStatus).toList()
                : computes.stream().map(c -> (NodeStatus) c.getStatus()).toList();
        if (nodes.isEmpty()) {
            return !wait.required();
        }
        return nodes.stream().allMatch(s -> s != null && Conditions.isTrue(s.conditions, wait.condition()));
    }

    /** The stages of {@code role}'s own plan that wait now. */
    List<Stage> waiting(Role role) {
        return InstallOrder.waiting(role, this::met);
    }
}

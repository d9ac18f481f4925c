package io.pikeoperator.engine;

import java.util.List;

/** The ordered steps that bring one host to its target. */
public record HostPlan(String host, List<Step> steps) {

    public HostPlan {
        steps = List.copyOf(steps);
    }
}

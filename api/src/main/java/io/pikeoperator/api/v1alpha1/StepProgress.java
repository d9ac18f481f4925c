package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a node's plan stands. */
public class StepProgress {

    @JsonPropertyDescription("Steps whose check passes on the host.")
    public Integer done;

    @JsonPropertyDescription("Steps in the node's plan.")
    public Integer total;

    @JsonPropertyDescription("The step running or failing now, as service/step; empty when converged.")
    public String current;
}

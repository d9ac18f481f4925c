package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** What the operator observed on one host. */
public class NodeStatus {

    @JsonPropertyDescription("Coarse phase: Pending, Provisioning, Ready, Degraded or Failed.")
    public Phase phase;

    @JsonPropertyDescription("The metadata.generation this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("Ready (the summary) first, then one condition per service on this host.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Facts gathered from the host.")
    public HostFacts facts;

    @JsonPropertyDescription("Progress of the node's plan.")
    public StepProgress steps;

    @JsonPropertyDescription("Steps done over steps planned, e.g. 37/58 (for the printer column).")
    public String progress;

    @JsonPropertyDescription("When the host was last confirmed converged (RFC 3339).")
    public String lastConvergedTime;

    @JsonPropertyDescription("The resourceVersion of the passwords Secret whose values this host last converged with (a version, never a value): how the cluster knows a password rotation reached every host.")
    public String passwordsVersion;

    @JsonPropertyDescription("A human-readable summary of the current state.")
    public String message;
}

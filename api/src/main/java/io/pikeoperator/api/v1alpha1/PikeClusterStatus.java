package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** What the operator observed of the cluster as a whole. */
public class PikeClusterStatus {

    @JsonPropertyDescription("Coarse phase: Pending, Provisioning, Ready, Degraded or Failed.")
    public Phase phase;

    @JsonPropertyDescription("The metadata.generation this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("Ready (the summary) first, then one condition per service.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Host name of the cluster's ControllerNode.")
    public String controller;

    @JsonPropertyDescription("Service conditions that are True, over all service conditions, e.g. 16/16.")
    public String servicesReady;

    @JsonPropertyDescription("Compute nodes ready and total.")
    public ComputesStatus computes;

    @JsonPropertyDescription("Compute nodes ready over total, e.g. 1/1 (for the printer column).")
    public String computesReady;

    @JsonPropertyDescription("Public endpoints in the Keystone catalog.")
    public Endpoints endpoints;

    @JsonPropertyDescription("Steps done over steps planned on all hosts, e.g. '37/58 steps'.")
    public String progress;

    @JsonPropertyDescription("A human-readable summary of the current state.")
    public String message;
}

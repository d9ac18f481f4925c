package io.pikeoperator.drive;

import io.fabric8.kubernetes.client.CustomResource;
import io.pikeoperator.api.v1alpha1.SpecRules;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster's objects checked against their CRD schema before anything reaches a host, on both paths: the
 * command line (whose manifests no API server validated) and the reconcilers (through {@link Assembly#of}).
 * A violation is an {@link InputException} with reason {@value #REASON} that names each object, field and rule.
 */
public final class SpecValidation {

    public static final String REASON = "InvalidSpec";

    private SpecValidation() {
    }

    /** Refuses the inputs when the cluster or any of its nodes breaks its schema; says every violation at once. */
    public static void check(ClusterInputs in) throws InputException {
        List<String> problems = new ArrayList<>(violations(in.cluster()));
        in.controllers().forEach(c -> problems.addAll(violations(c)));
        in.computes().forEach(c -> problems.addAll(violations(c)));
        if (!problems.isEmpty()) {
            throw new InputException(REASON, String.join("; ", problems));
        }
    }

    /** One object's violations, each prefixed with its kind and name (e.g. {@code ComputeNode computer01: }). */
    public static List<String> violations(CustomResource<?, ?> object) {
        String name = object.getKind() + " " + (object.getMetadata() == null ? "?" : object.getMetadata().getName());
        return SpecRules.violations("spec", object.getSpec()).stream().map(v -> name + ": " + v).toList();
    }
}

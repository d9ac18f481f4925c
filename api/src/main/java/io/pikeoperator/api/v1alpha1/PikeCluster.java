package io.pikeoperator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

/**
 * An OpenStack Pike cluster on bare-metal CentOS 7 hosts: the settings shared by its ControllerNode and
 * ComputeNodes. Printer columns are listed in the order kubectl shows them (the crds build keeps that order).
 */
@Group(PikeCluster.GROUP)
@Version(PikeCluster.VERSION)
// "pc" is also PriorityClass's short name, which kubectl prefers: "pike" is the one that always works.
@ShortNames({"pc", "pike"})
@Categories("openstack")
@AdditionalPrinterColumn(name = "Phase", type = STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.servicesReady")
@AdditionalPrinterColumn(name = "Computes", type = STRING, jsonPath = ".status.computesReady")
@AdditionalPrinterColumn(name = "Keystone", type = STRING, jsonPath = ".status.endpoints.identity")
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public class PikeCluster extends CustomResource<PikeClusterSpec, PikeClusterStatus> implements Namespaced {

    public static final String GROUP = "pikeoperator.io";
    public static final String VERSION = "v1alpha1";
}

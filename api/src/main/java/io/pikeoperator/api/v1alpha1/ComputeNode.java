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
 * A compute host of a PikeCluster: libvirt and nova-compute, discovered into cell1. Printer columns are listed
 * in the order kubectl shows them.
 */
@Group(PikeCluster.GROUP)
@Version(PikeCluster.VERSION)
@ShortNames("cmp")
@Categories("openstack")
@AdditionalPrinterColumn(name = "Cluster", type = STRING, jsonPath = ".spec.clusterRef.name")
@AdditionalPrinterColumn(name = "Host", type = STRING, jsonPath = ".spec.hostname")
@AdditionalPrinterColumn(name = "Address", type = STRING, jsonPath = ".spec.managementAddress")
@AdditionalPrinterColumn(name = "Virt", type = STRING, jsonPath = ".status.virtType")
@AdditionalPrinterColumn(name = "Phase", type = STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public class ComputeNode extends CustomResource<ComputeNodeSpec, ComputeNodeStatus> implements Namespaced {
}

package io.pikeoperator.hostsim.model;

import java.util.ArrayList;
import java.util.List;

/** A cell database (nova, nova_cell0): services and compute nodes. */
public class NovaCellData {

    public int nextServiceId = 1;
    public List<Service> services = new ArrayList<>();
    public List<ComputeNode> computeNodes = new ArrayList<>();

    public static class Service {
        public int id;
        public String binary;
        public String host;
        public String zone;
        public boolean disabled;
        public String updatedAt;
        public boolean deleted;
    }

    public static class ComputeNode {
        public String uuid;
        public String host;
        public String hypervisorHostname;
        public int serviceId;
        public boolean mapped;
        public boolean deleted;
    }
}

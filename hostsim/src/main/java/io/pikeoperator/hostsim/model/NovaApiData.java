package io.pikeoperator.hostsim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** nova_api: cell and host mappings, and (in Pike) the placement tables. */
public class NovaApiData {

    public List<CellMapping> cells = new ArrayList<>();
    /** host name to cell uuid. */
    public Map<String, String> hostMappings = new TreeMap<>();
    public Map<String, ResourceProvider> resourceProviders = new TreeMap<>();

    public static class CellMapping {
        public String uuid;
        public String name;
        public String transportUrl;
        public String databaseConnection;
    }

    public static class ResourceProvider {
        public String uuid;
        public String name;
        public int generation;
    }
}

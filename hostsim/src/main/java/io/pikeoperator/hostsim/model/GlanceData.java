package io.pikeoperator.hostsim.model;

import java.util.Map;
import java.util.TreeMap;

/** The image service's tables. */
public class GlanceData {

    public Map<String, Image> images = new TreeMap<>();

    public static class Image {
        public String id;
        public String name;
        public String status;
        public String diskFormat;
        public String containerFormat;
        public String visibility;
        public String owner;
        public String checksum;
        public long size;
        public String createdAt;
        /** Where the bytes are: file:///var/lib/glance/images/<id> on the glance-api host. */
        public String location;
        public String storeHost;
    }
}

package io.pikeoperator.hostsim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The identity service's tables. */
public class KeystoneData {

    public Map<String, Entity> domains = new TreeMap<>();
    public Map<String, Entity> projects = new TreeMap<>();
    public Map<String, Entity> users = new TreeMap<>();
    public Map<String, Entity> roles = new TreeMap<>();
    public Map<String, Entity> services = new TreeMap<>();
    public Map<String, Endpoint> endpoints = new TreeMap<>();
    public List<String> regions = new ArrayList<>();
    /** user id, project id, role id. */
    public List<List<String>> assignments = new ArrayList<>();
    public Map<String, Token> tokens = new TreeMap<>();

    /** A domain, project, user, role or service. */
    public static class Entity {
        public String id;
        public String name;
        public String domainId;
        public String description;
        public String type;
        public boolean enabled = true;
        /** Users: salted hash of the password. */
        public String passwordHash;
        public String salt;
    }

    public static class Endpoint {
        public String id;
        public String serviceId;
        public String iface;
        public String url;
        public String region;
        public boolean enabled = true;
    }

    public static class Token {
        public String userId;
        public String projectId;
        public String expires;
    }
}

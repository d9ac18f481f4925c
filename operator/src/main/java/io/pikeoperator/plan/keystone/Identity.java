package io.pikeoperator.plan.keystone;

import io.pikeoperator.engine.Observation;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Shell;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.Values;
import io.pikeoperator.plan.step.GuardedStep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keystone's content as the admin sees it (one probe shared by every identity step), and the guide's recurring
 * blocks: a service user with its role, a service with its three endpoints.
 */
public final class Identity {

    static final String ADMIN_OPENRC = "/root/admin_openrc";
    public static final String DEMO_OPENRC = "/root/demo_openrc";
    public static final String AS_ADMIN = ". " + ADMIN_OPENRC + " && ";

    static final Probe INVENTORY = Probe.of(AS_ADMIN + """
            echo @projects; openstack project list -f value -c Name
            echo @users; openstack user list -f value -c Name
            echo @roles; openstack role list -f value -c Name
            echo @assignments; openstack role assignment list --names -f value -c Role -c User -c Project
            echo @services; openstack service list -f value -c Name -c Type
            echo @endpoints; openstack endpoint list -f value -c ID -c Region -c 'Service Type' -c Interface -c URL
            """);

    private Identity() {
    }

    /** The inventory's sections as lists of lines; empty when Keystone could not be asked. */
    static Map<String, List<String>> sections(Observation o) {
        Map<String, List<String>> parts = new HashMap<>();
        if (!o.ok()) {
            return parts;
        }
        List<String> current = null;
        for (String line : o.lines()) {
            if (line.startsWith("@") && !line.contains(" ")) {
                current = new ArrayList<>();
                parts.put(line.substring(1), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return parts;
    }

    static List<String> section(Observation o, String name) {
        List<String> lines = sections(o).getOrDefault(name, List.of());
        // endpoints are listed with their ID first (to update one in place); the rest is "region type interface url"
        return name.equals("endpoints") ? lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList() : lines;
    }

    /** The ID of an endpoint of {@code type} and {@code iface} in the cluster's region whose URL is not {@code url}. */
    static java.util.Optional<String> endpointToUpdate(Observation inventory, Cluster cluster, String type, String iface,
                                                       String url) {
        String prefix = cluster.region() + " " + type + " " + iface + " ";
        return sections(inventory).getOrDefault("endpoints", List.of()).stream()
                .filter(l -> l.indexOf(' ') > 0 && l.substring(l.indexOf(' ') + 1).startsWith(prefix)
                        && !l.substring(l.indexOf(' ') + 1).equals(prefix + url))
                .map(l -> l.substring(0, l.indexOf(' '))).findFirst();
    }

    /**
     * Can {@code user} get a token scoped to {@code project} with its password? The password goes in OS_PASSWORD for
     * this one command: osc-lib reads no password from a stdin that is not a terminal (hostsim/FIDELITY.md).
     */
    static Probe login(Cluster cluster, String user, String project, String passwordKey) {
        String input = Values.inputName(passwordKey);
        return Probe.of("OS_PASSWORD=\"$" + input + "\" openstack --os-auth-url " + Shell.quote(publicUrl(cluster))
                + " --os-identity-api-version 3 --os-project-domain-name Default --os-user-domain-name Default"
                + " --os-project-name " + Shell.quote(project) + " --os-username " + Shell.quote(user)
                + " token issue -f value -c id >/dev/null").with(input, cluster.passwords().get(passwordKey));
    }

    /** The install guide's [keystone_authtoken] block of a service's config, as that service's user. */
    public static io.pikeoperator.config.IniFile authtoken(io.pikeoperator.config.IniFile ini, Cluster cluster, String user,
                                                    String passwordKey) {
        String ctrl = cluster.controllerName();
        return ini.set("keystone_authtoken", "auth_uri", "http://" + ctrl + ":5000")
                .set("keystone_authtoken", "auth_url", "http://" + ctrl + ":35357")
                .set("keystone_authtoken", "memcached_servers", ctrl + ":11211")
                .set("keystone_authtoken", "auth_type", "password")
                .set("keystone_authtoken", "project_domain_name", "default")
                .set("keystone_authtoken", "user_domain_name", "default")
                .set("keystone_authtoken", "project_name", "service")
                .set("keystone_authtoken", "username", user)
                .set("keystone_authtoken", "password", Values.oslo(cluster.passwords().get(passwordKey)));
    }

    static String publicUrl(Cluster cluster) {
        return "http://" + cluster.controllerName() + ":5000/v3";
    }

    /** A user with its password and a role on a project: created, its password set, the role added as needed. */
    public static Step user(Cluster cluster, String service, String user, String passwordKey, String project, String role) {
        Probe login = login(cluster, user, project, passwordKey);
        String assignment = role + " " + user + "@Default " + project + "@Default";
        String input = Values.inputName(passwordKey) + "_REQUEST";
        return GuardedStep.action(service, "user " + user, List.of(INVENTORY, login), (seen, ctx) -> {
            if (!section(seen.get(INVENTORY), "users").contains(user)) {
                return "user " + user + " missing";
            }
            if (!section(seen.get(INVENTORY), "assignments").contains(assignment)) {
                return "role " + role + " on " + project + " missing";
            }
            return seen.get(login).ok() ? null : "user " + user + " cannot log in with its password";
        }, (seen, ctx) -> {
            // The install guide types the password at --password-prompt, which needs a terminal; the operator has none, so it
            // uses Keystone's API (POST /v3/users, PATCH /v3/users/{id}) with curl reading token, URL and body from
            // stdin: the password is in no argv and goes through no prompt.
            boolean exists = section(seen.get(INVENTORY), "users").contains(user);
            String body = Values.curlConfig("data", Values.json(exists
                    ? Map.of("user", Map.of("password", cluster.passwords().get(passwordKey)))
                    : Map.of("user", Map.of("name", user, "domain_id", "default", "enabled", true,
                    "password", cluster.passwords().get(passwordKey)))));
            StringBuilder s = new StringBuilder("set -e\n" + AS_ADMIN + "true\n");
            s.append("token=$(openstack token issue -f value -c id)\n");
            s.append(exists ? "url=\"$OS_AUTH_URL/users/$(openstack user show --domain default -f value -c id "
                    + Shell.quote(user) + ")\"; method=PATCH\n" : "url=\"$OS_AUTH_URL/users\"; method=POST\n");
            s.append("printf 'header = \"X-Auth-Token: %s\"\\nurl = \"%s\"\\nrequest = \"%s\"\\n"
                    + "header = \"Content-Type: application/json\"\\n%s\\n' \"$token\" \"$url\" \"$method\" \"$" + input
                    + "\" | curl -sS -f -K - -o /dev/null\n");
            if (!section(seen.get(INVENTORY), "assignments").contains(assignment)) {
                s.append("openstack role add --project ").append(Shell.quote(project)).append(" --user ")
                        .append(Shell.quote(user)).append(' ').append(Shell.quote(role)).append('\n');
            }
            return Script.of(s.toString()).with(input, body);
        }, "IdentityUserFailed");
    }

    /** A service in the catalog with its public, internal and admin endpoints in the cluster's region. */
    public static Step serviceWithEndpoints(Cluster cluster, String service, String name, String type, String description,
                                     String url) {
        List<String> ifaces = List.of("public", "internal", "admin");
        return GuardedStep.action(service, "service " + name + " and endpoints", List.of(INVENTORY), (seen, ctx) -> {
            List<String> problems = new ArrayList<>();
            if (!section(seen.get(INVENTORY), "services").contains(name + " " + type)) {
                problems.add("service " + name + " missing");
            }
            for (String i : missingEndpoints(seen.get(INVENTORY), cluster, type, ifaces, url)) {
                problems.add(i + " endpoint missing");
            }
            return problems.isEmpty() ? null : String.join(", ", problems);
        }, (seen, ctx) -> {
            StringBuilder s = new StringBuilder("set -e\n" + AS_ADMIN + "true\n");
            if (!section(seen.get(INVENTORY), "services").contains(name + " " + type)) {
                s.append("openstack service create --name ").append(Shell.quote(name)).append(" --description ")
                        .append(Shell.quote(description)).append(' ').append(Shell.quote(type)).append(" >/dev/null\n");
            }
            for (String i : missingEndpoints(seen.get(INVENTORY), cluster, type, ifaces, url)) {
                // a changed URL: the existing endpoint of that region, type and interface is updated, not doubled
                var existing = endpointToUpdate(seen.get(INVENTORY), cluster, type, i, url);
                if (existing.isPresent()) {
                    s.append("openstack endpoint set --url ").append(Shell.quote(url)).append(' ')
                            .append(Shell.quote(existing.get())).append('\n');
                    continue;
                }
                s.append("openstack endpoint create --region ").append(Shell.quote(cluster.region())).append(' ')
                        .append(Shell.quote(type)).append(' ').append(i).append(' ').append(Shell.quote(url)).append(" >/dev/null\n");
            }
            return Script.of(s.toString());
        }, "IdentityCatalogFailed");
    }

    static List<String> missingEndpoints(Observation inventory, Cluster cluster, String type, List<String> ifaces, String url) {
        List<String> endpoints = section(inventory, "endpoints");
        return ifaces.stream().filter(i -> !endpoints.contains(cluster.region() + " " + type + " " + i + " " + url)).toList();
    }

    /** Named things created with --or-show (projects, roles), which are idempotent by themselves. */
    static Step named(String service, String kind, String section, String name, String createArgs) {
        return GuardedStep.action(service, kind + " " + name, List.of(INVENTORY), (seen, ctx) ->
                        section(seen.get(INVENTORY), section).contains(name) ? null : kind + " " + name + " missing",
                (seen, ctx) -> Script.of(AS_ADMIN + "openstack " + kind + " create --or-show " + createArgs + " "
                        + Shell.quote(name) + " >/dev/null"), "IdentityCatalogFailed");
    }
}

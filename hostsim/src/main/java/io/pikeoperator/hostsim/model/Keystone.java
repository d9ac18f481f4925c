package io.pikeoperator.hostsim.model;

import io.pikeoperator.hostsim.model.KeystoneData.Endpoint;
import io.pikeoperator.hostsim.model.KeystoneData.Entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The identity service's rules: bootstrap, users and passwords, role assignments, tokens and the catalog. */
public final class Keystone {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Keystone() {
    }

    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    // ---- entities ----

    public static Optional<Entity> byName(java.util.Map<String, Entity> table, String nameOrId, String domainId) {
        Entity byId = table.get(nameOrId);
        if (byId != null) {
            return Optional.of(byId);
        }
        return table.values().stream()
                .filter(e -> e.name.equalsIgnoreCase(nameOrId))
                .filter(e -> domainId == null || e.domainId == null || domainId.equals(e.domainId))
                .findFirst();
    }

    public static Optional<Entity> domain(KeystoneData data, String nameOrId) {
        return byName(data.domains, nameOrId, null);
    }

    public static Entity addEntity(java.util.Map<String, Entity> table, String name, String domainId,
                                   String description, String type) {
        Entity e = new Entity();
        e.id = newId();
        e.name = name;
        e.domainId = domainId;
        e.description = description;
        e.type = type;
        table.put(e.id, e);
        return e;
    }

    public static void setPassword(Entity user, String password) {
        byte[] salt = new byte[8];
        RANDOM.nextBytes(salt);
        user.salt = HexFormat.of().formatHex(salt);
        user.passwordHash = hash(user.salt, password);
    }

    public static boolean checkPassword(Entity user, String password) {
        return user.passwordHash != null && password != null && user.passwordHash.equals(hash(user.salt, password));
    }

    private static String hash(String salt, String password) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            d.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean hasRole(KeystoneData data, String userId, String projectId, String roleId) {
        return data.assignments.contains(List.of(userId, projectId, roleId));
    }

    public static boolean isAdmin(KeystoneData data, String userId, String projectId) {
        return byName(data.roles, "admin", null).map(r -> hasRole(data, userId, projectId, r.id)).orElse(false);
    }

    public static void assign(KeystoneData data, String userId, String projectId, String roleId) {
        List<String> a = List.of(userId, projectId, roleId);
        if (!data.assignments.contains(a)) {
            data.assignments.add(a);
        }
    }

    // ---- bootstrap ----

    /** [DEFAULT] member_role_id and member_role_name (keystone 12.0.3 keystone/conf/default.py). */
    public static final String MEMBER_ROLE_ID = "9fe2ff9ee4384b1894a90878d3e92bab";
    public static final String MEMBER_ROLE_NAME = "_member_";

    /** What keystone-manage bootstrap was given (each value: its OS_BOOTSTRAP_* variable, else the flag). */
    public record Bootstrap(String username, String password, String projectName, String roleName, String serviceName,
                            String adminUrl, String publicUrl, String internalUrl, String regionId) {
    }

    /** An exception bootstrap does not catch: keystone-manage dies with it (class name and message). */
    public static final class BootstrapError extends RuntimeException {
        public final String type;

        BootstrapError(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    /**
     * keystone-manage bootstrap as keystone 12.0.3's {@code BootStrap.do_bootstrap}: creates the default domain, the
     * project, the role, the assignment, the region, the identity service and its endpoints when missing (existing
     * endpoints are not updated). An existing user is checked with its password: when that fails the password is
     * reset to the bootstrap password and the user is enabled again; when the password works but the user is
     * disabled, authentication raises UserDisabled, which bootstrap does not catch. Ends with the default role
     * {@code _member_}. Not a transaction: what was created before an error stays.
     */
    public static void bootstrap(KeystoneData data, Bootstrap b) {
        Entity domain = data.domains.get("default");
        if (domain == null) {
            domain = new Entity();
            domain.id = "default";
            domain.name = "Default";
            domain.description = "The default domain";
            data.domains.put(domain.id, domain);
        }
        Entity p = byName(data.projects, b.projectName(), "default").orElse(null);
        if (p == null) {
            p = addEntity(data.projects, b.projectName(), "default", "Bootstrap project for initializing the cloud.", null);
        }
        Entity u = byName(data.users, b.username(), "default").orElse(null);
        if (u == null) {
            u = addEntity(data.users, b.username(), "default", null, null);
            setPassword(u, b.password());
        } else {
            // driver.authenticate: a wrong password is an AssertionError (caught: reset), a disabled user with the
            // right password is UserDisabled (not caught).
            if (checkPassword(u, b.password())) {
                if (!u.enabled) {
                    throw new BootstrapError("UserDisabled", "The account is disabled for user: " + u.id + ".");
                }
            } else {
                setPassword(u, b.password());
                u.enabled = true;
            }
        }
        Entity r = byName(data.roles, b.roleName(), null).orElse(null);
        if (r == null) {
            r = addEntity(data.roles, b.roleName(), null, null, null);
        }
        assign(data, u.id, p.id, r.id);
        String region = b.regionId();
        if (region != null && !data.regions.contains(region)) {
            data.regions.add(region);
        }
        if (b.adminUrl() != null || b.internalUrl() != null || b.publicUrl() != null) {
            Entity service = data.services.values().stream().filter(s -> "identity".equals(s.type)).findFirst().orElse(null);
            if (service == null) {
                service = addEntity(data.services, b.serviceName(), null, null, "identity");
            }
            String sid = service.id;
            for (String[] e : new String[][]{{"public", b.publicUrl()}, {"internal", b.internalUrl()},
                    {"admin", b.adminUrl()}}) {
                if (e[1] == null) {
                    continue;
                }
                // the service's endpoints, filtered by region only when one was given
                boolean exists = data.endpoints.values().stream().anyMatch(x -> x.serviceId.equals(sid)
                        && x.iface.equals(e[0]) && (region == null || region.equals(x.region)));
                if (!exists) {
                    addEndpoint(data, sid, e[0], e[1], region);
                }
            }
        }
        ensureDefaultRole(data);
    }

    /** assignment Manager.ensure_default_role: the role member_role_id, unless it (or a role of its name) exists. */
    public static void ensureDefaultRole(KeystoneData data) {
        if (data.roles.containsKey(MEMBER_ROLE_ID) || byName(data.roles, MEMBER_ROLE_NAME, null).isPresent()) {
            return;
        }
        Entity role = new Entity();
        role.id = MEMBER_ROLE_ID;
        role.name = MEMBER_ROLE_NAME;
        data.roles.put(role.id, role);
    }

    public static Endpoint addEndpoint(KeystoneData data, String serviceId, String iface, String url, String region) {
        Endpoint ep = new Endpoint();
        ep.id = newId();
        ep.serviceId = serviceId;
        ep.iface = iface;
        ep.url = url;
        ep.region = region;
        data.endpoints.put(ep.id, ep);
        return ep;
    }

    // ---- tokens ----

    /** Password authentication scoped to a project; empty when the credentials or the scope are wrong. */
    public static Optional<String> issueToken(KeystoneData data, Instant now, String userName, String userDomain,
                                              String password, String projectName, String projectDomain) {
        Optional<Entity> ud = domain(data, userDomain == null ? "default" : userDomain);
        Optional<Entity> pd = domain(data, projectDomain == null ? "default" : projectDomain);
        if (ud.isEmpty() || pd.isEmpty()) {
            return Optional.empty();
        }
        Optional<Entity> user = byName(data.users, userName, ud.get().id);
        if (user.isEmpty() || !user.get().enabled || !checkPassword(user.get(), password)) {
            return Optional.empty();
        }
        Optional<Entity> project = byName(data.projects, projectName, pd.get().id);
        if (project.isEmpty() || data.assignments.stream()
                .noneMatch(a -> a.get(0).equals(user.get().id) && a.get(1).equals(project.get().id))) {
            return Optional.empty();
        }
        data.tokens.entrySet().removeIf(e -> Instant.parse(e.getValue().expires).isBefore(now));
        byte[] raw = new byte[134];
        RANDOM.nextBytes(raw);
        String id = "gAAAAAB" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw).substring(0, 176);
        KeystoneData.Token t = new KeystoneData.Token();
        t.userId = user.get().id;
        t.projectId = project.get().id;
        t.expires = now.plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        data.tokens.put(id, t);
        return Optional.of(id);
    }

    public static Optional<KeystoneData.Token> validate(KeystoneData data, String token, Instant now) {
        KeystoneData.Token t = data.tokens.get(token);
        return t == null || Instant.parse(t.expires).isBefore(now) ? Optional.empty() : Optional.of(t);
    }

    /** The URL of a service type's endpoint for an interface and region, as keystoneauth picks it. */
    public static Optional<String> endpointUrl(KeystoneData data, String type, String iface, String region) {
        for (Entity s : data.services.values()) {
            if (!type.equals(s.type) || !s.enabled) {
                continue;
            }
            for (Endpoint e : data.endpoints.values()) {
                if (e.serviceId.equals(s.id) && e.iface.equals(iface.toLowerCase(Locale.ROOT).replace("url", ""))
                        && (region == null || region.equals(e.region))) {
                    return Optional.of(e.url);
                }
            }
        }
        return Optional.empty();
    }
}

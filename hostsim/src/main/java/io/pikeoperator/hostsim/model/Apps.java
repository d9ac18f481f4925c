package io.pikeoperator.hostsim.model;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP services of the guide as clients reach them: which process answers a URL (httpd's keystone and
 * placement virtual hosts, glance-api, nova-api, or a site on the modelled internet), and whether it can work:
 * its database, its own Keystone credentials, httpd's access rules.
 */
public final class Apps {

    /** Sites of the modelled internet (the guide downloads cirros from one). Nothing real is ever contacted. */
    public static final String CIRROS_HOST = "download.cirros-cloud.net";

    public enum Kind { KEYSTONE, PLACEMENT, GLANCE, NOVA, INTERNET }

    public record Url(String host, int port, String path) {
        public static Optional<Url> parse(String url) {
            Matcher m = Pattern.compile("^https?://([^/:]+)(?::(\\d+))?(/.*)?$").matcher(url == null ? "" : url.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            int port = m.group(2) != null ? Integer.parseInt(m.group(2)) : url.startsWith("https") ? 443 : 80;
            return Optional.of(new Url(m.group(1), port, m.group(3) == null ? "/" : m.group(3)));
        }
    }

    /** The process that answers a URL, with the configuration it loaded. */
    public record Target(Host host, Kind kind, Map<String, String> snapshot, Url url) {
    }

    /**
     * Opens a URL from {@code from}: status 0 with a connection error, 403 when httpd denies the script, otherwise
     * 200 with the target.
     */
    public record Opened(Target target, int status, String error) {
        public boolean ok() {
            return status == 200;
        }
    }

    public static Opened open(World world, Host from, String url) {
        Optional<Url> parsed = Url.parse(url);
        if (parsed.isEmpty()) {
            return new Opened(null, 0, "Invalid URL " + url);
        }
        Url u = parsed.get();
        if (u.host().equals(CIRROS_HOST)) {
            return new Opened(new Target(null, Kind.INTERNET, Map.of(), u), 200, null);
        }
        World.Connection c = world.connect(from, u.host(), u.port());
        if (!c.ok()) {
            return new Opened(null, 0, c.errno() == -2 ? "Could not resolve host: " + u.host()
                    : "Failed to establish a new connection: " + c.pythonError());
        }
        Host h = c.server();
        if (h.active("httpd")) {
            Map<String, String> snap = h.loaded("httpd");
            HttpdConfig cfg = HttpdConfig.parse(snap);
            Optional<HttpdConfig.VirtualHost> vhost = cfg.vhost(u.port());
            if (vhost.isPresent() && vhost.get().wsgiScript != null) {
                Kind kind = vhost.get().wsgiScript.contains("keystone") ? Kind.KEYSTONE
                        : vhost.get().wsgiScript.contains("placement") ? Kind.PLACEMENT : null;
                if (kind != null) {
                    if (!cfg.scriptAllowed(vhost.get())) {
                        return new Opened(new Target(h, kind, snap, u), 403, "Forbidden");
                    }
                    return new Opened(new Target(h, kind, snap, u), 200, null);
                }
            }
            if (cfg.listen.contains(u.port())) {
                return new Opened(null, 404, "Not Found");
            }
        }
        if (u.port() == 9292 && h.active("openstack-glance-api")) {
            return new Opened(new Target(h, Kind.GLANCE, h.loaded("openstack-glance-api"), u), 200, null);
        }
        if (u.port() == 8774 && h.active("openstack-nova-api")) {
            return new Opened(new Target(h, Kind.NOVA, h.loaded("openstack-nova-api"), u), 200, null);
        }
        return new Opened(null, 0, "Failed to establish a new connection: [Errno 111] Connection refused");
    }

    /** The identity data behind a keystone target, or the reason the WSGI app answers 500. */
    public static Result<KeystoneData> keystoneData(World world, Target t) {
        OsloConfig cfg = OsloConfig.parse(t.snapshot().getOrDefault("/etc/keystone/keystone.conf", ""));
        String url;
        try {
            url = cfg.get("database", "connection").orElse(null);
        } catch (OsloConfig.SubstitutionError e) {
            return Result.fail("TemplateSubstitutionError: " + e.getMessage());
        }
        if (url == null) {
            return Result.fail("keystone: no [database] connection (sqlite is not configured)");
        }
        MariaDb.Connect c = MariaDb.connectUrl(world, t.host(), url);
        if (!c.ok()) {
            return Result.fail(c.error().pymysql());
        }
        HostState.Database db = c.session().db().databases.get(MariaDb.DbUrl.parse(url).orElseThrow().database());
        if (db == null || db.keystone == null) {
            return Result.fail("(pymysql.err.ProgrammingError) (1146, u\"Table 'keystone.project' doesn't exist\")");
        }
        if (!t.host().files().isDirectory("/etc/keystone/fernet-keys")
                || !t.host().files().exists("/etc/keystone/fernet-keys/0")) {
            return Result.fail("keystone.token.providers.fernet.utils: Either [fernet_tokens] key_repository does not "
                    + "exist or Keystone does not have sufficient permission to access it: /etc/keystone/fernet-keys/");
        }
        return Result.of(db.keystone);
    }

    /** The database behind a service's [section] connection, as that service's host reaches it. */
    public static Result<HostState.Database> database(World world, Host host, OsloConfig cfg, String section) {
        String url;
        try {
            url = cfg.get(section, "connection").orElse(null);
        } catch (OsloConfig.SubstitutionError e) {
            return Result.fail("TemplateSubstitutionError: " + e.getMessage());
        }
        if (url == null) {
            return Result.fail("No sql_connection parameter is established");
        }
        MariaDb.Connect c = MariaDb.connectUrl(world, host, url);
        if (!c.ok()) {
            return Result.fail(c.error().pymysql());
        }
        HostState.Database db = c.session().db().databases.get(MariaDb.DbUrl.parse(url).orElseThrow().database());
        return db == null ? Result.fail("(pymysql.err.InternalError) (1049, u\"Unknown database\")") : Result.of(db);
    }

    /** Credentials of a keystoneauth password plugin (OS_* variables, --os-* flags or a [section] of a service). */
    public record Credentials(String authUrl, String username, String password, String projectName,
                              String userDomain, String projectDomain, String region, String iface) {

        /** From a service's config section ([keystone_authtoken], [placement]). */
        public static Credentials fromSection(OsloConfig cfg, String section) {
            return new Credentials(cfg.get(section, "auth_url").orElse(null), cfg.get(section, "username").orElse(null),
                    cfg.get(section, "password").orElse(null), cfg.get(section, "project_name").orElse(null),
                    cfg.get(section, "user_domain_name").orElse(cfg.get(section, "user_domain_id").orElse("default")),
                    cfg.get(section, "project_domain_name").orElse(cfg.get(section, "project_domain_id").orElse("default")),
                    cfg.get(section, "os_region_name").orElse(cfg.get(section, "region_name").orElse(null)), "public");
        }
    }

    /** A scoped token and the identity data it came from. */
    public record Login(KeystoneData data, String token, KeystoneData.Token scope, Host keystoneHost,
                        Credentials credentials) {
        public boolean admin() {
            return Keystone.isAdmin(data, scope.userId, scope.projectId);
        }
    }

    /**
     * Authenticates as keystoneauth would from {@code from}. Errors are the OpenStack client's messages: connection
     * failures, HTTP 401, HTTP 500.
     */
    public static Result<Login> login(World world, Host from, Credentials c) {
        if (c.authUrl() == null || c.authUrl().isBlank()) {
            return Result.fail("Missing value auth-url required for auth plugin password");
        }
        if (c.username() == null) {
            return Result.fail("Missing value username required for auth plugin password");
        }
        Opened o = open(world, from, c.authUrl());
        String tokensUrl = c.authUrl().replaceAll("/+$", "") + "/auth/tokens";
        if (o.status() == 0) {
            Url u = Url.parse(c.authUrl()).orElseThrow();
            return Result.fail("Unable to establish connection to " + tokensUrl + ": HTTPConnectionPool(host='"
                    + u.host() + "', port=" + u.port() + "): Max retries exceeded with url: " + u.path()
                    + "/auth/tokens (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object>: "
                    + o.error() + "',))");
        }
        if (o.status() != 200 || o.target().kind() != Kind.KEYSTONE) {
            return Result.fail("Not Found (HTTP 404)");
        }
        Result<KeystoneData> data = keystoneData(world, o.target());
        if (!data.ok()) {
            return Result.fail("An unexpected error prevented the server from fulfilling your request. (HTTP 500)");
        }
        // keystoneauth's generic password plugin discovers the version from an unversioned URL.
        if (!Url.parse(c.authUrl()).orElseThrow().path().matches("/?(v3/?)?")) {
            return Result.fail("Not Found (HTTP 404)");
        }
        Optional<String> token = Keystone.issueToken(data.value(), world.clock().instant(), c.username(), c.userDomain(),
                c.password(), c.projectName(), c.projectDomain());
        if (token.isEmpty()) {
            return Result.fail("The request you have made requires authentication. (HTTP 401)");
        }
        return Result.of(new Login(data.value(), token.get(), data.value().tokens.get(token.get()), o.target().host(), c));
    }

    /**
     * What keystonemiddleware in a service does before it accepts a user's token: authenticate as the service
     * itself with [keystone_authtoken]. Empty when it works, else the 503 the user sees.
     */
    public static Optional<String> authtokenFailure(World world, Host service, OsloConfig cfg) {
        try {
            Credentials c = Credentials.fromSection(cfg, "keystone_authtoken");
            Result<Login> login = login(world, service, c);
            if (login.ok()) {
                return Optional.empty();
            }
        } catch (OsloConfig.SubstitutionError e) {
            // falls through: the middleware cannot load its options
        }
        return Optional.of("The server is currently unavailable. Please try again at a later time.\n"
                + "The Keystone service is temporarily unavailable. (HTTP 503)");
    }
}

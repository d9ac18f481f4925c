package io.pikeoperator.hostsim.model;

/** The placement API (Pike: a WSGI app in httpd, its tables in nova_api). */
public final class Placement {

    private Placement() {
    }

    /**
     * The placement data behind a URL as {@code from} reaches it; errors are the HTTP outcome: a connection error,
     * 403 (the Pike packaging bug: httpd denies /usr/bin until the &lt;Directory&gt; fix and a restart), 503 or 500.
     */
    public static Result<NovaApiData> data(World world, Host from, String url) {
        Apps.Opened o = Apps.open(world, from, url);
        if (o.status() == 0) {
            return Result.fail(o.error());
        }
        if (o.status() == 403) {
            return Result.fail("403 Forbidden: You don't have permission to access / on this server.");
        }
        if (o.status() != 200 || o.target().kind() != Apps.Kind.PLACEMENT) {
            return Result.fail("404 Not Found");
        }
        OsloConfig cfg = OsloConfig.parse(o.target().snapshot().getOrDefault(Nova.NOVA_CONF, ""));
        if (Apps.authtokenFailure(world, o.target().host(), cfg).isPresent()) {
            return Result.fail("503 Service Unavailable: The Keystone service is temporarily unavailable.");
        }
        Result<HostState.Database> db = Apps.database(world, o.target().host(), cfg, "api_database");
        if (!db.ok() || db.value().novaApi == null) {
            return Result.fail("500 Internal Server Error");
        }
        return Result.of(db.value().novaApi);
    }
}

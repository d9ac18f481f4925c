package io.pikeoperator.hostsim.model;

import io.pikeoperator.hostsim.model.HostState.DbUser;
import io.pikeoperator.hostsim.model.HostState.MariaDbState;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MariaDB 10.1 as the guide's services meet it: connecting (socket or TCP, bind-address), the account matching
 * order of the grant tables (the most specific host first, anonymous users after named ones: the reason the guide
 * grants to 'controller01' as well as '%'), password checks, and database privileges.
 */
public final class MariaDb {

    public static final String SOCKET = "/var/lib/mysql/mysql.sock";
    public static final List<String> SYSTEM_DATABASES = List.of("information_schema", "mysql", "performance_schema");

    private MariaDb() {
    }

    /** What mysql_install_db creates on the first start. */
    static MariaDbState installDb(String hostname) {
        MariaDbState db = new MariaDbState();
        for (String h : List.of("localhost", hostname, "127.0.0.1", "::1")) {
            DbUser root = new DbUser("root", h);
            root.grants.add("*");
            db.userTable.add(root);
        }
        for (String h : List.of("localhost", hostname)) {
            DbUser anon = new DbUser("", h);
            anon.grants.add("test");
            anon.grants.add("test\\_%");
            db.userTable.add(anon);
        }
        db.databases.put("mysql", new HostState.Database());
        db.databases.put("test", new HostState.Database());
        return db;
    }

    public static void flushPrivileges(MariaDbState db) {
        db.acl = new ArrayList<>(db.userTable.stream().map(DbUser::copy).toList());
    }

    /** MySQL 4.1 password hash, as PASSWORD() computes it. */
    public static String hash(String password) {
        if (password == null || password.isEmpty()) {
            return "";
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            return "*" + HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(once));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An authenticated connection. */
    public record Session(Host server, MariaDbState db, DbUser account, String user, String clientHost) {
        public boolean global() {
            return account.grants.contains("*");
        }

        public String who() {
            return "'" + user + "'@'" + clientHost + "'";
        }
    }

    /** A MySQL client error: code, SQLSTATE and message, printed as "ERROR code (state): message". */
    public record Error(int code, String state, String message) {
        public String cli() {
            return state == null ? "ERROR " + code + " (HY000): " + message : "ERROR " + code + " (" + state + "): " + message;
        }

        /** How PyMySQL reports it inside an SQLAlchemy OperationalError. */
        public String pymysql() {
            return "(pymysql.err.OperationalError) (" + code + ", u\"" + message.replace("\"", "\\\"") + "\")";
        }
    }

    /** Either a session or an error. */
    public record Connect(Session session, Error error) {
        public boolean ok() {
            return session != null;
        }
    }

    /**
     * Connects as a client on {@code from} would: no host (or "localhost") means the unix socket of the local server;
     * anything else is TCP to that name.
     */
    public static Connect connect(World world, Host from, String hostName, String user, String password,
                                  String database) {
        Host server;
        String clientHost;
        String clientIp = null;
        if (hostName == null || hostName.equals("localhost")) {
            if (!from.active("mariadb")) {
                return new Connect(null, new Error(2002, null,
                        "Can't connect to local MySQL server through socket '" + SOCKET + "' (2 \"No such file or directory\")"));
            }
            server = from;
            clientHost = "localhost";
        } else {
            World.Connection c = world.connect(from, hostName, 3306);
            if (!c.ok()) {
                if (c.errno() == -2) {
                    return new Connect(null, new Error(2005, null, "Unknown MySQL server host '" + hostName + "' (-2)"));
                }
                return new Connect(null, new Error(2003, null,
                        "Can't connect to MySQL server on '" + hostName + "' (" + c.errno() + " \"" + c.error() + "\")"));
            }
            server = c.server();
            if (!server.active("mariadb")) {
                return new Connect(null, new Error(2003, null,
                        "Can't connect to MySQL server on '" + hostName + "' (111 \"Connection refused\")"));
            }
            clientIp = c.clientAddress();
            clientHost = world.reverse(server, clientIp);
        }
        MariaDbState db = server.state().mariadb;
        Optional<DbUser> account = match(db.acl, user, clientHost, clientIp);
        String shownHost = clientHost;
        if (account.isEmpty() || !account.get().passwordHash.equals(hash(password))) {
            return new Connect(null, new Error(1045, "28000", "Access denied for user '" + user + "'@'" + shownHost
                    + "' (using password: " + (password == null || password.isEmpty() ? "NO" : "YES") + ")"));
        }
        Session session = new Session(server, db, account.get(), user, account.get().host);
        if (database != null && !database.isEmpty()) {
            Optional<Error> use = use(session, database);
            if (use.isPresent()) {
                return new Connect(null, use.get());
            }
        }
        return new Connect(session, null);
    }

    /** Checks USE db: privilege first (1044), then existence (1049), as the server does. */
    public static Optional<Error> use(Session s, String database) {
        if (!canAccess(s.account(), database)) {
            return Optional.of(new Error(1044, "42000", "Access denied for user " + s.who() + " to database '"
                    + database + "'"));
        }
        if (!s.db().databases.containsKey(database) && !SYSTEM_DATABASES.contains(database)) {
            return Optional.of(new Error(1049, "42000", "Unknown database '" + database + "'"));
        }
        return Optional.empty();
    }

    public static boolean canAccess(DbUser account, String database) {
        for (String g : account.grants) {
            if (g.equals("*") || g.equals(database) || likeMatches(g, database)) {
                return true;
            }
        }
        return false;
    }

    /** The first account in the server's sort order whose host and user match (user "" matches anyone). */
    static Optional<DbUser> match(List<DbUser> acl, String user, String clientHost, String clientIp) {
        List<DbUser> sorted = new ArrayList<>(acl);
        sorted.sort(Comparator.comparingInt((DbUser u) -> hostRank(u.host)).thenComparing(u -> u.user.isEmpty() ? 1 : 0));
        for (DbUser u : sorted) {
            boolean hostOk = hostMatches(u.host, clientHost) || (clientIp != null && hostMatches(u.host, clientIp));
            if (hostOk && (u.user.isEmpty() || u.user.equals(user))) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    private static int hostRank(String host) {
        if (host.equals("%")) {
            return 2;
        }
        return host.contains("%") || host.contains("_") ? 1 : 0;
    }

    static boolean hostMatches(String pattern, String host) {
        return pattern.equalsIgnoreCase(host) || likeMatches(pattern.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT));
    }

    /** SQL LIKE with % and _, where \_ and \% are literal. */
    public static boolean likeMatches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(regex.toString());
    }

    /** A parsed SQLAlchemy URL such as mysql+pymysql://nova:secret@controller01/nova (password percent-decoded). */
    public record DbUrl(String driver, String user, String password, String host, String database) {

        public static Optional<DbUrl> parse(String url) {
            if (url == null) {
                return Optional.empty();
            }
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("^([a-z0-9+]+)://([^:@/]*)(?::([^@/]*))?@([^/:?]+)(?::\\d+)?/([^?]*)(\\?.*)?$")
                    .matcher(url.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new DbUrl(m.group(1), decode(m.group(2)), m.group(3) == null ? "" : decode(m.group(3)),
                    m.group(4), m.group(5)));
        }

        /** The URL with the password masked, as nova-manage prints it. */
        public static String masked(String url) {
            return url == null ? null : url.replaceAll("://([^:@/]*):[^@/]*@", "://$1:****@");
        }
    }

    static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Connects with an SQLAlchemy URL as an OpenStack service on {@code from} would; errors in PyMySQL's words. */
    public static Connect connectUrl(World world, Host from, String url) {
        Optional<DbUrl> parsed = DbUrl.parse(url);
        if (parsed.isEmpty()) {
            return new Connect(null, new Error(0, null, "Could not parse rfc1738 URL from string '"
                    + DbUrl.masked(url) + "'"));
        }
        DbUrl u = parsed.get();
        if (!u.driver().equals("mysql+pymysql") && !u.driver().equals("mysql")) {
            return new Connect(null, new Error(0, null, "Can't load plugin: sqlalchemy.dialects:" + u.driver()));
        }
        if (u.driver().equals("mysql+pymysql") && !from.installed("python2-PyMySQL")) {
            return new Connect(null, new Error(0, null, "ImportError: No module named pymysql"));
        }
        return connect(world, from, u.host(), u.user(), u.password(), u.database());
    }
}

package io.pikeoperator.hostsim.model;

import io.pikeoperator.hostsim.model.HostState.DbUser;
import io.pikeoperator.hostsim.model.MariaDb.Error;
import io.pikeoperator.hostsim.model.MariaDb.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL the guide and its automation send to MariaDB: databases, users, grants, passwords, the statements of
 * mysql_secure_installation, and the queries that check them. Anything else is a syntax error (1064), which is
 * also what MariaDB 10.1 answers to ALTER USER.
 */
public final class Sql {

    /** One statement's result set (empty columns for statements without rows). */
    public record Result(List<String> columns, List<List<String>> rows) {
        static Result none() {
            return new Result(List.of(), List.of());
        }
    }

    /** The outcome of a script: the results up to the first error, and that error. */
    public record Outcome(List<Result> results, Error error) {
    }

    private static final String Q = "'((?:[^'\\\\]|\\\\.|'')*)'";
    private static final String ACCOUNT = "(?:'((?:[^'\\\\]|\\\\.)*)'|(\\w+))\\s*@\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|([\\w.%-]+))";

    private Sql() {
    }

    /** Runs a script of statements separated by ';' (quotes and comments respected), stopping at the first error. */
    public static Outcome run(Session s, String script) {
        List<Result> results = new ArrayList<>();
        for (String stmt : split(script)) {
            try {
                results.add(execute(s, stmt));
            } catch (SqlError e) {
                return new Outcome(results, e.error);
            }
        }
        return new Outcome(results, null);
    }

    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == '\\' && i + 1 < script.length()) {
                    cur.append(script.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                cur.append(c);
            } else if (c == '#' || (c == '-' && script.startsWith("-- ", i))) {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && script.startsWith("/*", i)) {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? script.length() : end + 1;
            } else if (c == ';') {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    private static Result execute(Session s, String stmt) {
        String norm = collapseSpaces(stmt);
        String upper = norm.toUpperCase(Locale.ROOT);
        Matcher m;
        if ((m = match("^CREATE DATABASE (IF NOT EXISTS )?`?(\\w+)`?( .*)?$", norm)) != null) {
            requireGlobal(s, m.group(2));
            if (s.db().databases.containsKey(m.group(2))) {
                if (m.group(1) == null) {
                    throw new SqlError(1007, "HY000", "Can't create database '" + m.group(2) + "'; database exists");
                }
            } else {
                s.db().databases.put(m.group(2), new HostState.Database());
            }
            return Result.none();
        }
        if ((m = match("^DROP DATABASE (IF EXISTS )?`?(\\w+)`?$", norm)) != null) {
            requireGlobal(s, m.group(2));
            if (s.db().databases.remove(m.group(2)) == null && m.group(1) == null) {
                throw new SqlError(1008, "HY000", "Can't drop database '" + m.group(2) + "'; database doesn't exist");
            }
            return Result.none();
        }
        if ((m = match("^GRANT ALL( PRIVILEGES)? ON (`?(\\w+|\\*)`?)\\.\\* TO " + ACCOUNT + "( IDENTIFIED BY " + Q + ")?( WITH GRANT OPTION)?$", norm)) != null) {
            requireGlobal(s, m.group(3));
            String user = unescape(first(m.group(4), m.group(5)));
            String host = unescape(first(m.group(6), m.group(7)));
            String password = m.group(9) == null ? null : unescape(m.group(9));
            String db = m.group(3);
            for (List<DbUser> table : List.of(s.db().userTable, s.db().acl)) {
                DbUser u = find(table, user, host).orElse(null);
                if (u == null) {
                    if (password == null) {
                        throw new SqlError(1133, "28000", "Can't find any matching row in the user table");
                    }
                    u = new DbUser(user, host);
                    table.add(u);
                }
                if (password != null) {
                    u.passwordHash = MariaDb.hash(password);
                }
                u.grants.add(db.equals("*") ? "*" : db);
            }
            return Result.none();
        }
        if ((m = match("^CREATE USER (IF NOT EXISTS )?" + ACCOUNT + "( IDENTIFIED BY " + Q + ")?$", norm)) != null) {
            requireGlobal(s, "mysql");
            String user = unescape(first(m.group(2), m.group(3)));
            String host = unescape(first(m.group(4), m.group(5)));
            if (find(s.db().userTable, user, host).isPresent()) {
                if (m.group(1) != null) {
                    return Result.none();
                }
                throw new SqlError(1396, "HY000", "Operation CREATE USER failed for '" + user + "'@'" + host + "'");
            }
            for (List<DbUser> table : List.of(s.db().userTable, s.db().acl)) {
                DbUser u = new DbUser(user, host);
                u.passwordHash = m.group(7) == null ? "" : MariaDb.hash(unescape(m.group(7)));
                table.add(u);
            }
            return Result.none();
        }
        if ((m = match("^DROP USER (IF EXISTS )?" + ACCOUNT + "$", norm)) != null) {
            requireGlobal(s, "mysql");
            String user = unescape(first(m.group(2), m.group(3)));
            String host = unescape(first(m.group(4), m.group(5)));
            boolean removed = s.db().userTable.removeIf(u -> u.user.equals(user) && u.host.equalsIgnoreCase(host));
            s.db().acl.removeIf(u -> u.user.equals(user) && u.host.equalsIgnoreCase(host));
            if (!removed && m.group(1) == null) {
                throw new SqlError(1396, "HY000", "Operation DROP USER failed for '" + user + "'@'" + host + "'");
            }
            return Result.none();
        }
        if ((m = match("^SET PASSWORD( FOR " + ACCOUNT + ")? ?= ?PASSWORD\\(" + Q + "\\)$", norm)) != null) {
            String user = m.group(1) == null ? s.account().user : unescape(first(m.group(2), m.group(3)));
            String host = m.group(1) == null ? s.account().host : unescape(first(m.group(4), m.group(5)));
            if (m.group(1) != null && !(user.equals(s.account().user) && host.equals(s.account().host))) {
                requireGlobal(s, "mysql");
            }
            String hash = MariaDb.hash(unescape(m.group(6)));
            boolean found = false;
            for (List<DbUser> table : List.of(s.db().userTable, s.db().acl)) {
                Optional<DbUser> u = find(table, user, host);
                if (u.isPresent()) {
                    u.get().passwordHash = hash;
                    found = true;
                }
            }
            if (!found) {
                throw new SqlError(1133, "28000", "Can't find any matching row in the user table");
            }
            return Result.none();
        }
        if ((m = match("^UPDATE mysql\\.user SET (\\w+) ?= ?PASSWORD\\(" + Q + "\\)( WHERE (.*))?$", norm)) != null) {
            requireGlobal(s, "mysql");
            if (!m.group(1).equalsIgnoreCase("password") && !m.group(1).equalsIgnoreCase("authentication_string")) {
                throw new SqlError(1054, "42S22", "Unknown column '" + m.group(1) + "' in 'field list'");
            }
            String hash = MariaDb.hash(unescape(m.group(2)));
            Predicate<DbUser> where = m.group(4) == null ? u -> true : where(m.group(4));
            s.db().userTable.stream().filter(where).forEach(u -> u.passwordHash = hash);
            return Result.none();
        }
        if ((m = match("^DELETE FROM mysql\\.user( WHERE (.*))?$", norm)) != null) {
            requireGlobal(s, "mysql");
            Predicate<DbUser> where = m.group(2) == null ? u -> true : where(m.group(2));
            s.db().userTable.removeIf(where);
            return Result.none();
        }
        if ((m = match("^DELETE FROM mysql\\.db WHERE (.*)$", norm)) != null) {
            requireGlobal(s, "mysql");
            List<String> dbs = new ArrayList<>();
            Matcher v = Pattern.compile("(?i)db ?= ?" + Q).matcher(m.group(1));
            while (v.find()) {
                dbs.add(unescape(v.group(1)));
            }
            for (DbUser u : s.db().userTable) {
                u.grants.removeIf(dbs::contains);
            }
            return Result.none();
        }
        if (upper.equals("FLUSH PRIVILEGES")) {
            requireGlobal(s, "mysql");
            MariaDb.flushPrivileges(s.db());
            return Result.none();
        }
        if ((m = match("^SHOW DATABASES( LIKE " + Q + ")?$", norm)) != null) {
            List<List<String>> rows = new ArrayList<>();
            List<String> names = new ArrayList<>(MariaDb.SYSTEM_DATABASES);
            names.addAll(s.db().databases.keySet());
            String like = m.group(1) == null ? null : unescape(m.group(2));
            names.stream().distinct().sorted().filter(d -> s.global() || d.equals("information_schema")
                            || MariaDb.canAccess(s.account(), d))
                    .filter(d -> like == null || MariaDb.likeMatches(like, d))
                    .forEach(d -> rows.add(List.of(d)));
            return new Result(List.of("Database"), rows);
        }
        if ((m = match("^SHOW GRANTS( FOR " + ACCOUNT + ")?$", norm)) != null) {
            String user = m.group(1) == null ? s.account().user : unescape(first(m.group(2), m.group(3)));
            String host = m.group(1) == null ? s.account().host : unescape(first(m.group(4), m.group(5)));
            if (m.group(1) != null && !s.global() && !(user.equals(s.account().user) && host.equals(s.account().host))) {
                throw new SqlError(1044, "42000", "Access denied for user " + s.who() + " to database 'mysql'");
            }
            DbUser u = find(s.db().acl, user, host).orElseThrow(() -> new SqlError(1141, "42000",
                    "There is no such grant defined for user '" + user + "' on host '" + host + "'"));
            List<List<String>> rows = new ArrayList<>();
            String who = "'" + user + "'@'" + host + "'";
            String pw = u.passwordHash.isEmpty() ? "" : " IDENTIFIED BY PASSWORD '" + u.passwordHash + "'";
            rows.add(List.of((u.grants.contains("*") ? "GRANT ALL PRIVILEGES ON *.* TO " : "GRANT USAGE ON *.* TO ")
                    + who + pw + (u.grants.contains("*") ? " WITH GRANT OPTION" : "")));
            u.grants.stream().filter(g -> !g.equals("*"))
                    .forEach(g -> rows.add(List.of("GRANT ALL PRIVILEGES ON `" + g + "`.* TO " + who)));
            return new Result(List.of("Grants for " + user + "@" + host), rows);
        }
        if ((m = match("^SELECT (.+) FROM mysql\\.user( WHERE (.*?))?( ORDER BY .*)?$", norm)) != null) {
            if (!s.global()) {
                throw new SqlError(1142, "42000", "SELECT command denied to user " + s.who() + " for table 'user'");
            }
            Predicate<DbUser> where = m.group(3) == null ? u -> true : where(m.group(3));
            List<DbUser> rowsIn = s.db().userTable.stream().filter(where).toList();
            String cols = m.group(1).strip();
            if (cols.equalsIgnoreCase("COUNT(*)")) {
                return new Result(List.of("COUNT(*)"), List.of(List.of(String.valueOf(rowsIn.size()))));
            }
            List<String> names = new ArrayList<>();
            for (String c : cols.split(",")) {
                names.add(c.strip());
            }
            List<List<String>> rows = new ArrayList<>();
            for (DbUser u : rowsIn) {
                List<String> row = new ArrayList<>();
                for (String c : names) {
                    row.add(switch (c.toLowerCase(Locale.ROOT)) {
                        case "user" -> u.user;
                        case "host" -> u.host;
                        case "password", "authentication_string" -> u.passwordHash;
                        default -> throw new SqlError(1054, "42S22", "Unknown column '" + c + "' in 'field list'");
                    });
                }
                rows.add(row);
            }
            return new Result(names, rows);
        }
        if ((m = match("^SELECT (.+) FROM nova_api\\.cell_mappings$", norm)) != null) {
            return cellMappings(s, m.group(1));
        }
        if ((m = match("^UPDATE nova_api\\.cell_mappings SET ((?:\\w+ ?= ?" + Q + ",? ?)+) WHERE uuid ?= ?" + Q + "$", norm)) != null) {
            return updateCellMapping(s, m.group(1), unescape(m.group(m.groupCount())));
        }
        if ((m = match("^SELECT (.+) FROM nova_api\\.host_mappings( (?:\\w+ )?JOIN nova_api\\.cell_mappings .*)?$", norm)) != null) {
            return hostMappings(s, m.group(1), m.group(2));
        }
        if ((m = match("^SELECT ('?)(\\w*)\\1$", norm)) != null) {
            return new Result(List.of(m.group(2)), List.of(List.of(m.group(2))));
        }
        if ((m = match("^USE `?(\\w+)`?$", norm)) != null) {
            Optional<Error> e = MariaDb.use(s, m.group(1));
            if (e.isPresent()) {
                throw new SqlError(e.get());
            }
            return Result.none();
        }
        String near = stmt.length() > 40 ? stmt.substring(0, 40) : stmt;
        throw new SqlError(1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds "
                + "to your MariaDB server version for the right syntax to use near '" + near + "' at line 1");
    }

    /**
     * Pike's host mappings exist only in nova_api (nova-manage cell_v2 list_hosts came in Queens): the one query the
     * operator asks, {@code SELECT host_mappings.host, cell_mappings.uuid FROM nova_api.host_mappings JOIN
     * nova_api.cell_mappings ON host_mappings.cell_id = cell_mappings.id}, or the host column alone.
     */
    private static Result hostMappings(Session s, String columns, String join) {
        NovaApiData api = novaApi(s, "host_mappings");
        List<String> names = new ArrayList<>();
        for (String c : columns.split(",")) {
            String col = c.strip().toLowerCase(Locale.ROOT);
            boolean known = col.equals("host") || col.equals("host_mappings.host")
                    || (join != null && join.matches("(?i) (\\w+ )?JOIN nova_api\\.cell_mappings ON "
                    + "host_mappings\\.cell_id ?= ?cell_mappings\\.id") && col.equals("cell_mappings.uuid"));
            if (!known) {
                throw new SqlError(1054, "42S22", "Unknown column '" + c.strip() + "' in 'field list'");
            }
            names.add(c.strip());
        }
        List<List<String>> rows = new ArrayList<>();
        api.hostMappings.forEach((host, cell) -> rows.add(names.stream()
                .map(n -> n.toLowerCase(Locale.ROOT).endsWith("uuid") ? cell : host).toList()));
        return new Result(names, rows);
    }

    private static NovaApiData novaApi(Session s, String table) {
        Optional<Error> denied = MariaDb.use(s, "nova_api");
        if (denied.isPresent()) {
            throw new SqlError(denied.get());
        }
        NovaApiData api = s.db().databases.get("nova_api").novaApi;
        if (api == null) {
            throw new SqlError(1146, "42S02", "Table 'nova_api." + table + "' doesn't exist");
        }
        return api;
    }

    private static final Pattern CELL_COLUMN = Pattern.compile("(?i)(?:(SHA1|SHA2)\\((\\w+)(?:, ?(\\d+))?\\)|(\\w+))");

    /**
     * nova_api.cell_mappings as nova 16.1.8 stores it (api_models.CellMapping: uuid, name, transport_url,
     * database_connection, literal), columns or their SHA1()/SHA2(…, 256) digests (lower-case hex, as MariaDB).
     */
    private static Result cellMappings(Session s, String columns) {
        NovaApiData api = novaApi(s, "cell_mappings");
        List<String> names = new ArrayList<>();
        List<java.util.function.Function<NovaApiData.CellMapping, String>> getters = new ArrayList<>();
        for (String c : columns.split(",(?![^(]*\\))")) {
            Matcher m = CELL_COLUMN.matcher(c.strip());
            if (!m.matches()) {
                throw new SqlError(1064, "42000", "You have an error in your SQL syntax near '" + c.strip() + "'");
            }
            String col = (m.group(2) != null ? m.group(2) : m.group(4)).toLowerCase(Locale.ROOT);
            java.util.function.Function<NovaApiData.CellMapping, String> get = switch (col) {
                case "uuid" -> cm -> cm.uuid;
                case "name" -> cm -> cm.name;
                case "transport_url" -> cm -> cm.transportUrl;
                case "database_connection" -> cm -> cm.databaseConnection;
                default -> throw new SqlError(1054, "42S22", "Unknown column '" + col + "' in 'field list'");
            };
            if (m.group(1) != null) {
                String algorithm = m.group(1).equalsIgnoreCase("SHA1") ? "SHA-1"
                        : "SHA-" + (m.group(3) == null || m.group(3).equals("0") ? "256" : m.group(3));
                java.util.function.Function<NovaApiData.CellMapping, String> plain = get;
                get = cm -> plain.apply(cm) == null ? null : digest(algorithm, plain.apply(cm));
            }
            names.add(c.strip());
            getters.add(get);
        }
        List<List<String>> rows = new ArrayList<>();
        for (NovaApiData.CellMapping cm : api.cells) {
            rows.add(getters.stream().map(g -> Optional.ofNullable(g.apply(cm)).orElse("NULL")).toList());
        }
        return new Result(names, rows);
    }

    /** {@code UPDATE nova_api.cell_mappings SET col = '…'[, …] WHERE uuid = '…'} (what update_cell's save() does). */
    private static Result updateCellMapping(Session s, String assignments, String uuid) {
        NovaApiData api = novaApi(s, "cell_mappings");
        Matcher a = Pattern.compile("(\\w+) ?= ?" + Q).matcher(assignments);
        List<Runnable> sets = new ArrayList<>();
        Optional<NovaApiData.CellMapping> target = api.cells.stream().filter(c -> c.uuid.equals(uuid)).findFirst();
        while (a.find()) {
            String value = unescape(a.group(2));
            String col = a.group(1).toLowerCase(Locale.ROOT);
            sets.add(switch (col) {
                case "name" -> () -> target.ifPresent(c -> c.name = value);
                case "transport_url" -> () -> target.ifPresent(c -> c.transportUrl = value);
                case "database_connection" -> () -> target.ifPresent(c -> c.databaseConnection = value);
                default -> throw new SqlError(1054, "42S22", "Unknown column '" + col + "' in 'field list'");
            });
        }
        sets.forEach(Runnable::run);
        return Result.none();
    }

    private static String digest(String algorithm, String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm)
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new SqlError(1064, "42000", "You have an error in your SQL syntax near '" + algorithm + "'");
        }
    }

    /** Runs of whitespace outside quoted strings become one space: a literal (a password) keeps its own spaces. */
    static String collapseSpaces(String stmt) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < stmt.length(); i++) {
            char c = stmt.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < stmt.length()) {
                    out.append(stmt.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (Character.isWhitespace(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                if (c == '\'' || c == '"' || c == '`') {
                    quote = c;
                }
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** WHERE over mysql.user: col = 'v', col != 'v', col IN (...), col NOT IN (...), joined by AND / OR. */
    static Predicate<DbUser> where(String clause) {
        String[] ors = clause.split("(?i) OR ");
        Predicate<DbUser> result = u -> false;
        for (String or : ors) {
            Predicate<DbUser> all = u -> true;
            for (String cond : or.split("(?i) AND ")) {
                String c = cond.strip();
                if (c.startsWith("(") && c.endsWith(")")) {
                    c = c.substring(1, c.length() - 1).strip();
                }
                all = all.and(condition(c));
            }
            result = result.or(all);
        }
        return result;
    }

    private static Predicate<DbUser> condition(String cond) {
        Matcher m = Pattern.compile("(?i)^(\\w+) ?(=|!=|<>) ?" + Q + "$").matcher(cond);
        if (m.matches()) {
            String col = m.group(1);
            String value = unescape(m.group(3));
            Predicate<DbUser> eq = u -> column(u, col).equals(value);
            return m.group(2).equals("=") ? eq : eq.negate();
        }
        m = Pattern.compile("(?i)^(\\w+) (NOT )?IN ?\\((.*)\\)$").matcher(cond);
        if (m.matches()) {
            String col = m.group(1);
            List<String> values = new ArrayList<>();
            Matcher v = Pattern.compile(Q).matcher(m.group(3));
            while (v.find()) {
                values.add(unescape(v.group(1)));
            }
            Predicate<DbUser> in = u -> values.contains(column(u, col));
            return m.group(2) == null ? in : in.negate();
        }
        throw new SqlError(1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds "
                + "to your MariaDB server version for the right syntax to use near '" + cond + "' at line 1");
    }

    private static String column(DbUser u, String col) {
        return switch (col.toLowerCase(Locale.ROOT)) {
            case "user" -> u.user;
            case "host" -> u.host;
            case "password" -> u.passwordHash;
            default -> throw new SqlError(1054, "42S22", "Unknown column '" + col + "' in 'where clause'");
        };
    }

    private static void requireGlobal(Session s, String database) {
        if (!s.global()) {
            throw new SqlError(1044, "42000", "Access denied for user " + s.who() + " to database '" + database + "'");
        }
    }

    private static Optional<DbUser> find(List<DbUser> table, String user, String host) {
        return table.stream().filter(u -> u.user.equals(user) && u.host.equalsIgnoreCase(host)).findFirst();
    }

    private static Matcher match(String regex, String s) {
        Matcher m = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(s);
        return m.matches() ? m : null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** A single-quoted SQL string's content: backslash escapes and doubled quotes. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case '_', '%' -> "\\" + n;
                    default -> n;
                });
            } else if (c == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                out.append('\'');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final class SqlError extends RuntimeException {
        final Error error;

        SqlError(int code, String state, String message) {
            this(new Error(code, state, message));
        }

        SqlError(Error error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}

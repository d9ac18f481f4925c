package io.pikeoperator.plan.infra;

import io.pikeoperator.engine.Observation;
import io.pikeoperator.engine.Probe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Questions to MariaDB as root (credentials from /root/.my.cnf) and the answers' reading. */
public final class MariaDbQueries {

    static final Probe DATABASES = Probe.of("mysql -N -e 'SHOW DATABASES'");
    public static final Probe ACCOUNTS = Probe.of("mysql -N -e 'SELECT User, Host, Password FROM mysql.user'");

    private MariaDbQueries() {
    }

    public static Probe grants(String user, List<String> hosts) {
        StringBuilder s = new StringBuilder();
        for (String h : hosts) {
            s.append("echo '@").append(h).append("'; mysql -N -e ")
                    .append(io.pikeoperator.engine.Shell.quote("SHOW GRANTS FOR '" + user + "'@'" + h + "'")).append("\n");
        }
        return Probe.of(s.toString());
    }

    /** True when {@code user}@{@code host} exists with {@code password} (compared by its hash, never sent). */
    public static boolean hasAccount(Observation accounts, String user, String host, String password) {
        String hash = hash(password);
        return accounts.lines().stream().map(l -> l.split("\\s+")).anyMatch(f -> f.length >= 3 && f[0].equals(user)
                && f[1].equalsIgnoreCase(host) && f[2].equalsIgnoreCase(hash));
    }

    /** True when the grants answer shows ALL on {@code database} for {@code host}. */
    public static boolean granted(Observation grants, String host, String database) {
        String section = section(grants.output(), host);
        return section.lines().anyMatch(l -> l.contains("GRANT ALL PRIVILEGES ON `" + database + "`.*"));
    }

    private static String section(String output, String host) {
        int start = output.indexOf("@" + host + "\n");
        if (start < 0) {
            return "";
        }
        int end = output.indexOf("\n@", start + 1);
        return end < 0 ? output.substring(start) : output.substring(start, end);
    }

    /** MySQL 4.1's PASSWORD(): '*' and the upper-case hex of SHA1(SHA1(password)). */
    public static String hash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            return "*" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(once)).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

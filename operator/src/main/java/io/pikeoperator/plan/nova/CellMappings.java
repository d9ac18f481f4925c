package io.pikeoperator.plan.nova;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.engine.Observation;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepFailure;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.plan.Values;
import io.pikeoperator.plan.step.GuardedStep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The URLs Pike's {@code nova-manage cell_v2 map_cell0} / {@code create_cell} copied into nova_api.cell_mappings
 * (nova 16.1.8 stores them literally, passwords included), kept equal to the current passwords: a rotated
 * {@code nova-db} or {@code rabbitmq} is written there too. Read and written as MariaDB's root, by SQL on stdin
 * ({@code update_cell --transport-url} would put the password on argv); the probe reads only SHA-256 digests.
 */
public final class CellMappings {

    public static final String CELL0_UUID = "00000000-0000-0000-0000-000000000000";
    /** The services that cache a cell's connections (nova/context.py CELL_CACHE, the scheduler's cell list). */
    static final List<String> CACHING_UNITS = List.of("openstack-nova-api", "openstack-nova-scheduler",
            "openstack-nova-conductor");
    /** "uuid TAB name TAB sha256(transport_url) TAB sha256(database_connection)" per cell. */
    static final Probe DIGESTS = Probe.of("mysql -N -e 'SELECT uuid, name, SHA2(transport_url, 256), "
            + "SHA2(database_connection, 256) FROM nova_api.cell_mappings'");

    private CellMappings() {
    }

    /** cell1's transport URL, as nova.conf's [DEFAULT]/transport_url (before oslo.config escaping). */
    public static String transportUrl(Cluster cluster) {
        return "rabbit://openstack:" + Values.url(cluster.passwords().get(Passwords.RABBITMQ)) + "@"
                + cluster.controllerName();
    }

    static String databaseUrl(Cluster cluster, String database) {
        return Values.sqlAlchemyUrl("nova", cluster.passwords().get(Passwords.NOVA_DB), cluster.controllerName(), database);
    }

    /** The URLs a cell should hold, by cell uuid or name: cell0 keeps its none:/// transport. */
    public record Wanted(String transportUrl, String databaseUrl) {
    }

    public static Wanted wanted(Cluster cluster, String uuid, String name) {
        if (uuid.equals(CELL0_UUID)) {
            return new Wanted(null, databaseUrl(cluster, "nova_cell0"));
        }
        return "cell1".equals(name) ? new Wanted(transportUrl(cluster), databaseUrl(cluster, "nova")) : null;
    }

    /** The UPDATE statements that bring the mappings the probe showed to {@code wanted}, by cell uuid. */
    public static String updates(Observation digests, BiFunction<String, String, Wanted> wanted) {
        StringBuilder sql = new StringBuilder();
        for (Map.Entry<String, List<String>> stale : stale(digests, wanted).entrySet()) {
            String uuid = stale.getKey();
            Wanted w = wanted.apply(uuid, stale.getValue().get(0));
            List<String> sets = new ArrayList<>();
            if (w.transportUrl() != null) {
                sets.add("transport_url = " + Values.sql(w.transportUrl()));
            }
            sets.add("database_connection = " + Values.sql(w.databaseUrl()));
            sql.append("UPDATE nova_api.cell_mappings SET ").append(String.join(", ", sets))
                    .append(" WHERE uuid = ").append(Values.sql(uuid)).append(";\n");
        }
        return sql.toString();
    }

    /** The cells whose stored URLs differ from the wanted ones: uuid to [name, what differs]. */
    public static Map<String, List<String>> stale(Observation digests, BiFunction<String, String, Wanted> wanted) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String line : digests.lines()) {
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                continue;
            }
            Wanted w = wanted.apply(f[0], f[1]);
            if (w == null) {
                continue;
            }
            List<String> differs = new ArrayList<>();
            if (w.transportUrl() != null && !f[2].equalsIgnoreCase(sha256(w.transportUrl()))) {
                differs.add("transport_url");
            }
            if (!f[3].equalsIgnoreCase(sha256(w.databaseUrl()))) {
                differs.add("database_connection");
            }
            if (!differs.isEmpty()) {
                out.put(f[0], List.of(f[1], String.join(" and ", differs)));
            }
        }
        return out;
    }

    /** On the controller, after create_cell: the mappings hold the current passwords; the caching services restart. */
    static Step step(Cluster cluster) {
        BiFunction<String, String, Wanted> wanted = (uuid, name) -> wanted(cluster, uuid, name);
        return GuardedStep.action(ConditionTypes.NOVA_CONTROL_PLANE, "cell mappings hold the current passwords",
                List.of(DIGESTS), (seen, ctx) -> {
                    Observation digests = readable(seen.get(DIGESTS));
                    List<String> problems = new ArrayList<>();
                    stale(digests, wanted).forEach((uuid, s) -> problems.add(s.get(0) + " " + s.get(1) + " outdated"));
                    return problems.isEmpty() ? null : String.join(", ", problems);
                }, (seen, ctx) -> Script.of("printf '%s\\n' \"$SQL\" | mysql")
                        .with("SQL", updates(readable(seen.get(DIGESTS)), wanted)), "CellMappingUpdateFailed")
                .notifying(CACHING_UNITS);
    }

    private static Observation readable(Observation digests) throws StepFailure {
        if (!digests.ok()) {
            throw new StepFailure("CellMappingUpdateFailed", "cannot read nova_api.cell_mappings (exit "
                    + digests.exit() + ")");
        }
        return digests;
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

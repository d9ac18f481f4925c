package io.pikeoperator.plan.nova;

import io.pikeoperator.engine.Observation;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.PlanFiles;
import io.pikeoperator.plan.Values;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CellMappingsTest {

    private static final String HOSTILE = "it's \\ \"$x` ;%41 DROP";
    private static final String ENCODED = "it%27s%20%5C%20%22%24x%60%20%3B%2541%20DROP";
    private final Cluster cluster = PlanFiles.cluster("10.0.0.11", List.of(), "10.0.0.0/24", List.of(),
            PlanFiles.allPasswords(HOSTILE));

    private CellMappings.Wanted wanted(String uuid, String name) {
        return CellMappings.wanted(cluster, uuid, name);
    }

    private static Observation digests(String... rows) {
        return new Observation(0, String.join("\n", rows) + "\n");
    }

    private static String row(String uuid, String name, String transport, String database) {
        return uuid + "\t" + name + "\t" + CellMappings.sha256(transport) + "\t" + CellMappings.sha256(database);
    }

    @Test
    void wantedUrlsAreNovaConfsWithThePasswordPercentEncodedAndCell0KeepsItsTransport() {
        assertThat(CellMappings.transportUrl(cluster)).isEqualTo("rabbit://openstack:" + ENCODED + "@controller01");
        assertThat(wanted(CellMappings.CELL0_UUID, "cell0")).isEqualTo(new CellMappings.Wanted(null,
                "mysql+pymysql://nova:" + ENCODED + "@controller01/nova_cell0"));
        assertThat(wanted("u1", "cell1")).isEqualTo(new CellMappings.Wanted(
                "rabbit://openstack:" + ENCODED + "@controller01", "mysql+pymysql://nova:" + ENCODED + "@controller01/nova"));
        assertThat(wanted("u2", "other")).as("a cell the operator did not create is left alone").isNull();
    }

    @Test
    void mappingsHoldingTheCurrentUrlsAreNotStale() {
        Observation seen = digests(row(CellMappings.CELL0_UUID, "cell0", "none:///", wanted(CellMappings.CELL0_UUID, "cell0").databaseUrl()),
                row("u1", "cell1", wanted("u1", "cell1").transportUrl(), wanted("u1", "cell1").databaseUrl()),
                row("u2", "NULL", "rabbit://x:old@h", "mysql+pymysql://x:old@h/x"));
        assertThat(CellMappings.stale(seen, this::wanted)).isEmpty();
        assertThat(CellMappings.updates(seen, this::wanted)).isEmpty();
    }

    @Test
    void staleMappingsAreNamedWithoutValuesAndUpdatedByUuidWithEveryValueQuoted() {
        String hostileUuid = "u1' OR '1'='1";
        Observation seen = digests(
                row(CellMappings.CELL0_UUID, "cell0", "none:///", "mysql+pymysql://nova:old@controller01/nova_cell0"),
                row(hostileUuid, "cell1", "rabbit://openstack:old@controller01", wanted("u1", "cell1").databaseUrl()));
        Map<String, List<String>> stale = CellMappings.stale(seen, this::wanted);
        assertThat(stale).containsOnlyKeys(CellMappings.CELL0_UUID, hostileUuid);
        assertThat(stale.get(CellMappings.CELL0_UUID)).containsExactly("cell0", "database_connection");
        assertThat(stale.get(hostileUuid)).containsExactly("cell1", "transport_url");
        assertThat(stale.toString()).doesNotContain("old").doesNotContain(ENCODED);

        assertThat(CellMappings.updates(seen, this::wanted)).isEqualTo(
                "UPDATE nova_api.cell_mappings SET database_connection = 'mysql+pymysql://nova:" + ENCODED
                        + "@controller01/nova_cell0' WHERE uuid = '" + CellMappings.CELL0_UUID + "';\n"
                + "UPDATE nova_api.cell_mappings SET transport_url = 'rabbit://openstack:" + ENCODED + "@controller01', "
                        + "database_connection = 'mysql+pymysql://nova:" + ENCODED + "@controller01/nova' "
                        + "WHERE uuid = 'u1\\' OR \\'1\\'=\\'1';\n");
    }

    @Test
    void aLiteralThatNeedsSqlQuotingIsQuoted() {
        // percent-encoding leaves no quote in a URL the operator builds; the SQL literal still escapes ' and \
        assertThat(Values.sql("rabbit://o:a'b\\c@h")).isEqualTo("'rabbit://o:a\\'b\\\\c@h'");
    }
}

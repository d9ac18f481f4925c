package io.pikeoperator.hostsim.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTest {

    private final HostState.MariaDbState db = MariaDb.installDb("controller01");

    private MariaDb.Session root() {
        MariaDb.flushPrivileges(db);
        HostState.DbUser account = db.acl.stream().filter(u -> u.user.equals("root") && u.host.equals("localhost"))
                .findFirst().orElseThrow();
        return new MariaDb.Session(null, db, account, "root", "localhost");
    }

    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() {
        assertThat(Sql.split("SELECT 'a;b'; -- c;\nSELECT 2 # d;\n; /* e; */ SELECT 3"))
                .containsExactly("SELECT 'a;b'", "SELECT 2", "SELECT 3");
    }

    @Test
    void spacesInsideALiteralAreKeptWhileThoseBetweenWordsAreNot() {
        // MariaDB's lexer keeps a string literal as written (MariaDbContractIT: a password of "  a  b  " works)
        Sql.Outcome o = Sql.run(root(), "GRANT   ALL PRIVILEGES\n ON nova.*\tTO 'nova'@'%'  IDENTIFIED BY '  lead  and trail  '");
        assertThat(o.error()).isNull();
        assertThat(db.userTable.stream().filter(u -> u.user.equals("nova")).findFirst().orElseThrow().passwordHash)
                .isEqualTo(MariaDb.hash("  lead  and trail  "));
        assertThat(Sql.collapseSpaces(" SET  PASSWORD =\nPASSWORD('a  \\'  b') ")).isEqualTo("SET PASSWORD = PASSWORD('a  \\'  b')");
    }

    @Test
    void directGrantTableEditsNeedFlushPrivileges() {
        MariaDb.Session s = root();
        Sql.Outcome o = Sql.run(s, "UPDATE mysql.user SET Password=PASSWORD('x') WHERE User='root'; DELETE FROM mysql.user WHERE User=''");
        assertThat(o.error()).isNull();
        assertThat(db.acl.stream().anyMatch(u -> u.user.isEmpty())).as("still loaded").isTrue();
        Sql.run(s, "FLUSH PRIVILEGES");
        assertThat(db.acl.stream().anyMatch(u -> u.user.isEmpty())).isFalse();
        assertThat(db.acl.stream().filter(u -> u.user.equals("root")).allMatch(u -> u.passwordHash.equals(MariaDb.hash("x"))))
                .isTrue();
    }

    @Test
    void grantWithAPasswordCreatesTheAccountAndQuotesAreUnescaped() {
        Sql.Outcome o = Sql.run(root(), "CREATE DATABASE nova; GRANT ALL PRIVILEGES ON nova.* TO 'nova'@'%' "
                + "IDENTIFIED BY 'it''s \\\\ \\'odd\\''");
        assertThat(o.error()).isNull();
        HostState.DbUser nova = db.acl.stream().filter(u -> u.user.equals("nova")).findFirst().orElseThrow();
        assertThat(nova.passwordHash).isEqualTo(MariaDb.hash("it's \\ 'odd'"));
        assertThat(nova.grants).containsExactly("nova");
    }

    @Test
    void cellMappingsAreReadAsDigestsAndUpdatedByUuid() {
        Sql.run(root(), "CREATE DATABASE nova_api");
        NovaApiData api = new NovaApiData();
        db.databases.get("nova_api").novaApi = api;
        NovaApiData.CellMapping cell1 = new NovaApiData.CellMapping();
        cell1.uuid = "c1";
        cell1.name = "cell1";
        cell1.transportUrl = "rabbit://openstack:old@controller01";
        cell1.databaseConnection = "mysql+pymysql://nova:old@controller01/nova";
        api.cells.add(cell1);

        Sql.Outcome read = Sql.run(root(), "SELECT uuid, name, SHA2(transport_url, 256), SHA1(database_connection) "
                + "FROM nova_api.cell_mappings");
        assertThat(read.error()).isNull();
        // MariaDB's SHA2('abc', 256) and SHA1('abc') as lower-case hex; here of the stored URLs
        assertThat(read.results().get(0).rows()).containsExactly(List.of("c1", "cell1",
                hex("SHA-256", cell1.transportUrl), hex("SHA-1", cell1.databaseConnection)));

        Sql.Outcome update = Sql.run(root(), "UPDATE nova_api.cell_mappings SET transport_url = 'rabbit://openstack:it\\'s@c', "
                + "database_connection = 'x''y' WHERE uuid = 'c1'; UPDATE nova_api.cell_mappings SET name = 'z' WHERE uuid = 'none'");
        assertThat(update.error()).isNull();
        assertThat(cell1.transportUrl).isEqualTo("rabbit://openstack:it's@c");
        assertThat(cell1.databaseConnection).isEqualTo("x'y");
        assertThat(cell1.name).isEqualTo("cell1");
        assertThat(Sql.run(root(), "UPDATE nova_api.cell_mappings SET password = 'p' WHERE uuid = 'c1'").error().code())
                .isEqualTo(1054);
    }

    private static String hex(String algorithm, String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm)
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void alterUserIsASyntaxErrorIn101AndStopsTheScript() {
        Sql.Outcome o = Sql.run(root(), "CREATE DATABASE a; ALTER USER 'root'@'localhost' IDENTIFIED BY 'x'; CREATE DATABASE b");
        assertThat(o.error().code()).isEqualTo(1064);
        assertThat(db.databases).containsKey("a").doesNotContainKey("b");
    }

    @Test
    void creatingAnExistingDatabaseFailsUnlessIfNotExists() {
        MariaDb.Session s = root();
        Sql.run(s, "CREATE DATABASE keystone");
        assertThat(Sql.run(s, "CREATE DATABASE keystone").error().code()).isEqualTo(1007);
        assertThat(Sql.run(s, "CREATE DATABASE IF NOT EXISTS keystone").error()).isNull();
    }
}

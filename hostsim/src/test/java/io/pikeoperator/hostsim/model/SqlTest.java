package io.pikeoperator.hostsim.model;

import org.junit.jupiter.api.Test;

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

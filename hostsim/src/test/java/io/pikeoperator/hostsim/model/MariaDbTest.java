package io.pikeoperator.hostsim.model;

import io.pikeoperator.hostsim.model.HostState.DbUser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbTest {

    @Test
    void passwordHashIsMysql41() {
        assertThat(MariaDb.hash("password")).isEqualTo("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
        assertThat(MariaDb.hash("")).isEmpty();
    }

    @Test
    void theMostSpecificHostMatchesFirstAndAnonymousComesAfterNamed() {
        HostState.MariaDbState db = MariaDb.installDb("controller01");
        DbUser wildcard = new DbUser("keystone", "%");
        db.userTable.add(wildcard);
        MariaDb.flushPrivileges(db);

        assertThat(MariaDb.match(db.acl, "keystone", "controller01", "10.0.0.11")).get()
                .extracting(u -> u.user + "@" + u.host).isEqualTo("@controller01");
        assertThat(MariaDb.match(db.acl, "keystone", "computer01", "10.0.0.31")).get()
                .extracting(u -> u.user + "@" + u.host).isEqualTo("keystone@%");

        db.userTable.add(new DbUser("keystone", "controller01"));
        MariaDb.flushPrivileges(db);
        assertThat(MariaDb.match(db.acl, "keystone", "controller01", "10.0.0.11")).get()
                .extracting(u -> u.user + "@" + u.host).isEqualTo("keystone@controller01");
    }

    @Test
    void likePatternsHonourEscapes() {
        assertThat(MariaDb.likeMatches("test\\_%", "test_db")).isTrue();
        assertThat(MariaDb.likeMatches("test\\_%", "testXdb")).isFalse();
        assertThat(MariaDb.likeMatches("10.0.0.%", "10.0.0.31")).isTrue();
    }

    @Test
    void sqlAlchemyUrlsArePercentDecoded() {
        MariaDb.DbUrl u = MariaDb.DbUrl.parse("mysql+pymysql://nova:p%40ss%2Fw%25rd@controller01/nova_api").orElseThrow();
        assertThat(List.of(u.user(), u.password(), u.host(), u.database()))
                .containsExactly("nova", "p@ss/w%rd", "controller01", "nova_api");
        assertThat(MariaDb.DbUrl.masked("mysql+pymysql://nova:secret@controller01/nova"))
                .isEqualTo("mysql+pymysql://nova:****@controller01/nova");
    }
}

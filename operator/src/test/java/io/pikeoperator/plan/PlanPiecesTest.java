package io.pikeoperator.plan;

import io.pikeoperator.plan.base.ChronyConf;
import io.pikeoperator.plan.infra.HttpdConf;
import io.pikeoperator.plan.infra.MariaDbQueries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanPiecesTest {

    static final String CHRONY = """
            # Use public servers from the pool.ntp.org project.
            server 0.centos.pool.ntp.org iburst
            server 1.centos.pool.ntp.org iburst

            # Allow NTP client access from local network.
            #allow 192.168.0.0/16
            """;

    @Test
    void chronyOnTheControllerAllowsTheNetworkAndKeepsTheDistributionServersUnlessGiven() {
        String out = ChronyConf.server(CHRONY, List.of(), "10.0.0.0/24");
        assertThat(out).contains("server 0.centos.pool.ntp.org iburst", "#allow 192.168.0.0/16\nallow 10.0.0.0/24");
        assertThat(ChronyConf.server(out, List.of(), "10.0.0.0/24")).isEqualTo(out);
        assertThat(ChronyConf.server(CHRONY, List.of("ntp.example.org"), "10.0.0.0/24"))
                .contains("server ntp.example.org iburst").doesNotContain("centos.pool");
    }

    @Test
    void chronyElsewhereUsesOnlyTheController() {
        String out = ChronyConf.client(CHRONY, "controller01");
        assertThat(out).contains("server controller01 iburst").doesNotContain("pool.ntp.org iburst");
        assertThat(ChronyConf.client(out, "controller01")).isEqualTo(out);
    }

    @Test
    void valuesAreWrittenSoTheyArriveUnchanged() {
        assertThat(Values.oslo("a$b")).isEqualTo("a$$b");
        assertThat(Values.oslo("a\\$b\\")).isEqualTo("a\\\\$b\\"); // oslo.config reads "\\$" as "$$"
        assertThat(Values.oslo("\"quoted\"")).isEqualTo("\"\"quoted\"\"");
        assertThat(Values.oslo(" spaced ")).isEqualTo("\" spaced \"");
        assertThat(Values.url("p@s/s %:#;")).isEqualTo("p%40s%2Fs%20%25%3A%23%3B");
        assertThat(Values.sql("it's a \\")).isEqualTo("'it\\'s a \\\\'");
        assertThat(Values.optionFile("a\"b#c")).isEqualTo("\"a\\\"b#c\"");
        assertThat(Values.dbUrl("nova", "p$w", "controller01", "nova")).isEqualTo("mysql+pymysql://nova:p%24w@controller01/nova");
    }

    @Test
    void mysqlPasswordHashIsTheServersPasswordFunction() {
        // SELECT PASSWORD('password') on MySQL 4.1+ / MariaDB
        assertThat(MariaDbQueries.hash("password")).isEqualTo("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
    }

    @Test
    void missingPasswordsAreGeneratedStrongAndUnprintableOnesRefusedWithoutTheValue() throws Exception {
        List<String> generated = new ArrayList<>();
        Passwords p = Passwords.completing(Map.of("admin", "given one"), generated);
        assertThat(generated).hasSize(Passwords.KEYS.size() - 1).doesNotContain("admin");
        assertThat(p.get("admin")).isEqualTo("given one");
        assertThat(p.get("nova")).hasSize(32).matches("[A-Za-z0-9]+").isNotEqualTo(p.get("glance"));
        assertThat(p.toString()).doesNotContain("given one");
        assertThatThrownBy(() -> Passwords.completing(Map.of("rabbitmq", "new\nline"), new ArrayList<>()))
                .hasMessage("password 'rabbitmq' contains a character that is not printable ASCII (at position 4)");
    }

    @Test
    void placementAccessIsAddedInsideTheVirtualHostOnce() {
        String vhost = "Listen 8778\n<VirtualHost *:8778>\n  WSGIProcessGroup nova-placement-api\n</VirtualHost>\n";
        String out = HttpdConf.placementAccess(vhost);
        assertThat(out).contains("<Directory /usr/bin>").endsWith("</Directory>\n</VirtualHost>\n");
        assertThat(HttpdConf.placementAccess(out)).isEqualTo(out);
        assertThat(HttpdConf.serverName("#ServerName www.example.com:80\n", "controller01"))
                .isEqualTo("#ServerName www.example.com:80\nServerName controller01\n");
    }
}

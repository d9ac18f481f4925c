package io.pikeoperator.config;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigEditsTest {

    static final String NOVA = """
            [DEFAULT]
            # enabled_apis = osapi_compute
            #my_ip=<host_ipv4>
            debug = true

            [database]
            #connection=<None>
            connection = mysql://old
            connection = mysql://duplicate
            """;

    @Test
    void iniKeysAreSetInPlaceAndEverythingElseSurvives() {
        String out = IniFile.parse(NOVA).set("DEFAULT", "my_ip", "10.0.0.11").set("database", "connection", "mysql://new")
                .set("vnc", "enabled", "true").text();
        assertThat(out).isEqualTo("""
                [DEFAULT]
                my_ip = 10.0.0.11
                # enabled_apis = osapi_compute
                #my_ip=<host_ipv4>
                debug = true

                [database]
                #connection=<None>
                connection = mysql://new

                [vnc]
                enabled = true
                """);
        assertThat(IniFile.parse(out).get("database", "connection")).isEqualTo("mysql://new");
    }

    @Test
    void aFileAlreadyRightStaysByteEqual() {
        String text = "[token]\nprovider=fernet\n# trailing comment";
        assertThat(IniFile.parse(text).set("token", "provider", "fernet").text()).isEqualTo(text);
    }

    @Test
    void shellVariablesAreQuotedAndReplacedOnce() {
        String sysconfig = "PORT=\"11211\"\nOPTIONS=\"-l 127.0.0.1,::1\"\n# OPTIONS=\"old\"\n";
        String out = ShellVariables.set(ShellVariables.set(sysconfig, "OPTIONS", "-l 127.0.0.1,::1,controller01"), "NEW", "a\"$b");
        assertThat(out).isEqualTo("PORT=\"11211\"\nOPTIONS=\"-l 127.0.0.1,::1,controller01\"\n# OPTIONS=\"old\"\nNEW=\"a\\\"\\$b\"\n");
        assertThat(ShellVariables.set("PORT=11211\n", "PORT", "11211")).isEqualTo("PORT=11211\n");
    }

    @Test
    void hostsFileGetsMissingNamesAndLosesWrongAddressesOnly() {
        String hosts = """
                127.0.0.1   localhost localhost.localdomain
                10.0.0.99   controller01 old-alias
                10.0.0.31   computer01 # the compute
                192.168.1.5 printer
                """;
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("controller01", "10.0.0.11");
        entries.put("computer01", "10.0.0.31");
        entries.put("block01", "10.0.0.41");
        String out = HostsFile.ensure(hosts, entries);
        assertThat(out).isEqualTo("""
                127.0.0.1   localhost localhost.localdomain
                10.0.0.99   old-alias
                10.0.0.31   computer01 # the compute
                192.168.1.5 printer
                10.0.0.11   controller01
                10.0.0.41   block01
                """);
        assertThat(HostsFile.ensure(out, entries)).isEqualTo(out);
    }
}

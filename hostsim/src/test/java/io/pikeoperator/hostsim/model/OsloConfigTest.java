package io.pikeoperator.hostsim.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OsloConfigTest {

    @Test
    void lastValueWinsAndCommentsAreWholeLinesOnly() {
        OsloConfig c = OsloConfig.parse("[DEFAULT]\n#my_ip = 1.1.1.1\nmy_ip = 10.0.0.11\n[keystone_authtoken]\n"
                + "password = a#b;c\npassword = final # not a comment\n");
        assertThat(c.get("DEFAULT", "my_ip")).contains("10.0.0.11");
        assertThat(c.get("keystone_authtoken", "password")).contains("final # not a comment");
    }

    @Test
    void substitutesFromTheSectionOrDefaultAndDoubleDollarIsLiteral() {
        OsloConfig c = OsloConfig.parse("[DEFAULT]\nmy_ip = 10.0.0.31\n[vnc]\nlisten = $my_ip\nproxy = ${my_ip}:80\n"
                + "[placement]\npassword = pa$$word\n");
        assertThat(c.get("vnc", "listen")).contains("10.0.0.31");
        assertThat(c.get("vnc", "proxy")).contains("10.0.0.31:80");
        assertThat(c.get("placement", "password")).contains("pa$word");
    }

    @Test
    void anUnknownNameIsASubstitutionErrorAsInOsloConfig() {
        OsloConfig c = OsloConfig.parse("[placement]\npassword = pa$word\n");
        assertThatThrownBy(() -> c.get("placement", "password")).isInstanceOf(OsloConfig.SubstitutionError.class)
                .hasMessageContaining("word");
    }

    @Test
    void matchingQuotesAreRemovedAndValuesStripped() {
        OsloConfig c = OsloConfig.parse("[a]\nx = \"quoted value\"\ny =   spaced   \nz = 'mis\"\n");
        assertThat(c.get("a", "x")).contains("quoted value");
        assertThat(c.get("a", "y")).contains("spaced");
        assertThat(c.get("a", "z")).contains("'mis\"");
    }

    @Test
    void backslashDollarIsALiteralDollarAndInvalidPlaceholdersStayAsOsloConfig4Reads() {
        // oslo.config 4.11.2 ConfigOpts._substitute: "\$" -> "$$" first, then string.Template.safe_substitute
        OsloConfig c = OsloConfig.parse("[DEFAULT]\nmy_ip = 10.0.0.31\n[a]\nx = a\\$b\ny = a\\\\$b\nz = $1 ${ $ ${1x} $\n"
                + "g = ${my_ip}/$a.w\nw = W\n");
        assertThat(c.get("a", "x")).contains("a$b");
        assertThat(c.get("a", "y")).contains("a\\$b");
        assertThat(c.get("a", "z")).contains("$1 ${ $ ${1x} $");
        assertThat(c.get("a", "g")).contains("10.0.0.31/W");
    }

    @Test
    void aLoneQuoteIsItsOwnPairAndUnquotesToNothing() {
        // iniparser._split_key_value: value[0] == value[-1] holds for a one-character value
        OsloConfig c = OsloConfig.parse("[a]\nx = \"\ny = '\n");
        assertThat(c.get("a", "x")).contains("");
        assertThat(c.get("a", "y")).contains("");
    }
}

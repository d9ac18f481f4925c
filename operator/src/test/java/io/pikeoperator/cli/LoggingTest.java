package io.pikeoperator.cli;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoggingTest {

    @Test
    void aLevelAloneIsTheOperatorsAndPairsNameAnyLogger() {
        assertThat(Logging.parse("info, io.pikeoperator.ssh=DEBUG,root=warn")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "io.pikeoperator", Level.INFO, "io.pikeoperator.ssh", Level.DEBUG, "", Level.WARN));
        assertThat(Logging.parse(null)).isEmpty();
        assertThat(Logging.parse(" ")).isEmpty();
    }

    @Test
    void anUnknownLevelOrFormatIsRefused() {
        assertThatThrownBy(() -> Logging.parse("io.pikeoperator=loud")).hasMessageContaining("bad log level 'io.pikeoperator=loud'");
        assertThatThrownBy(() -> Logging.parse("=debug")).hasMessageContaining("bad log level");
        assertThatThrownBy(() -> Logging.format("xml")).hasMessageContaining("text or json");
    }
}

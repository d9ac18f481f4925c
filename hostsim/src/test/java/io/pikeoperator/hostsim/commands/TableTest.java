package io.pikeoperator.hostsim.commands;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PrettyTable 0.7.2's default alignment is centred, as Python's str.center (values from Python 2.7.18). */
class TableTest {

    @Test
    void centringMatchesPythonsStrCenter() {
        String[][] cases = {{"ab", "5", "  ab "}, {"abc", "6", " abc  "}, {"abc", "7", "  abc  "}, {"Name", "5", " Name"},
                {"cell0", "8", " cell0  "}, {"x", "4", " x  "}, {"", "3", "   "}};
        for (String[] c : cases) {
            assertThat(Table.centre(c[0], Integer.parseInt(c[1]))).as(c[0] + " in " + c[1]).isEqualTo(c[2]);
        }
    }

    @Test
    void aBarePrettyTableCentresHeaderAndCellsWhileCliffsIsLeftAligned() {
        List<List<String>> rows = List.of(List.of("cell0", "a"), List.of("cell1x", "bb"));
        assertThat(Table.renderCentered(List.of("Name", "UUID"), rows)).isEqualTo("""
                +--------+------+
                |  Name  | UUID |
                +--------+------+
                | cell0  |  a   |
                | cell1x |  bb  |
                +--------+------+
                """);
        assertThat(Table.render(List.of("Name", "UUID"), rows)).contains("| cell0  | a    |");
    }
}

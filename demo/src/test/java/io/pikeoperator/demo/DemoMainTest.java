package io.pikeoperator.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo jar is the operator's command line plus {@code demo}. */
class DemoMainTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    @Test
    void helpShowsTheDemoAndEveryCommandOfTheOperator() {
        assertThat(DemoMain.run(new String[]{"--help"}, out, out)).isZero();
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .contains("demo  [--exit-when-ready]", "run   [--namespaces", "apply -f FILE", "plan  -f FILE");
    }

    @Test
    void otherCommandsGoToTheOperatorsCommandLine() {
        assertThat(DemoMain.run(new String[]{"plan"}, out, out)).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("pike-operator: -f FILE is required");
    }

    @Test
    void aBadDemoOptionIsBadUsage() {
        assertThat(DemoMain.run(new String[]{"demo", "--no-such-option"}, out, out)).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("pike-operator demo: unknown option --no-such-option");
    }
}

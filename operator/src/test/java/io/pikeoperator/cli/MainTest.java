package io.pikeoperator.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void theDemoIsNotInTheOperatorsJarAndTheMessageSaysWhereItIs() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = Main.run(new String[]{"demo", "--exit-when-ready"}, err, err);
        assertThat(exit).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .contains("java -jar demo/target/pike-operator-demo.jar demo");
        assertThat(Main.USAGE).doesNotContain("demo");
    }
}

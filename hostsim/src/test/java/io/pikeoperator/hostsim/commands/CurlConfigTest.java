package io.pikeoperator.hostsim.commands;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CurlConfigTest {

    @Test
    void quotedParametersTakeCurlsEscapesAndUnquotedOnesEndAtWhitespace() {
        String text = """
                # a comment
                / and * lines are comments too
                * like this
                H = "a bare one-letter keyword is not -H"
                header = "X-Auth-Token: abc"
                --url:"http://h:1/v3/users"
                data = "{\\"p\\": \\"a\\\\\\\\b \\\\t\\"}"
                  request PATCH trailing
                -s
                fail
                """;
        assertThat(CurlConfig.arguments(text)).containsExactly("--header", "X-Auth-Token: abc", "--url",
                "http://h:1/v3/users", "--data", "{\"p\": \"a\\\\b \\t\"}", "--request", "PATCH", "-s", "--fail");
    }

    @Test
    void anUnknownEscapeKeepsTheCharacterAndAnUnterminatedQuoteRunsToTheLineEnd() {
        assertThat(CurlConfig.arguments("data = \"a\\$b\\qc\\td\n")).isEqualTo(List.of("--data", "a$bqc\td"));
    }
}

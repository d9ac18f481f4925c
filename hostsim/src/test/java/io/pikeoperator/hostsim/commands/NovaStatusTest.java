package io.pikeoperator.hostsim.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nova-status wraps a check's details with Python 2.7's {@code textwrap.wrap(details, 60, subsequent_indent='  ')}
 * (nova 16.1.8 nova/cmd/status.py _get_details). The expected lines were produced by Python 2.7.18's textwrap
 * (src/test/resources/upstream/python27-textwrap-60.json), including hyphen breaks and a word longer than a line.
 */
class NovaStatusTest {

    @Test
    void detailsWrapAsPythonsTextwrapAtSixty() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/upstream/python27-textwrap-60.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertThat(cases.size()).isGreaterThanOrEqualTo(6);
        for (JsonNode c : cases) {
            List<String> expected = new ArrayList<>();
            c.get(1).forEach(l -> expected.add(l.asText()));
            assertThat(NovaStatus.wrap(c.get(0).asText(), 60, "  ")).as(c.get(0).asText()).isEqualTo(expected);
        }
    }
}

package io.pikeoperator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pikeoperator.engine.StepResult;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@code -o json}: the run's result for programs, per host and per step (messages redacted as everywhere). */
final class JsonResult {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonResult() {
    }

    static String render(String command, String result, int exitCode, List<HostTally> hosts,
                         Function<StepResult, Optional<List<String>>> hints, Map<String, String> leftOut) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", command);
        root.put("result", result);
        root.put("exitCode", exitCode);
        ArrayNode list = root.putArray("hosts");
        for (HostTally h : hosts) {
            ObjectNode host = list.addObject();
            host.put("host", h.host());
            host.put("changed", h.changed());
            host.put("wouldChange", h.wouldChange());
            host.put("unchanged", h.unchanged());
            host.put("failed", h.failed());
            host.put("skipped", h.skipped());
            host.put("sshExecs", h.execs());
            host.put("seconds", h.time().toMillis() / 1000.0);
            h.failure().ifPresent(f -> {
                ObjectNode failure = step(host.putObject("failure"), f);
                hints.apply(f).ifPresent(lines -> failure.put("hint", String.join("\n", lines)));
            });
            ArrayNode steps = host.putArray("steps");
            h.steps().forEach(r -> step(steps.addObject(), r));
        }
        ObjectNode out = root.putObject("leftOut");
        leftOut.forEach(out::put);
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private static ObjectNode step(ObjectNode node, StepResult r) {
        node.put("service", r.service());
        node.put("step", r.step());
        node.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
        node.put("seconds", r.duration().toMillis() / 1000.0);
        if (r.reason() != null) {
            node.put("reason", r.reason());
        }
        if (r.message() != null) {
            node.put("message", r.message());
        }
        return node;
    }
}

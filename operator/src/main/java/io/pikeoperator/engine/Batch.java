package io.pikeoperator.engine;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many probes as one script for one exec channel. Each probe runs in its own subshell with no stdin; its output
 * is framed by a random boundary so that no file content can forge a frame.
 */
final class Batch {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Probe> probes;
    private final String boundary;

    Batch(List<Probe> probes) {
        Map<String, Probe> unique = new LinkedHashMap<>();
        probes.forEach(p -> unique.putIfAbsent(p.key(), p));
        this.probes = List.copyOf(unique.values());
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        this.boundary = "PIKE" + HexFormat.of().formatHex(b);
    }

    List<Probe> probes() {
        return probes;
    }

    Script script() {
        StringBuilder text = new StringBuilder();
        Script script = Script.of("");
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            text.append("printf '\\n%s\\n' '").append(boundary).append(':').append(i).append(":begin'\n")
                    .append("(\n").append(p.script().text()).append("\n) </dev/null 2>&1\n")
                    .append("printf '\\n%s:%d\\n' '").append(boundary).append(':').append(i).append("' \"$?\"\n");
            script = script.withAll(p.script().inputs());
        }
        return Script.of(text.toString()).withAll(script.inputs());
    }

    /** The answers found in the batch's output; a probe whose frame is missing (output cut) has none. */
    Map<String, Observation> parse(String output) {
        Map<String, Observation> answers = new LinkedHashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            String begin = boundary + ":" + i + ":begin\n";
            int b = output.indexOf(begin);
            if (b < 0) {
                continue;
            }
            int start = b + begin.length();
            String endMark = "\n" + boundary + ":" + i + ":";
            int e = output.indexOf(endMark, start);
            if (e < 0) {
                continue;
            }
            int eol = output.indexOf('\n', e + endMark.length());
            if (eol < 0) {
                continue;
            }
            int exit = Integer.parseInt(output.substring(e + endMark.length(), eol).strip());
            answers.put(probes.get(i).key(), new Observation(exit, output.substring(start, e)));
        }
        return answers;
    }
}

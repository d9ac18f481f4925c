package io.pikeoperator.cli;

import io.pikeoperator.engine.StepResult;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a run failed, cause first: per failed host the step, its reason and message, the command's last output lines
 * (redacted by the engine), a hint where one is known, and the steps that did not run, counted in one line.
 */
final class FailureReport {

    /** A message of {@code Actions.require}: "what failed (exit N): last | output | lines". */
    private static final Pattern WITH_OUTPUT = Pattern.compile("(.*? failed \\(exit -?\\d+\\)): (.+)", Pattern.DOTALL);

    private FailureReport() {
    }

    /** The block for every host that failed or left steps undone; empty when all converged. */
    static String render(List<HostTally> hosts, Function<StepResult, Optional<List<String>>> hints) {
        StringBuilder s = new StringBuilder();
        for (HostTally h : hosts) {
            h.failure().ifPresent(f -> failed(s, f, hints.apply(f)));
        }
        for (HostTally h : hosts) {
            notRun(s, h);
        }
        return s.toString();
    }

    private static void failed(StringBuilder s, StepResult f, Optional<List<String>> hint) {
        String message = f.message() == null ? "" : f.message();
        Matcher m = WITH_OUTPUT.matcher(message);
        boolean withOutput = m.matches();
        s.append("FAILED ").append(f.host()).append(' ').append(f.service()).append(" / ").append(f.step()).append(": ")
                .append(f.reason()).append(": ").append(withOutput ? m.group(1) : message).append('\n');
        if (withOutput) {
            s.append("  output (last lines):\n");
            for (String line : m.group(2).split(" \\| ")) {
                s.append("    ").append(line.strip()).append('\n');
            }
        }
        hint.ifPresent(lines -> {
            s.append("  hint: ").append(lines.get(0)).append('\n');
            lines.subList(1, lines.size()).forEach(l -> s.append("        ").append(l).append('\n'));
        });
    }

    /** One line per host for its skipped steps: after a failure, or waiting for other hosts that did not converge. */
    private static void notRun(StringBuilder s, HostTally h) {
        List<StepResult> skipped = h.skippedSteps();
        if (skipped.isEmpty()) {
            return;
        }
        Set<String> services = new LinkedHashSet<>();
        skipped.forEach(r -> services.add(r.service()));
        String why = h.failure().isPresent() ? "after the failed step" : "they wait for other hosts to converge";
        s.append("  not run on ").append(h.host()).append(": ").append(skipped.size()).append(skipped.size() == 1 ? " step" : " steps")
                .append(" (").append(why).append("): ").append(abbreviate(String.join(", ", services), 90)).append('\n');
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}

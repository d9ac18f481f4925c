package io.pikeoperator.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The table that ends an apply or plan, one row per host (as Ansible's PLAY RECAP). */
final class Recap {

    private static final String ROW = "%-14s %9s %9s %6s %7s %9s %8s%n";

    private Recap() {
    }

    static String render(List<HostTally> hosts, boolean dryRun) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, ROW, "RECAP", dryRun ? "TO CHANGE" : "CHANGED", "UNCHANGED", "FAILED",
                "SKIPPED", "SSH EXECS", "TIME"));
        for (HostTally h : hosts) {
            s.append(String.format(Locale.ROOT, ROW, h.host(), dryRun ? h.wouldChange() : h.changed(), h.unchanged(),
                    h.failed(), h.skipped(), h.execs(), duration(h.time())));
        }
        return s.toString();
    }

    /** 0.4s, 12.3s, 1m02s, 1h05m. */
    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}

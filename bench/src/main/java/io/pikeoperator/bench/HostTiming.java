package io.pikeoperator.bench;

import io.pikeoperator.hostsim.CommandLog;

import java.time.Instant;
import java.util.List;

/**
 * What one host's SSH execs of one run cost, read from the twin's command log: how many, when the first started and
 * the last ended, and the time the twin spent on them (each entry's duration includes the injected latency).
 */
public record HostTiming(String host, int execs, Instant firstStart, Instant lastEnd, long busyMs, long latencyMs) {

    public static HostTiming of(String host, List<CommandLog.Entry> entries, long latencyMs) {
        if (entries.isEmpty()) {
            return new HostTiming(host, 0, null, null, 0, latencyMs);
        }
        Instant first = entries.get(0).time();
        Instant last = first;
        long busy = 0;
        for (CommandLog.Entry e : entries) {
            busy += e.durationMs();
            Instant end = e.time().plusMillis(e.durationMs());
            last = end.isAfter(last) ? end : last;
            first = e.time().isBefore(first) ? e.time() : first;
        }
        return new HostTiming(host, entries.size(), first, last, busy, latencyMs);
    }

    /** The twin's own work on this host: busy time less the latency it was told to add to each exec. */
    public long executionMs() {
        return Math.max(0, busyMs - execs * latencyMs);
    }

    public double spanSeconds() {
        return firstStart == null ? 0 : (lastEnd.toEpochMilli() - firstStart.toEpochMilli()) / 1000.0;
    }
}

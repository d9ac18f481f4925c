package io.pikeoperator.bench;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One {@code apply} on a cluster of one controller and N computes, and what the twin's command logs say of it.
 *
 * <p>The critical-path bound: the engine runs one host's execs one after the other, the controller first, then the
 * computes in parallel, then the controller's part that waits for them. So no schedule can be shorter than the
 * controller's exec time plus the slowest compute's, each exec counted with its latency and the twin's own work.
 * What the wall time adds to that is the operator's overhead: connects, channel set-up, its own processing, and
 * any waiting for a session.
 */
public record ConvergeRun(int computes, long latencyMs, int exit, double wallSeconds, double boundSeconds,
                          int controllerExecs, double computeExecsMedian, double computeStartSpreadSeconds,
                          double computeSpanMedianSeconds, double computeExecutionMedianSeconds,
                          double controllerTailSeconds) {

    public static ConvergeRun of(int computes, long latencyMs, int exit, double wallSeconds, HostTiming controller,
                                 List<HostTiming> computeHosts) {
        HostTiming slowest = computeHosts.stream().max(Comparator.comparingLong(HostTiming::busyMs)).orElse(null);
        double bound = (controller.busyMs() + (slowest == null ? 0 : slowest.busyMs())) / 1000.0;
        List<HostTiming> ran = computeHosts.stream().filter(h -> h.firstStart() != null).toList();
        double spread = ran.isEmpty() ? 0 : seconds(min(ran, HostTiming::firstStart), max(ran, HostTiming::firstStart));
        // after the last compute finished, the controller's compute-facing part: each compute up, discovery, verification
        double tail = ran.isEmpty() || controller.lastEnd() == null ? 0
                : Math.max(0, seconds(max(ran, HostTiming::lastEnd), controller.lastEnd()));
        return new ConvergeRun(computes, latencyMs, exit, wallSeconds, bound, controller.execs(),
                Summary.of(computeHosts, HostTiming::execs).median(), spread,
                Summary.of(ran, HostTiming::spanSeconds).median(),
                Summary.of(ran, h -> h.executionMs() / 1000.0).median(), tail);
    }

    public double ratioToBound() {
        return wallSeconds / boundSeconds;
    }

    private static Instant min(List<HostTiming> hosts, Function<HostTiming, Instant> f) {
        return hosts.stream().map(f).min(Comparator.naturalOrder()).orElseThrow();
    }

    private static Instant max(List<HostTiming> hosts, Function<HostTiming, Instant> f) {
        return hosts.stream().map(f).max(Comparator.naturalOrder()).orElseThrow();
    }

    private static double seconds(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }
}

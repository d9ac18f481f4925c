package io.pikeoperator.hostsim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Faults injected into a host's SSH commands: latency for every command, and fail/hang/drop for the next N matches. */
public final class Faults {

    public enum Kind {
        /** The command is not run; it exits with the given status and stderr. */
        FAIL,
        /** The command never finishes (until the client gives up and closes the channel). */
        HANG,
        /** The command runs to its end on the host, then the connection drops before the exit status is sent. */
        DROP
    }

    /** One armed fault. */
    public record Fault(Kind kind, Pattern pattern, int exit, String stderr) {
    }

    private record Armed(Fault fault, int[] remaining) {
    }

    private final List<Armed> armed = new ArrayList<>();
    private volatile Duration latency = Duration.ZERO;

    public Duration latency() {
        return latency;
    }

    public void setLatency(Duration latency) {
        this.latency = latency;
    }

    public synchronized void arm(Kind kind, String regex, int count, int exit, String stderr) {
        armed.add(new Armed(new Fault(kind, Pattern.compile(regex), exit, stderr == null ? "" : stderr),
                new int[]{count}));
    }

    /** The first armed fault whose pattern is found in the command; using it counts it down. */
    public synchronized Optional<Fault> take(String command) {
        for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
            Armed a = it.next();
            if (a.fault.pattern().matcher(command).find()) {
                if (--a.remaining[0] <= 0) {
                    it.remove();
                }
                return Optional.of(a.fault);
            }
        }
        return Optional.empty();
    }

    public synchronized void clear() {
        armed.clear();
        latency = Duration.ZERO;
    }
}

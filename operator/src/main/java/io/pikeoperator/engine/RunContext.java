package io.pikeoperator.engine;

import java.util.LinkedHashSet;
import java.util.Set;

/** What one run of a host plan has learnt so far: the host's facts with the decisions made from them, and the services to restart. */
public final class RunContext {

    private final String host;
    private HostDecisions decisions = HostDecisions.NONE;
    private final Set<String> restartPending = new LinkedHashSet<>();

    public RunContext(String host) {
        this.host = host;
    }

    public String host() {
        return host;
    }

    /** The facts read and what was decided from them ({@link HostDecisions#NONE} until the facts step ran). */
    public HostDecisions decisions() {
        return decisions;
    }

    /** Recorded by the step that reads the facts (again, equal, when it is asked again after a drop or a reboot). */
    public void decided(HostDecisions decisions) {
        this.decisions = decisions;
    }

    /** A file these units read has changed: they restart once, at their service step. */
    public void notifyUnits(Iterable<String> units) {
        units.forEach(restartPending::add);
    }

    public boolean restartPending(String unit) {
        return restartPending.contains(unit);
    }

    public void restarted(String unit) {
        restartPending.remove(unit);
    }
}

package io.pikeoperator.engine;

import io.pikeoperator.api.v1alpha1.HostFacts;

import java.util.LinkedHashSet;
import java.util.Set;

/** What one run of a host plan has learnt so far: the host's facts and the services to restart. */
public final class RunContext {

    private final String host;
    private HostFacts facts = new HostFacts();
    private final Set<String> restartPending = new LinkedHashSet<>();

    public RunContext(String host) {
        this.host = host;
    }

    public String host() {
        return host;
    }

    public HostFacts facts() {
        return facts;
    }

    public void facts(HostFacts facts) {
        this.facts = facts;
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

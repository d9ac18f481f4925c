package io.pikeoperator.engine;

import java.util.HashMap;
import java.util.Map;

/** The answers of the probes evaluated so far in one run of a host plan. */
public final class Observations {

    private final Map<String, Observation> answers = new HashMap<>();

    void putAll(Map<String, Observation> more) {
        answers.putAll(more);
    }

    boolean has(Probe probe) {
        return answers.containsKey(probe.key());
    }

    /** The answer to {@code probe}; a probe that was not answered counts as failed with no output. */
    public Observation get(Probe probe) {
        return answers.getOrDefault(probe.key(), new Observation(-1, ""));
    }
}

package io.pikeoperator.engine;

/** Hears about each step as a run goes: the command line prints, the reconcilers record Events and metrics. */
public interface StepListener {

    StepListener NONE = new StepListener() {
    };

    /** A run of {@code plan} begins (a host may be run more than once in a deployment). */
    default void hostStarting(HostPlan plan) {
    }

    default void starting(String host, Step step, int index, int total) {
    }

    default void finished(StepResult result, int index, int total) {
    }

    /** A run of a host ended, with what it did. */
    default void hostFinished(HostReport report) {
    }
}

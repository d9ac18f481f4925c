package io.pikeoperator.engine;

/** Hears about each step as a run goes: the command line prints, the reconcilers record Events and metrics. */
public interface StepListener {

    StepListener NONE = new StepListener() {
    };

    default void starting(String host, Step step, int index, int total) {
    }

    default void finished(StepResult result, int index, int total) {
    }
}

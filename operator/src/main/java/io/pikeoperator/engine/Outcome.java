package io.pikeoperator.engine;

/** What happened to a step in one run. */
public enum Outcome {
    /** Already as wanted: nothing was done. */
    UNCHANGED,
    /** It differed and was changed. */
    CHANGED,
    /** It differs; a plan run reports this instead of changing it. */
    WOULD_CHANGE,
    /** Could not be brought to the target (or a check failed). */
    FAILED,
    /** Not evaluated: an earlier step failed, or its turn has not come in this run. */
    SKIPPED
}

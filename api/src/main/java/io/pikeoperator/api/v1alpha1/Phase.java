package io.pikeoperator.api.v1alpha1;

/** The coarse life-cycle phase shown in the PHASE printer column. */
public enum Phase {
    /** Accepted, nothing done on a host yet (waiting for a Secret, the controller, ...). */
    Pending,
    /** Steps are running. */
    Provisioning,
    /** Every service is converged and verified. */
    Ready,
    /** Was Ready, now something is not (drift being repaired, a host unreachable). */
    Degraded,
    /** A step failed and needs attention; the operator retries with backoff. */
    Failed
}

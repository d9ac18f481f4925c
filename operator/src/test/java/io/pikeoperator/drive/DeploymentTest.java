package io.pikeoperator.drive;

import io.pikeoperator.ssh.SshSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: 50 computes converge together, not in waves of 16. */
class DeploymentTest {

    @Test
    void everyComputeGetsItsOwnWorkerUpToTheBound() {
        assertThat(Deployment.workers(1)).isEqualTo(1);
        assertThat(Deployment.workers(50)).isEqualTo(50);
        assertThat(Deployment.workers(10_000)).isEqualTo(Deployment.MAX_PARALLEL_COMPUTES);
    }

    @Test
    void theDefaultSessionCapLetsFiftyComputesRunAnExecEachAtOnce() {
        assertThat(SshSettings.defaults().maxConcurrentSessions()).isGreaterThanOrEqualTo(50);
    }
}

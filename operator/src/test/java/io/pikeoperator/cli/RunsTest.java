package io.pikeoperator.cli;

import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.StepListener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunsTest {

    private static void run(Runs runs, String host) {
        runs.hostStarting(new HostPlan(host, List.of()));
        runs.hostFinished(new HostReport(host, List.of(), null, 1));
    }

    @Test
    void hostsAreTalliedInTheClustersOrderNotTheOrderTheyHappenedToStart() {
        Runs runs = new Runs(StepListener.NONE);
        run(runs, "controller01");
        run(runs, "computer02");
        run(runs, "computer01");
        run(runs, "stray");
        assertThat(runs.tallies(List.of("controller01", "computer01", "computer02")))
                .extracting(HostTally::host).containsExactly("controller01", "computer01", "computer02", "stray");
    }
}

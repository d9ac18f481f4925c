package io.pikeoperator.cli;

import io.pikeoperator.engine.HostDecisions;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.StepResult;
import io.pikeoperator.ssh.SshTarget;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden output of what ends an apply: the recap of a cluster that became Ready, and the failure block and recap of
 * one with a compute whose host key changed. Set -Dgolden.update=true to rewrite the files after a deliberate change.
 */
class ApplyOutputTest {

    private static final Path GOLDEN = Path.of("src/test/resources/io/pikeoperator/cli");
    private static final Map<String, SshTarget> TARGETS = Map.of(
            "controller01", SshTarget.of("192.0.2.11", 22, "root", "", null, "k"),
            "computer01", SshTarget.of("192.0.2.31", 22, "root", "", null, "k"),
            "computer02", SshTarget.of("192.0.2.32", 2222, "root", "", null, "k"));
    private static final Hints.Sources SOURCES = new Hints.Sources("the known_hosts key of Secret pike-ssh",
            "the ssh-privatekey key of Secret pike-ssh");
    private static final Function<StepResult, Optional<List<String>>> HINTS =
            f -> Hints.of(f.reason(), TARGETS.get(f.host()), SOURCES);

    @Test
    void aClusterThatBecameReady() throws IOException {
        // the controller runs twice: held steps wait for the computes, then run; its first changes still count
        HostReport first = report("controller01", 40, 12, 0, 3, 8, 12_000);
        HostReport second = report("controller01", 0, 40, 0, 0, 15, 3_000);
        List<HostTally> hosts = List.of(tally("controller01", List.of(first, second)),
                tally("computer01", List.of(report("computer01", 20, 5, 0, 0, 14, 61_000))),
                tally("computer02", List.of(report("computer02", 0, 25, 0, 0, 1, 400))));

        String text = FailureReport.render(hosts, HINTS) + Recap.render(hosts, false);

        assertGolden("recap-ready.txt", text);
        assertThat(hosts.get(0).changed()).as("changed in the first run, unchanged in the second: changed once").isEqualTo(40);
    }

    @Test
    void aClusterWithOneComputeWhoseHostKeyChanged() throws IOException {
        HostReport controller = report("controller01", 0, 49, 0, 3, 1, 900);
        List<StepResult> bad = new ArrayList<>();
        bad.add(new StepResult("computer02", "HostReachable", "facts and preflight", Outcome.FAILED, Duration.ofMillis(120),
                "HostKeyMismatch", "host key of 192.0.2.32:2222 does not match the known key (got ssh-ed25519 "
                + "SHA256:q8Kx1k0i3nA1Gm7w0dZ3b3nqk5m3b8m2o1Y5tYbq0aI)"));
        for (int i = 0; i < 76; i++) {
            bad.add(new StepResult("computer02", i < 40 ? "NovaCompute" : "Neutron", "step " + i, Outcome.SKIPPED,
                    Duration.ZERO, null, "not run: an earlier step failed"));
        }
        List<HostTally> hosts = List.of(tally("controller01", List.of(controller)),
                tally("computer01", List.of(report("computer01", 0, 77, 0, 0, 1, 300))),
                tally("computer02", List.of(new HostReport("computer02", bad, HostDecisions.NONE, 0))));

        String text = FailureReport.render(hosts, HINTS) + "\n" + Recap.render(hosts, false);

        assertGolden("recap-failed-compute.txt", text);
        assertThat(text.lines().findFirst().orElseThrow()).as("the cause comes first")
                .startsWith("FAILED computer02 HostReachable / facts and preflight: HostKeyMismatch:");
        assertThat(text.lines().count()).as("one screen").isLessThan(25);
        assertThat(text).doesNotContain("not run: an earlier step failed");
    }

    @Test
    void aFailedCommandShowsItsLastOutputLinesAndNoHintWhenNoneIsKnown() throws IOException {
        List<StepResult> results = List.of(
                new StepResult("controller01", "Keystone", "running httpd", Outcome.FAILED, Duration.ofMillis(2300),
                        "ServiceNotRunning", "starting httpd failed (exit 1): Job for httpd.service failed because the "
                        + "control process exited with error code. | AH00526: Syntax error on line 4 of "
                        + "/etc/httpd/conf.d/wsgi-keystone.conf: | Invalid command 'WSGIDaemonProces'"),
                new StepResult("controller01", "Glance", "glance-api.conf", Outcome.SKIPPED, Duration.ZERO, null,
                        "not run: an earlier step failed"));
        List<HostTally> hosts = List.of(tally("controller01", List.of(new HostReport("controller01", results,
                HostDecisions.NONE, 3))));

        assertGolden("failure-command-output.txt", FailureReport.render(hosts, HINTS));
    }

    @Test
    void aPlanRecapCountsWhatWouldChange() {
        HostReport plan = report("controller01", 0, 10, 30, 0, 2, 1500);
        String recap = Recap.render(List.of(tally("controller01", List.of(plan))), true);
        assertThat(recap.lines().toList()).containsExactly(
                "RECAP          TO CHANGE UNCHANGED FAILED SKIPPED SSH EXECS     TIME",
                "controller01          30        10      0       0         2     1.5s");
    }

    @Test
    void durationsAreShortAndReadable() {
        assertThat(Recap.duration(Duration.ofMillis(400))).isEqualTo("0.4s");
        assertThat(Recap.duration(Duration.ofSeconds(62))).isEqualTo("1m02s");
        assertThat(Recap.duration(Duration.ofMinutes(65))).isEqualTo("1h05m");
    }

    /** The tally of {@code runs}, their time the sum of their steps'. */
    private static HostTally tally(String host, List<HostReport> runs) {
        Duration time = runs.stream().flatMap(r -> r.results().stream()).map(StepResult::duration)
                .reduce(Duration.ZERO, Duration::plus);
        return HostTally.of(host, runs, time);
    }

    /** A run of {@code host}: changed, unchanged, would-change, then skipped steps; {@code millis} spread over them. */
    private static HostReport report(String host, int changed, int unchanged, int wouldChange, int skipped, int execs,
                                     long millis) {
        List<StepResult> results = new ArrayList<>();
        int total = changed + unchanged + wouldChange + skipped;
        for (int i = 0; i < total; i++) {
            Outcome o = i < changed ? Outcome.CHANGED : i < changed + unchanged ? Outcome.UNCHANGED
                    : i < changed + unchanged + wouldChange ? Outcome.WOULD_CHANGE : Outcome.SKIPPED;
            // a second run repeats the first one's step names: the same steps, now unchanged
            String service = o == Outcome.SKIPPED ? "CellDiscovery" : "Service" + (i % 5);
            results.add(new StepResult(host, service, "step " + (o == Outcome.SKIPPED ? "held " : "") + i, o,
                    Duration.ofMillis(i == 0 ? millis : 0), null, o == Outcome.SKIPPED ? "waiting: computes" : null));
        }
        return new HostReport(host, results, HostDecisions.NONE, execs);
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as(file + " (-Dgolden.update=true rewrites it)").isEqualTo(Files.readString(file));
    }
}

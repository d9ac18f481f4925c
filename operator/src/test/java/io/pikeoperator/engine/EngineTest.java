package io.pikeoperator.engine;

import io.pikeoperator.ssh.SshException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine against the machine's bash, with steps that manage files in a temp dir. */
class EngineTest {

    @TempDir
    Path dir;

    /** Makes a file hold a line; records the "service" restart it notifies in a log file. */
    private class LineStep extends Step {
        final Path file;
        final String line;
        final Probe probe;

        LineStep(String service, String name, String line) {
            super(service, name);
            this.file = dir.resolve(name);
            this.line = line;
            this.probe = Probe.of("cat " + Shell.quote(file.toString()));
        }

        @Override
        public List<Probe> probes() {
            return List.of(probe);
        }

        @Override
        public String difference(Observations seen, RunContext context) {
            return seen.get(probe).output().equals(line + "\n") ? null : "line differs";
        }

        @Override
        public void apply(Observations seen, RunContext context, Actions actions) throws StepFailure, SshException {
            actions.writeFile(new ManagedFile(file.toString(), "root", "root", 0640), line + "\n");
            actions.notifyUnits(List.of(service()));
        }
    }

    private HostReport run(List<Step> steps, LocalShell shell, RunOptions options) {
        return new Engine(new Redactor(List.of("hunter22"))).run(new HostPlan("h", steps), shell, options, StepListener.NONE);
    }

    @Test
    void convergesThenConfirmsInOneExec() throws Exception {
        List<Step> steps = List.of(new LineStep("A", "a.conf", "x=1"), new LineStep("A", "b.conf", "y=2"),
                new LineStep("B", "c.conf", "z=3"));
        LocalShell shell = new LocalShell();
        HostReport first = run(steps, shell, RunOptions.apply());
        assertThat(first.converged()).isTrue();
        assertThat(first.count(Outcome.CHANGED)).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("b.conf"))).isEqualTo("y=2\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("b.conf")))).isEqualTo("rw-r-----");
        assertThat(dir.toFile().list()).as("no temp files left").containsExactlyInAnyOrder("a.conf", "b.conf", "c.conf");

        LocalShell again = new LocalShell();
        HostReport second = run(steps, again, RunOptions.apply());
        assertThat(second.count(Outcome.UNCHANGED)).isEqualTo(3);
        assertThat(again.commands).hasSize(1);
        assertThat(second.execs()).isEqualTo(1);
    }

    @Test
    void aDryRunReportsAndWritesNothing() {
        LocalShell shell = new LocalShell();
        HostReport plan = run(List.of(new LineStep("A", "a.conf", "x=1")), shell, RunOptions.apply().dryRun(true));
        assertThat(plan.count(Outcome.WOULD_CHANGE)).isEqualTo(1);
        assertThat(dir.toFile().list()).isEmpty();
        assertThat(shell.commands).hasSize(1);
    }

    @Test
    void aFailedVerificationStopsThePlanWithTheStepsReasonAndRedactedMessage() {
        Step neverTrue = new Step("A", "broken") {
            final Probe p = Probe.of("echo hunter22 is the password");

            @Override
            public List<Probe> probes() {
                return List.of(p);
            }

            @Override
            public String difference(Observations seen, RunContext context) {
                return "host says: " + seen.get(p).output().strip();
            }

            @Override
            public void apply(Observations seen, RunContext context, Actions actions) {
            }

            @Override
            public String failureReason() {
                return "BrokenThing";
            }
        };
        HostReport r = run(List.of(neverTrue, new LineStep("B", "c.conf", "z=3")), new LocalShell(), RunOptions.apply());
        StepResult failed = r.failure().orElseThrow();
        assertThat(failed.reason()).isEqualTo("BrokenThing");
        assertThat(failed.message()).isEqualTo("still differs after the change: host says: ****** is the password");
        assertThat(r.results().get(1).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(dir.resolve("c.conf")).doesNotExist();
    }

    @Test
    void heldServicesAreCheckedButNotChanged() {
        HostReport r = run(List.of(new LineStep("A", "a.conf", "x=1"), new LineStep("Later", "l.conf", "w=0")),
                new LocalShell(), RunOptions.apply().holding(Set.of("Later")));
        assertThat(r.results()).extracting(StepResult::outcome).containsExactly(Outcome.CHANGED, Outcome.SKIPPED);
        assertThat(dir.resolve("l.conf")).doesNotExist();
        assertThat(r.converged()).isFalse();
    }

    @Test
    void aChangeMakesTheRestOfItsServiceBeAskedAgain() {
        // b.conf's check depends on a.conf's content: stale answers would skip or repeat work.
        Probe aExists = Probe.of("test -f " + Shell.quote(dir.resolve("a.conf").toString()));
        Step dependent = new LineStep("A", "b.conf", "y=2") {
            @Override
            public List<Probe> probes() {
                return List.of(probe, aExists);
            }

            @Override
            public String difference(Observations seen, RunContext context) {
                return seen.get(aExists).ok() ? super.difference(seen, context) : null;
            }
        };
        LocalShell shell = new LocalShell();
        HostReport r = run(List.of(new LineStep("A", "a.conf", "x=1"), dependent), shell, RunOptions.apply());
        assertThat(r.results()).extracting(StepResult::outcome).containsExactly(Outcome.CHANGED, Outcome.CHANGED);
    }

    /** The machine's bash, except that commands containing {@code hang} time out and every timeout given is kept. */
    private static final class HangingShell implements io.pikeoperator.ssh.RemoteShell {
        final LocalShell local = new LocalShell();
        final String hang;
        final List<java.time.Duration> timeouts = new java.util.ArrayList<>();

        HangingShell(String hang) {
            this.hang = hang;
        }

        @Override
        public io.pikeoperator.ssh.ExecResult exec(String command, byte[] stdin, java.time.Duration timeout) throws SshException {
            timeouts.add(timeout);
            if (command.contains(hang)) {
                throw new SshException.CommandTimeout("command on h did not finish within " + timeout.toMillis() + " ms");
            }
            return local.exec(command, stdin, timeout);
        }

        @Override
        public void awaitReconnect(java.time.Duration max) {
        }

        @Override
        public String describe() {
            return "h";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aCommandThatHangsFailsItsOwnStepWithStepTimedOutWithinTheRunsCommandTimeout() {
        HangingShell shell = new HangingShell("mv -f");
        RunOptions options = RunOptions.apply().commandTimeout(java.time.Duration.ofSeconds(7));
        HostReport r = new Engine(new Redactor(List.of())).run(new HostPlan("h", List.of(new LineStep("A", "a.conf", "x=1"),
                new LineStep("B", "b.conf", "y=2"))), shell, options, StepListener.NONE);
        StepResult failed = r.failure().orElseThrow();
        assertThat(failed.step()).isEqualTo("a.conf");
        assertThat(failed.reason()).isEqualTo(Engine.STEP_TIMED_OUT);
        assertThat(failed.message()).startsWith("a.conf: ").contains("7000 ms");
        // checks and commands alike are bounded by the run's options, never by an open-ended default
        assertThat(shell.timeouts).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo(java.time.Duration.ofSeconds(7)));
    }

    @Test
    void aHungBatchOfChecksFailsTheStepBeingCheckedNotTheHost() {
        HangingShell shell = new HangingShell("cat ");
        HostReport r = run(List.of(new LineStep("A", "a.conf", "x=1")), shell.local, RunOptions.apply());
        assertThat(r.converged()).isTrue();
        HostReport hung = new Engine(new Redactor(List.of())).run(new HostPlan("h", List.of(new LineStep("A", "a.conf", "x=1"))),
                shell, RunOptions.apply(), StepListener.NONE);
        assertThat(hung.failure().orElseThrow().reason()).isEqualTo(Engine.STEP_TIMED_OUT);
        assertThat(shell.timeouts).containsOnly(RunOptions.MAX_CHECK_TIME);
    }

    @Test
    void aHostThatNeverAnsweredInThisRunIsNotWaitedFor() {
        int[] waits = {0};
        io.pikeoperator.ssh.RemoteShell down = new io.pikeoperator.ssh.RemoteShell() {
            @Override
            public io.pikeoperator.ssh.ExecResult exec(String command, byte[] stdin, java.time.Duration timeout) throws SshException {
                throw new SshException.ConnectFailed("cannot connect to h: Connection refused", null);
            }

            @Override
            public void awaitReconnect(java.time.Duration max) throws SshException {
                waits[0]++;
                throw new SshException.ConnectFailed("cannot connect to h: Connection refused", null);
            }

            @Override
            public String describe() {
                return "h";
            }

            @Override
            public void close() {
            }
        };
        HostReport r = new Engine(new Redactor(List.of())).run(new HostPlan("h", List.of(new LineStep("A", "a.conf", "x=1"))),
                down, RunOptions.apply(), StepListener.NONE);
        assertThat(r.failure().orElseThrow().reason()).isEqualTo("HostUnreachable");
        assertThat(waits[0]).as("reconnect waits").isZero();
    }
}

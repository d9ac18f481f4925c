package io.pikeoperator.cli;

import io.pikeoperator.api.v1alpha1.ClusterSshSpec;
import io.pikeoperator.api.v1alpha1.PikeClusterSpec;
import io.pikeoperator.drive.Assembly;
import io.pikeoperator.drive.ClusterInputs;
import io.pikeoperator.drive.Deployment;
import io.pikeoperator.drive.InputException;
import io.pikeoperator.drive.SpecValidation;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.Redactor;
import io.pikeoperator.engine.StepListener;
import io.pikeoperator.engine.StepResult;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.ssh.SshConnections;
import io.pikeoperator.ssh.SshSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code apply} and {@code plan}: one run of the engine over the hosts of a manifest. On a terminal a live line per
 * host; otherwise the steps that changed (--verbose: every step); then why it failed, if it did, and a recap.
 * {@code -o json}: one JSON document on stdout instead.
 */
final class ApplyCommand {

    private final boolean dryRun;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private boolean verbose;
    private boolean json;

    ApplyCommand(boolean dryRun, PrintStream out, PrintStream err) {
        this(dryRun, out, err, out == System.out && Terminal.isInteractive());
    }

    ApplyCommand(boolean dryRun, PrintStream out, PrintStream err, boolean terminal) {
        this.dryRun = dryRun;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    int run(String[] args) {
        List<Path> files = new ArrayList<>();
        Path sshKey = null;
        Path knownHosts = null;
        Path passwordsFile = null;
        String logLevel = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-f", "--filename" -> files.add(Path.of(value(args, ++i)));
                    case "--ssh-key" -> sshKey = Path.of(value(args, ++i));
                    case "--known-hosts" -> knownHosts = Path.of(value(args, ++i));
                    case "--passwords-file" -> passwordsFile = Path.of(value(args, ++i));
                    case "-v", "--verbose" -> verbose = true;
                    case "--log-level" -> logLevel = logLevel == null ? value(args, ++i) : logLevel + "," + value(args, ++i);
                    case "-o", "--output" -> json = switch (value(args, ++i)) {
                        case "json" -> true;
                        case "text" -> false;
                        default -> throw new IllegalArgumentException("-o takes text or json, not " + args[i]);
                    };
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("-f FILE is required");
            }
            Logging.levels(null, logLevel);
        } catch (IllegalArgumentException e) {
            err.println("pike-operator: " + e.getMessage());
            err.print(Main.USAGE);
            return 2;
        }
        try {
            return execute(files, sshKey, knownHosts, passwordsFile != null ? passwordsFile : PasswordsFile.beside(files.get(0)));
        } catch (InputException e) {
            err.println("pike-operator: " + e.reason() + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("pike-operator: cannot read input: " + e.getMessage());
            return 2;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** A line for people: on stdout, or on stderr when stdout carries JSON. */
    private void note(String line) {
        (json ? err : out).println(line);
    }

    private int execute(List<Path> files, Path sshKey, Path knownHosts, Path passwordsFile) throws IOException, InputException {
        Manifest manifest = new Manifest();
        for (Path f : files) {
            manifest.load(f);
        }
        if (Files.exists(passwordsFile)) {
            manifest.load(passwordsFile);
        }
        ClusterInputs inputs = manifest.inputs();
        // the schema an API server would have applied, before a passwords file is written or a host is contacted
        SpecValidation.check(inputs);
        PikeClusterSpec spec = inputs.cluster().getSpec();
        String secretName = spec != null && spec.passwordsSecretRef != null && spec.passwordsSecretRef.name != null
                ? spec.passwordsSecretRef.name : inputs.cluster().getMetadata().getName() + "-passwords";
        Map<String, String> given = manifest.secrets.getOrDefault(secretName, Map.of());
        List<String> generated = new ArrayList<>();
        Passwords passwords;
        try {
            passwords = Passwords.completing(given, generated);
        } catch (Passwords.InvalidPasswordException e) {
            throw new InputException("InvalidPassword", e.getMessage());
        }
        Assembly assembly = Assembly.of(inputs, passwords, new Assembly.SshOverrides(
                sshKey == null ? null : Files.readString(sshKey), knownHosts == null ? null : Files.readString(knownHosts)));
        Redactor redactor = new Redactor(passwords.all());
        Hints.Sources sources = sources(spec, sshKey, knownHosts);
        Function<StepResult, Optional<List<String>>> hints = f -> Hints.of(f.reason(), assembly.targets().get(f.host()), sources);
        try (SshConnections connections = new SshConnections(settings(spec))) {
            if (!generated.isEmpty()) {
                // Only on this path, never on a converged one: hosts that were given passwords must not get fresh ones.
                List<String> provisioned;
                try {
                    provisioned = Provisioned.evidence(connections, assembly);
                } catch (Provisioned.Unchecked e) {
                    // no passwords are generated for hosts that may hold applied ones
                    StepResult failed = new StepResult(e.host, "HostReachable", "passwords not applied yet", Outcome.FAILED,
                            Duration.ZERO, e.cause.reason(), redactor.redact(e.cause.getMessage()));
                    HostTally tally = new HostTally(e.host, 0, 0, 0, 1, 0, 0, Duration.ZERO, List.of(failed));
                    return finish(List.of(tally), hints, Map.of(), false, false);
                }
                if (!provisioned.isEmpty()) {
                    throw new InputException("PasswordsLost", "the passwords file " + passwordsFile + " lacks "
                            + String.join(", ", generated) + " but the hosts were provisioned with passwords already ("
                            + String.join("; ", provisioned) + "). Fresh passwords would lock their services out, so "
                            + "none are generated and no host is changed. Restore the passwords file (or give the "
                            + "Secret in -f) with the passwords the hosts use; rotation is not supported yet.");
                }
                if (dryRun) {
                    note("passwords not set yet (" + String.join(", ", generated) + "): apply will generate them into "
                            + passwordsFile);
                } else {
                    Map<String, String> all = new LinkedHashMap<>(passwords.asMap());
                    PasswordsFile.write(passwordsFile, secretName, all);
                    note("generated passwords " + String.join(", ", generated) + " → " + passwordsFile
                            + " (mode 0600; the next run reuses it; kubectl apply -f it to hand it to the operator)");
                }
            }
            Runs runs;
            Deployment.Report report;
            if (terminal && !json) {
                try (LiveView live = new LiveView(out, Terminal.columns())) {
                    runs = new Runs(verbose ? both(live, new StepLines(live::print, EnumSet.allOf(Outcome.class))) : live);
                    report = new Deployment(connections, redactor).run(assembly, dryRun, runs);
                }
            } else {
                runs = new Runs(json ? StepListener.NONE : new StepLines(out::println,
                        verbose ? EnumSet.allOf(Outcome.class) : StepLines.CHANGES));
                report = new Deployment(connections, redactor).run(assembly, dryRun, runs);
            }
            Map<String, String> leftOut = new LinkedHashMap<>();
            assembly.rejected().forEach((name, e) -> leftOut.put(name, e.reason() + ": " + e.getMessage()));
            return finish(runs.tallies(List.copyOf(assembly.cluster().hostsEntries().keySet())), hints, leftOut, verified(report), report.converged());
        }
    }

    /** The verification steps ran and all passed. */
    private static boolean verified(Deployment.Report report) {
        List<StepResult> verification = report.results().stream().filter(r -> r.service().equals("Verified")).toList();
        return !verification.isEmpty() && verification.stream().allMatch(r -> r.outcome() == Outcome.UNCHANGED);
    }

    /** Why it failed (if it did), the recap and the verdict, or the JSON document; the exit status. */
    private int finish(List<HostTally> hosts, Function<StepResult, Optional<List<String>>> hints,
                       Map<String, String> leftOut, boolean verified, boolean converged) {
        boolean failed = hosts.stream().anyMatch(h -> h.failed() > 0);
        boolean pending = hosts.stream().anyMatch(h -> h.wouldChange() > 0);
        String verdict;
        int code;
        if (dryRun) {
            code = failed ? 1 : pending ? 3 : 0;
            verdict = failed ? "plan: a check failed" : pending ? "plan: changes pending" : "plan: no changes";
        } else {
            code = converged && verified ? 0 : 1;
            verdict = code == 0 ? "converged" : "NOT converged";
        }
        // the other hosts went on without a node that was left out; it still fails the run
        if (!leftOut.isEmpty()) {
            code = Math.max(code, 1);
        }
        if (json) {
            out.println(JsonResult.render(dryRun ? "plan" : "apply", verdict, code, hosts, hints, leftOut));
            return code;
        }
        out.println();
        String failures = FailureReport.render(hosts, hints);
        if (!failures.isEmpty()) {
            out.print(failures);
        }
        leftOut.forEach((name, why) -> out.println("FAILED ComputeNode " + name + " (left out): " + why));
        if (!failures.isEmpty() || !leftOut.isEmpty()) {
            out.println();
        }
        out.print(Recap.render(hosts, dryRun));
        if (!dryRun && !hosts.isEmpty() && hosts.stream().noneMatch(h -> h.failed() > 0)) {
            out.println(verified ? "verification: passed" : "verification: NOT passed");
        }
        out.println(verdict);
        return code;
    }

    private static StepListener both(StepListener a, StepListener b) {
        return new StepListener() {
            @Override
            public void hostStarting(io.pikeoperator.engine.HostPlan plan) {
                a.hostStarting(plan);
                b.hostStarting(plan);
            }

            @Override
            public void starting(String host, io.pikeoperator.engine.Step step, int index, int total) {
                a.starting(host, step, index, total);
                b.starting(host, step, index, total);
            }

            @Override
            public void finished(StepResult result, int index, int total) {
                b.finished(result, index, total);
                a.finished(result, index, total);
            }

            @Override
            public void hostFinished(io.pikeoperator.engine.HostReport report) {
                a.hostFinished(report);
                b.hostFinished(report);
            }
        };
    }

    /** Where the hints send a person to fix SSH trust: the file given, or the Secret key of the manifest. */
    private static Hints.Sources sources(PikeClusterSpec spec, Path sshKey, Path knownHosts) {
        ClusterSshSpec ssh = spec == null || spec.ssh == null ? new ClusterSshSpec() : spec.ssh;
        return new Hints.Sources(
                knownHosts != null ? knownHosts.toString() : secretKey(ssh.knownHostsSecretRef, ClusterSshSpec.DEFAULT_KNOWN_HOSTS_KEY),
                sshKey != null ? sshKey.toString() : secretKey(ssh.privateKeySecretRef, ClusterSshSpec.DEFAULT_PRIVATE_KEY_KEY));
    }

    private static String secretKey(io.pikeoperator.api.v1alpha1.SecretKeyRef ref, String defaultKey) {
        return ref == null || ref.name == null ? "the cluster's SSH Secret"
                : "the " + (ref.key == null ? defaultKey : ref.key) + " key of Secret " + ref.name;
    }

    static SshSettings settings(PikeClusterSpec spec) {
        ClusterSshSpec ssh = spec == null || spec.ssh == null ? new ClusterSshSpec() : spec.ssh;
        SshSettings d = SshSettings.defaults();
        return new SshSettings(
                Duration.ofSeconds(Objects.requireNonNullElse(ssh.connectTimeoutSeconds, ClusterSshSpec.DEFAULT_CONNECT_TIMEOUT_SECONDS)),
                Duration.ofSeconds(Objects.requireNonNullElse(ssh.commandTimeoutSeconds, ClusterSshSpec.DEFAULT_COMMAND_TIMEOUT_SECONDS)),
                d.keepAliveInterval(), 16 << 20, d.maxConcurrentSessions(), d.reconnectInitialBackoff(), d.reconnectMaxBackoff());
    }
}

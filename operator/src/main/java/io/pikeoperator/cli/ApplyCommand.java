package io.pikeoperator.cli;

import io.pikeoperator.api.v1alpha1.ClusterSshSpec;
import io.pikeoperator.api.v1alpha1.PikeClusterSpec;
import io.pikeoperator.drive.Assembly;
import io.pikeoperator.drive.ClusterInputs;
import io.pikeoperator.drive.Deployment;
import io.pikeoperator.drive.InputException;
import io.pikeoperator.drive.SpecValidation;
import io.pikeoperator.engine.HostReport;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** {@code apply} and {@code plan}: one run of the engine over the hosts of a manifest, printed step by step. */
final class ApplyCommand {

    private final boolean dryRun;
    private final PrintStream out;
    private final PrintStream err;

    ApplyCommand(boolean dryRun, PrintStream out, PrintStream err) {
        this.dryRun = dryRun;
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        List<Path> files = new ArrayList<>();
        Path sshKey = null;
        Path knownHosts = null;
        Path passwordsFile = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-f", "--filename" -> files.add(Path.of(value(args, ++i)));
                    case "--ssh-key" -> sshKey = Path.of(value(args, ++i));
                    case "--known-hosts" -> knownHosts = Path.of(value(args, ++i));
                    case "--passwords-file" -> passwordsFile = Path.of(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("-f FILE is required");
            }
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
        try (SshConnections connections = new SshConnections(settings(spec))) {
            if (!generated.isEmpty()) {
                // Only on this path, never on a converged one: hosts that were given passwords must not get fresh ones.
                List<String> provisioned;
                try {
                    provisioned = Provisioned.evidence(connections, assembly);
                } catch (Provisioned.Unchecked e) {
                    // no passwords are generated for hosts that may hold applied ones
                    out.println("FAILED " + e.host + " HostReachable / passwords not applied yet: " + e.cause.reason() + ": "
                            + redactor.redact(e.cause.getMessage()));
                    out.println(dryRun ? "plan: a check failed" : "NOT converged");
                    return 1;
                }
                if (!provisioned.isEmpty()) {
                    throw new InputException("PasswordsLost", "the passwords file " + passwordsFile + " lacks "
                            + String.join(", ", generated) + " but the hosts were provisioned with passwords already ("
                            + String.join("; ", provisioned) + "). Fresh passwords would lock their services out, so "
                            + "none are generated and no host is changed. Restore the passwords file (or give the "
                            + "Secret in -f) with the passwords the hosts use; rotation is not supported yet.");
                }
                if (dryRun) {
                    out.println("passwords not set yet (" + String.join(", ", generated) + "): apply will generate them into "
                            + passwordsFile);
                } else {
                    Map<String, String> all = new LinkedHashMap<>(passwords.asMap());
                    PasswordsFile.write(passwordsFile, secretName, all);
                    out.println("generated passwords " + String.join(", ", generated) + " → " + passwordsFile
                            + " (mode 0600; the next run reuses it; kubectl apply -f it to hand it to the operator)");
                }
            }
            Deployment.Report report = new Deployment(connections, redactor).run(assembly, dryRun, new Printer(out));
            int code = summarise(report);
            // the other hosts went on without a node that was left out; it still fails the run
            assembly.rejected().forEach((name, e) -> out.println("FAILED ComputeNode " + name + " (left out): " + e.reason()
                    + ": " + e.getMessage()));
            return assembly.rejected().isEmpty() ? code : Math.max(code, 1);
        }
    }

    static SshSettings settings(PikeClusterSpec spec) {
        ClusterSshSpec ssh = spec == null || spec.ssh == null ? new ClusterSshSpec() : spec.ssh;
        SshSettings d = SshSettings.defaults();
        return new SshSettings(
                Duration.ofSeconds(Objects.requireNonNullElse(ssh.connectTimeoutSeconds, ClusterSshSpec.DEFAULT_CONNECT_TIMEOUT_SECONDS)),
                Duration.ofSeconds(Objects.requireNonNullElse(ssh.commandTimeoutSeconds, ClusterSshSpec.DEFAULT_COMMAND_TIMEOUT_SECONDS)),
                d.keepAliveInterval(), 16 << 20, d.maxConcurrentSessions(), d.reconnectInitialBackoff(), d.reconnectMaxBackoff());
    }

    private int summarise(Deployment.Report report) {
        out.println();
        for (HostReport h : report.hosts().values()) {
            out.printf(Locale.ROOT, "%s: %d steps, %d changed, %d %s, %d failed, %d SSH execs%n", h.host(), h.results().size(),
                    h.count(Outcome.CHANGED), dryRun ? h.count(Outcome.WOULD_CHANGE) : h.count(Outcome.SKIPPED),
                    dryRun ? "would change" : "skipped", h.count(Outcome.FAILED), h.execs());
        }
        List<StepResult> verification = report.results().stream().filter(r -> r.service().equals("Verified")).toList();
        boolean verified = !verification.isEmpty() && verification.stream().allMatch(r -> r.outcome() == Outcome.UNCHANGED);
        if (!dryRun) {
            out.println(verified ? "verification: passed (" + verification.stream().map(StepResult::step)
                    .reduce((a, b) -> a + ", " + b).orElse("") + ")" : "verification: NOT passed");
        }
        report.hosts().values().forEach(h -> h.failure().ifPresent(f -> out.println("FAILED " + f.host() + " " + f.service()
                + " / " + f.step() + ": " + f.reason() + ": " + f.message())));
        if (dryRun) {
            boolean failed = report.hosts().values().stream().anyMatch(h -> h.failure().isPresent());
            boolean pending = report.hosts().values().stream().anyMatch(h -> h.count(Outcome.WOULD_CHANGE) > 0);
            out.println(failed ? "plan: a check failed" : pending ? "plan: changes pending" : "plan: no changes");
            return failed ? 1 : pending ? 3 : 0;
        }
        out.println(report.converged() && verified ? "converged" : "NOT converged");
        return report.converged() && verified ? 0 : 1;
    }

    /** One line per finished step: host, service, step, outcome, duration, and what differed or why it failed. */
    private static final class Printer implements StepListener {
        private final PrintStream out;

        Printer(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void finished(StepResult r, int index, int total) {
            String detail = r.outcome() == Outcome.FAILED ? r.reason() + ": " + r.message()
                    : r.message() == null ? "" : r.message();
            out.printf(Locale.ROOT, "%-13s %-18s %-46s %-12s %6.2fs  %s%n", r.host(), r.service(), truncate(r.step(), 46),
                    r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.duration().toMillis() / 1000.0, detail);
        }

        private static String truncate(String s, int n) {
            return s.length() <= n ? s : s.substring(0, n - 1) + "…";
        }
    }
}

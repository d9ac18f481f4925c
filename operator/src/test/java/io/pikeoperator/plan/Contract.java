package io.pikeoperator.plan;

import io.pikeoperator.engine.Engine;
import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Redactor;
import io.pikeoperator.engine.RunOptions;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepListener;
import io.pikeoperator.plan.infra.InfraSteps;
import io.pikeoperator.plan.step.PackagesStep;
import io.pikeoperator.plan.step.ServiceStep;
import io.pikeoperator.ssh.ExecResult;
import io.pikeoperator.ssh.RemoteShell;
import io.pikeoperator.ssh.SshException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the contract tests share: a cluster with chosen passwords, and the operator's engine run on a shell. */
final class Contract {

    private Contract() {
    }

    static Cluster cluster(Map<String, String> given) throws Passwords.InvalidPasswordException {
        Map<String, String> all = new LinkedHashMap<>();
        Passwords.KEYS.forEach(k -> all.put(k, "Generated" + k.replace("-", "") + "42"));
        all.putAll(given);
        return new Cluster("RegionOne", "10.0.0.0/24", List.of(), new NodeInfo("controller01", "10.0.0.11", null),
                List.of(), List.of(), "file,http", "file", "/var/lib/glance/images/", List.of(), 300,
                false, false, false, Passwords.of(all));
    }

    /** The infrastructure steps of {@code service} that configure the running daemon (not yum, not systemd). */
    static List<Step> daemonSteps(Cluster cluster, String service) {
        return InfraSteps.of(cluster).stream().filter(s -> s.service().equals(service))
                .filter(s -> !(s instanceof PackagesStep) && !(s instanceof ServiceStep))
                .filter(s -> !s.name().equals("/etc/my.cnf.d/openstack.cnf")).toList();
    }

    /** Runs the steps with the operator's engine; one line per step: name, outcome and the (redacted) message. */
    static List<String> run(RemoteShell shell, Cluster cluster, List<Step> steps, boolean dryRun) {
        HostReport r = new Engine(new Redactor(cluster.passwords().all())).run(new HostPlan("controller01", steps),
                shell, RunOptions.apply().dryRun(dryRun), StepListener.NONE);
        return r.results().stream().map(x -> x.step() + ": " + x.outcome()
                + (x.message() == null ? "" : " (" + x.message() + ")")).toList();
    }

    /** Runs a script (inputs on stdin, as the engine sends them); exit status and stdout+stderr. */
    static RealShell.Result exec(RemoteShell shell, Script script) throws SshException {
        ExecResult r = shell.exec(script.command(), script.stdin(), null);
        return new RealShell.Result(r.exitStatus(), r.stdout() + r.stderr());
    }

    /** A script's stdin inputs, decoded (NUL-separated name/value pairs). */
    static Map<String, String> inputs(byte[] stdin) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = new String(stdin, StandardCharsets.UTF_8).split("\0", -1);
        for (int i = 0; i + 1 < parts.length; i += 2) {
            out.put(parts[i], parts[i + 1]);
        }
        return out;
    }

    static byte[] stdin(Map<String, String> inputs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        inputs.forEach((k, v) -> {
            out.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        });
        return out.toByteArray();
    }
}

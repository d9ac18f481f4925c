package io.pikeoperator.plan.step;

import io.pikeoperator.engine.Actions;
import io.pikeoperator.engine.Observations;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.RunContext;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Shell;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepFailure;
import io.pikeoperator.ssh.SshException;

import java.util.List;

/** Packages installed with yum; only the missing ones are installed. */
public final class PackagesStep extends Step {

    private final List<String> packages;
    private final Probe probe;

    public PackagesStep(String service, List<String> packages) {
        super(service, "packages " + String.join(" ", packages));
        this.packages = List.copyOf(packages);
        // --whatprovides: the guide names python-openstackclient, which RDO's python2-openstackclient only Provides
        // (rpm -q matches package names alone; hostsim/FIDELITY.md)
        this.probe = Probe.of("for p in " + Shell.quoteAll(packages) + "; do rpm -q --whatprovides \"$p\" >/dev/null 2>&1 "
                + "|| echo \"missing $p\"; done; echo @checked");
    }

    @Override
    public List<Probe> probes() {
        return List.of(probe);
    }

    private List<String> missing(Observations seen) {
        List<String> out = seen.get(probe).lines();
        // without the end marker the loop did not run through: nothing is known to be installed
        return packages.stream().filter(p -> out.contains("missing " + p) || !out.contains("@checked")).toList();
    }

    @Override
    public String difference(Observations seen, RunContext context) {
        List<String> missing = missing(seen);
        return missing.isEmpty() ? null : "not installed: " + String.join(", ", missing);
    }

    @Override
    public void apply(Observations seen, RunContext context, Actions actions) throws StepFailure, SshException {
        actions.require(Script.of("yum install -y " + Shell.quoteAll(missing(seen))), "PackageInstallFailed",
                "yum install");
    }

    @Override
    public String failureReason() {
        return "PackageInstallFailed";
    }
}

package io.pikeoperator.plan.step;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.engine.Actions;
import io.pikeoperator.engine.Observations;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.RunContext;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepFailure;
import io.pikeoperator.ssh.SshException;

import java.util.List;

/** After an upgrade brought a new kernel, reboot into it and wait for SSH to come back. */
public final class RebootStep extends Step {

    private static final Probe PROBE = Probe.of("uname -r; rpm -q kernel --qf '%{VERSION}-%{RELEASE}.%{ARCH}\\n' | sort -V | tail -n1");

    public RebootStep() {
        super(ConditionTypes.OPENSTACK_REPO, "reboot into the newest kernel");
    }

    @Override
    public List<Probe> probes() {
        return List.of(PROBE);
    }

    @Override
    public String difference(Observations seen, RunContext context) {
        List<String> lines = seen.get(PROBE).lines();
        if (lines.size() < 2 || lines.get(1).startsWith("package ")) {
            return null;
        }
        return lines.get(0).equals(lines.get(1)) ? null : "running kernel " + lines.get(0) + ", newest " + lines.get(1);
    }

    @Override
    public void apply(Observations seen, RunContext context, Actions actions) throws SshException, StepFailure {
        String newest = seen.get(PROBE).lines().get(1);
        actions.reboot(Script.of("uname -r"), out -> out.strip().equals(newest));
        context.decided(context.decisions().rebootedInto(newest)); // the facts were read before the reboot
    }

    @Override
    public String failureReason() {
        return "RebootFailed";
    }
}

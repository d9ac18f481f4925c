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

import java.util.ArrayList;
import java.util.List;

/**
 * Opens ports and services in firewalld's public zone, permanently and at runtime (the guide's note on port 5672:
 * the computes must reach the controller). A host whose firewalld is not running needs nothing.
 */
public final class FirewallStep extends Step {

    private static final Probe PROBE = Probe.of("if firewall-cmd --state >/dev/null 2>&1; then "
            + "echo @runtime; firewall-cmd --list-ports; firewall-cmd --list-services; "
            + "echo @permanent; firewall-cmd --permanent --list-ports; firewall-cmd --permanent --list-services; "
            + "else echo @off; fi");

    private final List<String> ports;
    private final List<String> services;

    public FirewallStep(String service, List<String> ports, List<String> services) {
        super(service, "firewalld " + String.join(" ", ports) + (ports.isEmpty() ? "" : " ") + String.join(" ", services));
        this.ports = List.copyOf(ports);
        this.services = List.copyOf(services);
    }

    @Override
    public List<Probe> probes() {
        return List.of(PROBE);
    }

    private List<String> missing(Observations seen) {
        String out = seen.get(PROBE).output();
        if (out.contains("@off")) {
            return List.of();
        }
        int p = out.indexOf("@permanent");
        List<String> runtime = words(p < 0 ? out : out.substring(0, p));
        List<String> permanent = words(p < 0 ? "" : out.substring(p));
        List<String> missing = new ArrayList<>();
        for (String want : concat()) {
            if (!runtime.contains(want) || !permanent.contains(want)) {
                missing.add(want);
            }
        }
        return missing;
    }

    private List<String> concat() {
        List<String> all = new ArrayList<>(ports);
        all.addAll(services);
        return all;
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    @Override
    public String difference(Observations seen, RunContext context) {
        List<String> missing = missing(seen);
        return missing.isEmpty() ? null : "not open: " + String.join(", ", missing);
    }

    @Override
    public void apply(Observations seen, RunContext context, Actions actions) throws StepFailure, SshException {
        StringBuilder s = new StringBuilder("set -e\n");
        for (String m : missing(seen)) {
            s.append("firewall-cmd --permanent ").append(Shell.quote((m.contains("/") ? "--add-port=" : "--add-service=") + m))
                    .append(" >/dev/null\n");
        }
        s.append("firewall-cmd --reload >/dev/null\n");
        actions.require(Script.of(s.toString()), "FirewallChangeFailed", "opening firewalld ports");
    }

    @Override
    public String failureReason() {
        return "FirewallChangeFailed";
    }
}

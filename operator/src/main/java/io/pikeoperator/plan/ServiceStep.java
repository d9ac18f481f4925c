package io.pikeoperator.plan;

import io.pikeoperator.engine.Actions;
import io.pikeoperator.engine.Observations;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.RunContext;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Shell;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepFailure;
import io.pikeoperator.ssh.SshException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** systemd units enabled and running; a unit whose configuration changed in this run restarts once, here. */
final class ServiceStep extends Step {

    private final List<String> units;
    private final Probe probe;

    ServiceStep(String service, List<String> units) {
        super(service, "running " + String.join(" ", units));
        this.units = List.copyOf(units);
        this.probe = Probe.of("for u in " + Shell.quoteAll(units) + "; do printf '%s %s %s\\n' \"$u\" "
                + "\"$(systemctl is-enabled \"$u\" 2>/dev/null)\" \"$(systemctl is-active \"$u\" 2>/dev/null)\"; done");
    }

    @Override
    public List<Probe> probes() {
        return List.of(probe);
    }

    private record State(boolean enabled, boolean active) {
    }

    private Map<String, State> states(Observations seen) {
        Map<String, State> states = new TreeMap<>();
        for (String line : seen.get(probe).lines()) {
            String[] f = line.split("\\s+");
            if (f.length >= 1) {
                states.put(f[0], new State(f.length > 1 && f[1].equals("enabled"), f.length > 2 && f[2].equals("active")));
            }
        }
        return states;
    }

    @Override
    public String difference(Observations seen, RunContext context) {
        Map<String, State> states = states(seen);
        List<String> problems = new ArrayList<>();
        for (String u : units) {
            State s = states.getOrDefault(u, new State(false, false));
            if (!s.active()) {
                problems.add(u + " not running");
            } else if (context.restartPending(u)) {
                problems.add(u + " to restart (configuration changed)");
            }
            if (!s.enabled()) {
                problems.add(u + " not enabled");
            }
        }
        return problems.isEmpty() ? null : String.join(", ", problems);
    }

    @Override
    public void apply(Observations seen, RunContext context, Actions actions) throws StepFailure, SshException {
        Map<String, State> states = states(seen);
        List<String> enable = new ArrayList<>();
        List<String> start = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        for (String u : units) {
            State s = states.getOrDefault(u, new State(false, false));
            if (!s.enabled()) {
                enable.add(u);
            }
            if (!s.active()) {
                start.add(u);
            } else if (context.restartPending(u)) {
                restart.add(u);
            }
        }
        StringBuilder script = new StringBuilder("set -e\n");
        if (!enable.isEmpty()) {
            script.append("systemctl enable ").append(Shell.quoteAll(enable)).append('\n');
        }
        if (!restart.isEmpty()) {
            script.append("systemctl restart ").append(Shell.quoteAll(restart)).append('\n');
        }
        if (!start.isEmpty()) {
            script.append("systemctl start ").append(Shell.quoteAll(start)).append('\n');
        }
        actions.require(Script.of(script.toString()), "ServiceNotRunning", "starting " + String.join(" ", units));
        units.forEach(context::restarted);
    }

    @Override
    public Duration settle() {
        return Duration.ofSeconds(30);
    }

    @Override
    public String failureReason() {
        return "ServiceNotRunning";
    }
}

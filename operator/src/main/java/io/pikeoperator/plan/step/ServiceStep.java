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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** systemd units enabled and running; a unit whose configuration changed in this run restarts once, here. */
public final class ServiceStep extends Step {

    private final List<String> units;
    private final Probe probe;

    public ServiceStep(String service, List<String> units) {
        super(service, "running " + String.join(" ", units));
        this.units = List.copyOf(units);
        // the third word: a restart recorded on the host by a change whose restart has not happened yet
        this.probe = Probe.of("for u in " + Shell.quoteAll(units) + "; do printf '%s %s %s %s\\n' \"$u\" "
                + "\"$(systemctl is-enabled \"$u\" 2>/dev/null)\" \"$(systemctl is-active \"$u\" 2>/dev/null)\" "
                + "\"$(test -e " + Shell.quote(Actions.PENDING_RESTART_DIR) + "/\"$u\" && echo pending)\"; done");
    }

    @Override
    public List<Probe> probes() {
        return List.of(probe);
    }

    private record State(boolean enabled, boolean active, boolean marked) {
    }

    private static final State UNKNOWN = new State(false, false, false);

    private Map<String, State> states(Observations seen) {
        Map<String, State> states = new TreeMap<>();
        for (String line : seen.get(probe).lines()) {
            String[] f = line.split("\\s+");
            if (f.length >= 1) {
                // is-enabled or is-active may print nothing: the words are read by their values, not positions
                List<String> words = List.of(f).subList(1, f.length);
                states.put(f[0], new State(words.contains("enabled"), words.contains("active"), words.contains("pending")));
            }
        }
        return states;
    }

    @Override
    public String difference(Observations seen, RunContext context) {
        Map<String, State> states = states(seen);
        List<String> problems = new ArrayList<>();
        for (String u : units) {
            State s = states.getOrDefault(u, UNKNOWN);
            if (!s.active()) {
                problems.add(u + " not running");
            } else if (context.restartPending(u) || s.marked()) {
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
        List<String> marked = new ArrayList<>();
        for (String u : units) {
            State s = states.getOrDefault(u, UNKNOWN);
            if (!s.enabled()) {
                enable.add(u);
            }
            if (!s.active()) {
                start.add(u);
            } else if (context.restartPending(u) || s.marked()) {
                restart.add(u);
            }
            if (s.marked()) {
                marked.add(u);
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
        if (!marked.isEmpty()) {
            // only after the restart (or first start) succeeded: set -e stops before this line otherwise
            script.append("rm -f");
            marked.forEach(u -> script.append(' ').append(Shell.quote(Actions.PENDING_RESTART_DIR + "/" + u)));
            script.append('\n');
        }
        actions.require(Script.of(script.toString()), "ServiceNotRunning", "starting " + String.join(" ", units));
        units.forEach(context::restarted);
    }

    @Override
    public List<String> restarts(Observations seen, RunContext context) {
        Map<String, State> states = states(seen);
        return units.stream().filter(u -> {
            State s = states.getOrDefault(u, UNKNOWN);
            return s.active() && (context.restartPending(u) || s.marked());
        }).toList();
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

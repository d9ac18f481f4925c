package io.pikeoperator.drive;

import io.pikeoperator.engine.Engine;
import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.Redactor;
import io.pikeoperator.engine.RunOptions;
import io.pikeoperator.engine.StepListener;
import io.pikeoperator.engine.StepResult;
import io.pikeoperator.plan.NodeInfo;
import io.pikeoperator.plan.SeedPlan;
import io.pikeoperator.ssh.RemoteShell;
import io.pikeoperator.ssh.SshConnections;
import io.pikeoperator.ssh.SshTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Drives a whole cluster in the seed's order: the controller (holding what waits for the computes), the computes
 * in parallel, then the controller's compute discovery and verification. A converged cluster costs one exec per
 * host: the controller's second pass runs only when every compute converged and its first pass found something
 * held to do or a compute changed.
 */
public final class Deployment {

    private final SshConnections connections;
    private final Engine engine;

    public Deployment(SshConnections connections, Redactor redactor) {
        this.connections = connections;
        this.engine = new Engine(redactor);
    }

    /** The reports of the last run of each host, controller first. */
    public record Report(Map<String, HostReport> hosts) {
        public boolean converged() {
            return hosts.values().stream().allMatch(HostReport::converged);
        }

        public List<StepResult> results() {
            List<StepResult> all = new ArrayList<>();
            hosts.values().forEach(h -> all.addAll(h.results()));
            return all;
        }
    }

    public Report run(Assembly assembly, boolean dryRun, StepListener listener) {
        Map<String, HostReport> reports = new LinkedHashMap<>();
        RunOptions options = assembly.runOptions().dryRun(dryRun);
        java.time.Duration connect = assembly.timeouts().connect();
        HostPlan controllerPlan = SeedPlan.controller(assembly.cluster());
        String controller = controllerPlan.host();
        RunOptions first = dryRun ? options : options.holding(SeedPlan.AFTER_COMPUTES);
        HostReport ctl = runHost(controllerPlan, assembly.targets().get(controller), connect, first, listener);
        reports.put(controller, ctl);
        if (ctl.failure().isPresent()) {
            return new Report(reports);
        }
        boolean computesChanged = false;
        boolean computesConverged = true;
        List<NodeInfo> computes = assembly.cluster().computes();
        if (!computes.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(computes.size(), 16));
            try {
                Map<String, Future<HostReport>> futures = new LinkedHashMap<>();
                for (NodeInfo c : computes) {
                    HostPlan plan = SeedPlan.compute(assembly.cluster(), c);
                    futures.put(c.hostname(), pool.submit(() -> runHost(plan, assembly.targets().get(c.hostname()), connect, options, listener)));
                }
                for (Map.Entry<String, Future<HostReport>> f : futures.entrySet()) {
                    HostReport r = get(f.getValue());
                    reports.put(f.getKey(), r);
                    computesChanged |= r.changed();
                    computesConverged &= r.converged();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        boolean heldPending = ctl.results().stream().anyMatch(r -> r.outcome() == Outcome.SKIPPED);
        // after a failed compute the held part (each compute up, discovery, verification) could only fail too
        if (!dryRun && computesConverged && (heldPending || computesChanged)) {
            reports.put(controller, runHost(controllerPlan, assembly.targets().get(controller), connect, options, listener));
        }
        return new Report(reports);
    }

    /** One host's plan under its host lock (never two plans on one host at once). */
    public HostReport runHost(HostPlan plan, SshTarget target, RunOptions options, StepListener listener) {
        return runHost(plan, target, null, options, listener);
    }

    /**
     * As above, connecting within {@code connectTimeout} (null: the connections' default).
     *
     * @throws SshConnections.HostBusy when another plan holds the host longer than {@link RunOptions#lockWait()}
     */
    public HostReport runHost(HostPlan plan, SshTarget target, java.time.Duration connectTimeout, RunOptions options,
                              StepListener listener) {
        try (SshConnections.HostLock lock = connections.lockHost(target, options.lockWait())) {
            RemoteShell shell = connections.shell(target, connectTimeout);
            return engine.run(plan, shell, options, listener);
        }
    }

    private static HostReport get(Future<HostReport> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}

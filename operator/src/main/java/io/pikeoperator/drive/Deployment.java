package io.pikeoperator.drive;

import io.pikeoperator.engine.Engine;
import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.Redactor;
import io.pikeoperator.engine.RunOptions;
import io.pikeoperator.engine.StepListener;
import io.pikeoperator.engine.StepResult;
import io.pikeoperator.plan.GuidePlan;
import io.pikeoperator.plan.InstallOrder.Role;
import io.pikeoperator.plan.InstallOrder;
import io.pikeoperator.plan.NodeInfo;
import io.pikeoperator.ssh.RemoteShell;
import io.pikeoperator.ssh.SshConnections;
import io.pikeoperator.ssh.SshTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Drives a whole cluster in the {@link InstallOrder}: the controller (holding what waits for the computes), the
 * computes in parallel, then the controller's compute discovery and verification. A converged cluster costs one exec per
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
        HostPlan controllerPlan = GuidePlan.controller(assembly.cluster());
        String controller = controllerPlan.host();
        // before the computes ran, nothing that waits for them is met (a dry run holds nothing: it shows it all)
        Set<String> held = InstallOrder.held(InstallOrder.waiting(Role.CONTROLLER, w -> false));
        RunOptions first = dryRun ? options : options.holding(held);
        HostReport ctl = runHost(controllerPlan, assembly.targets().get(controller), connect, first, listener);
        reports.put(controller, ctl);
        List<HostReport> computeReports = new ArrayList<>();
        if (ctl.failure().isPresent()
                || !InstallOrder.waiting(Role.COMPUTE, w -> met(w, List.of(ctl), computeReports)).isEmpty()) {
            return new Report(reports);
        }
        List<NodeInfo> computes = assembly.cluster().computes();
        if (!computes.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(workers(computes.size()));
            try {
                Map<String, Future<HostReport>> futures = new LinkedHashMap<>();
                for (NodeInfo c : computes) {
                    HostPlan plan = GuidePlan.compute(assembly.cluster(), c);
                    futures.put(c.hostname(), pool.submit(() -> runHost(plan, assembly.targets().get(c.hostname()), connect, options, listener)));
                }
                for (Map.Entry<String, Future<HostReport>> f : futures.entrySet()) {
                    HostReport r = get(f.getValue());
                    reports.put(f.getKey(), r);
                    computeReports.add(r);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        boolean heldPending = ctl.results().stream().anyMatch(r -> r.outcome() == Outcome.SKIPPED);
        boolean computesChanged = computeReports.stream().anyMatch(HostReport::changed);
        // after a failed compute the held part (each compute up, discovery, verification) could only fail too
        boolean waitsMet = InstallOrder.waiting(Role.CONTROLLER, w -> met(w, List.of(ctl), computeReports)).isEmpty();
        if (!dryRun && waitsMet && (heldPending || computesChanged)) {
            reports.put(controller, runHost(controllerPlan, assembly.targets().get(controller), connect, options, listener));
        }
        return new Report(reports);
    }

    /**
     * One thread per compute, up to {@link #MAX_PARALLEL_COMPUTES}: the computes start together instead of in waves
     * of 16 (issue 13 measured waves from 30 s to 108 s at N = 50). A thread mostly waits on SSH; what bounds the
     * load on the hosts and the operator is the connections' session cap.
     */
    static int workers(int computes) {
        return Math.max(1, Math.min(computes, MAX_PARALLEL_COMPUTES));
    }

    static final int MAX_PARALLEL_COMPUTES = 256;

    /** A wait of the order, judged from this run's reports: its service converged on every host of its role. */
    private static boolean met(InstallOrder.Wait wait, List<HostReport> controllers, List<HostReport> computes) {
        List<HostReport> of = wait.role() == Role.CONTROLLER ? controllers : computes;
        if (of.isEmpty()) {
            return !wait.required();
        }
        return of.stream().allMatch(r -> r.results().stream().filter(s -> s.service().equals(wait.condition()))
                .allMatch(s -> s.outcome() == Outcome.UNCHANGED || s.outcome() == Outcome.CHANGED
                        || s.outcome() == Outcome.WOULD_CHANGE));
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

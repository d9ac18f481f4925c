package io.pikeoperator.reconcile;

import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.drive.Assembly;
import io.pikeoperator.drive.Deployment;
import io.pikeoperator.drive.InputException;
import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.Redactor;
import io.pikeoperator.engine.RunOptions;
import io.pikeoperator.engine.StepListener;
import io.pikeoperator.engine.StepResult;
import io.pikeoperator.plan.Passwords;
import io.pikeoperator.ssh.SshConnections;
import io.pikeoperator.ssh.SshTarget;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;
import java.util.Optional;

/** What the three reconcilers share: the API client, the SSH connections, Events and metrics. */
public final class OperatorServices {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OperatorServices.class);

    final KubernetesClient client;
    /** The informers' caches the loader reads (filled as the reconcilers prepare their event sources). */
    final InformerCaches caches = new InformerCaches();
    final ClusterLoader loader;
    final SshConnections ssh;
    final EventRecorder events;
    final OperatorMetrics metrics;
    /** How often a converged node is checked again (drift repair). */
    final java.time.Duration resync;
    /** Writes the reconcilers' changed statuses. */
    final StatusPatch statusPatch;
    /** When failing nodes are tried again. */
    final RetryBackoff backoff = new RetryBackoff();

    /**
     * How long a reconcile waits for another plan on the same host (the controller is shared by every compute's
     * discovery and decommission) before it gives the worker back and tries later.
     */
    static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(20);

    /** @param ssa whether JOSDK patches status with server-side apply (see {@link StatusPatch}) */
    public OperatorServices(KubernetesClient client, SshConnections ssh, OperatorMetrics metrics, java.time.Duration resync,
                            boolean ssa) {
        this.resync = resync;
        this.statusPatch = new StatusPatch(client, ssa, caches);
        this.client = client;
        this.loader = new ClusterLoader(client, caches);
        this.ssh = ssh;
        this.events = new EventRecorder(client);
        this.metrics = metrics;
    }

    /**
     * The cluster's passwords when its Secret holds all of them (the PikeCluster reconciler fills it), rotating from
     * the last applied set where keys differ, with the Secret's resourceVersion they were read at.
     */
    Optional<ReadPasswords> currentPasswords(PikeCluster cluster) {
        Optional<io.fabric8.kubernetes.api.model.Secret> secret = loader.secretResource(cluster.getMetadata().getNamespace(),
                ClusterLoader.passwordsSecretName(cluster));
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        try {
            Passwords current = Passwords.of(ClusterLoader.decode(secret.get()));
            Map<String, String> applied = AppliedPasswords.read(loader, cluster).orElse(Map.of());
            return Optional.of(new ReadPasswords(current.rotatingFrom(applied), secret.get().getMetadata().getResourceVersion()));
        } catch (Passwords.InvalidPasswordException e) {
            return Optional.empty();
        }
    }

    Optional<Passwords> passwords(PikeCluster cluster) {
        return currentPasswords(cluster).map(ReadPasswords::passwords);
    }

    /** Passwords and the resourceVersion of the Secret they came from (a version, never a value). */
    record ReadPasswords(Passwords passwords, String version) {
    }

    /**
     * A read-only command on a host of {@code assembly}'s cluster, under the host's lock, bounded by the cluster's
     * timeouts.
     *
     * @throws SshConnections.HostBusy when another plan holds the host longer than {@link #LOCK_WAIT}
     */
    io.pikeoperator.ssh.ExecResult query(Assembly assembly, String host, io.pikeoperator.engine.Script script)
            throws io.pikeoperator.ssh.SshException {
        SshTarget target = assembly.targets().get(host);
        try (SshConnections.HostLock lock = ssh.lockHost(target, LOCK_WAIT)) {
            return ssh.shell(target, assembly.timeouts().connect()).exec(script.command(), script.stdin(),
                    assembly.runOptions().checkTimeout());
        }
    }

    Assembly assemble(PikeCluster cluster, Passwords passwords) throws InputException {
        return Assembly.of(loader.inputs(cluster), passwords, Assembly.SshOverrides.NONE);
    }

    /**
     * One host plan of {@code assembly}'s cluster under the host's lock, with the cluster's SSH timeouts and step
     * metrics.
     *
     * @throws SshConnections.HostBusy when another plan holds the host longer than {@link #LOCK_WAIT}
     */
    HostReport run(HostPlan plan, Assembly assembly, RunOptions options, Redactor redactor) {
        SshTarget target = assembly.targets().get(plan.host());
        HostReport report = new Deployment(ssh, redactor).runHost(plan, target, assembly.timeouts().connect(),
                options.lockWait(LOCK_WAIT), new StepListener() {
            @Override
            public void finished(StepResult result, int index, int total) {
                metrics.step(result);
                if (result.outcome() == Outcome.CHANGED) {
                    // the message is redacted by the engine
                    try (LogFields fields = LogFields.service(result.service())) {
                        LOG.info("{}: changed {} / {}: {}", result.host(), result.service(), result.step(), result.message());
                    }
                }
            }
        });
        metrics.run(report);
        // a converged host checked again (every resync) is worth a line only when looking closely
        boolean worthALine = report.changed() || report.failure().isPresent();
        String failed = report.failure().map(f -> f.service() + " / " + f.step() + ": " + f.reason()).orElse("none");
        if (worthALine && LOG.isInfoEnabled() || LOG.isDebugEnabled()) {
            String line = String.format(java.util.Locale.ROOT, "%s: ran %d of %d steps, %d changed, %d SSH execs, failed: %s",
                    report.host(), report.results().size() - report.count(Outcome.SKIPPED), plan.steps().size(),
                    report.count(Outcome.CHANGED), report.execs(), failed);
            if (worthALine) {
                LOG.info(line);
            } else {
                LOG.debug(line);
            }
        }
        return report;
    }
}

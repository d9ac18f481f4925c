package io.pikeoperator.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.StepResult;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The project's own metrics, with labels of low cardinality (service, outcome, host, cluster, phase):
 * step durations and results, SSH execs and failures per host, service readiness and cluster phase, reconcile errors.
 */
public final class OperatorMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    void step(StepResult r) {
        Timer.builder("pike.step.duration").description("Duration of host plan steps by service and outcome")
                .tags("service", r.service(), "outcome", r.outcome().name().toLowerCase(Locale.ROOT))
                .register(registry).record(r.duration());
    }

    void run(HostReport report) {
        Counter.builder("pike.ssh.execs").description("SSH exec round trips per host").tag("host", report.host())
                .register(registry).increment(report.execs());
        report.failure().filter(f -> StatusWriter.SSH_REASONS.contains(f.reason())).ifPresent(f ->
                Counter.builder("pike.ssh.failures").description("SSH failures per host and reason")
                        .tags("host", report.host(), "reason", f.reason()).register(registry).increment());
        if (report.results().stream().anyMatch(r -> r.outcome() == Outcome.FAILED)) {
            Counter.builder("pike.step.failures").description("Runs that ended in a failed step, per host")
                    .tag("host", report.host()).register(registry).increment();
        }
    }

    void serviceReady(String cluster, String service, boolean ready) {
        gauge("pike.service.ready", "1 when the service's condition is True", cluster, "service", service).set(ready ? 1 : 0);
    }

    void phase(String cluster, Phase phase) {
        for (Phase p : Phase.values()) {
            gauge("pike.cluster.phase", "1 for the cluster's current phase", cluster, "phase", p.name()).set(p == phase ? 1 : 0);
        }
    }

    void reconcileError(String kind) {
        Counter.builder("pike.reconcile.errors").description("Reconciles that ended in an exception").tag("kind", kind)
                .register(registry).increment();
    }

    private AtomicInteger gauge(String name, String description, String cluster, String key, String value) {
        return gauges.computeIfAbsent(name + "|" + cluster + "|" + value, k -> {
            AtomicInteger holder = new AtomicInteger();
            io.micrometer.core.instrument.Gauge.builder(name, holder, AtomicInteger::get).description(description)
                    .tags("cluster", cluster, key, value).register(registry);
            return holder;
        });
    }
}

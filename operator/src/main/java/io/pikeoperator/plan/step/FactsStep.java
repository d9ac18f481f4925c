package io.pikeoperator.plan.step;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.HostFacts;
import io.pikeoperator.api.v1alpha1.VirtType;
import io.pikeoperator.engine.HostDecisions;
import io.pikeoperator.engine.Observations;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.RunContext;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepFailure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the host's facts and checks them before anything is changed: CentOS 7 on x86_64, enough memory, the
 * host name. A host that fails is never touched. Reading the facts is where this host's decisions are made, once
 * ({@link HostDecisions}): later steps and the status read them, nothing recomputes them.
 */
public final class FactsStep extends Step {

    private static final Probe PROBE = Probe.of("""
            echo "@os"; cat /etc/os-release 2>/dev/null
            echo "@arch"; uname -m
            echo "@kernel"; uname -r
            echo "@virt"; grep -oE -m1 -w 'vmx|svm' /proc/cpuinfo
            echo "@mem"; sed -n 's/^MemTotal: *\\([0-9]*\\) kB/\\1/p' /proc/meminfo
            echo "@hostname"; hostname
            echo "@end"
            """);

    private final String hostname;
    private final long minMemoryMiB;
    private final VirtType wantedVirtType;

    /** @param wantedVirtType the virt type wanted on this host, {@code AUTO} decided from its facts (null: no nova-compute) */
    public FactsStep(String hostname, long minMemoryMiB, VirtType wantedVirtType) {
        super(ConditionTypes.PREFLIGHT, "facts and preflight");
        this.hostname = hostname;
        this.minMemoryMiB = minMemoryMiB;
        this.wantedVirtType = wantedVirtType;
    }

    @Override
    public List<Probe> probes() {
        return List.of(PROBE);
    }

    @Override
    public boolean acts() {
        return false;
    }

    @Override
    public String failureReason() {
        return "PreflightFailed";
    }

    @Override
    public String difference(Observations seen, RunContext context) throws StepFailure {
        Map<String, String> parts = sections(seen.get(PROBE).output());
        HostFacts facts = facts(parts);
        context.decided(decide(facts));
        check(parts, facts);
        return null;
    }

    /** Every decision this host's plan makes from its facts. */
    public HostDecisions decide(HostFacts facts) {
        return HostDecisions.of(facts, wantedVirtType);
    }

    /** The facts as a value, read from the probe's sections. */
    private static HostFacts facts(Map<String, String> parts) {
        Map<String, String> os = osRelease(parts.getOrDefault("os", ""));
        HostFacts facts = new HostFacts();
        facts.osRelease = os.getOrDefault("PRETTY_NAME", os.getOrDefault("NAME", "unknown"));
        facts.kernel = parts.getOrDefault("kernel", "").strip();
        String virt = parts.getOrDefault("virt", "").strip();
        facts.cpuVirtualization = virt.isEmpty() ? "none" : virt;
        String mem = parts.getOrDefault("mem", "").strip();
        facts.memoryMiB = mem.isEmpty() ? null : Long.parseLong(mem) / 1024;
        return facts;
    }

    private void check(Map<String, String> parts, HostFacts facts) throws StepFailure {
        Map<String, String> os = osRelease(parts.getOrDefault("os", ""));
        if (!"centos".equals(os.get("ID")) || !os.getOrDefault("VERSION_ID", "").startsWith("7")) {
            throw new StepFailure("UnsupportedOperatingSystem", "the host runs " + facts.osRelease
                    + "; OpenStack Pike is installed on CentOS Linux 7 only");
        }
        String arch = parts.getOrDefault("arch", "").strip();
        if (!arch.equals("x86_64")) {
            throw new StepFailure("UnsupportedArchitecture", "the host is " + arch + "; x86_64 is required");
        }
        if (facts.memoryMiB == null || facts.memoryMiB < minMemoryMiB) {
            throw new StepFailure("InsufficientMemory", "the host has " + facts.memoryMiB + " MiB of memory; at least "
                    + minMemoryMiB + " MiB are required");
        }
        String name = parts.getOrDefault("hostname", "").strip();
        if (!name.equals(hostname) && !name.startsWith(hostname + ".")) {
            throw new StepFailure("HostnameMismatch", "the host calls itself '" + name + "' but is declared as '"
                    + hostname + "'");
        }
    }

    private static Map<String, String> sections(String output) {
        Map<String, String> parts = new HashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : output.split("\n")) {
            if (line.startsWith("@") && !line.contains(" ")) {
                if (current != null) {
                    parts.put(current, text.toString());
                }
                current = line.substring(1);
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        return parts;
    }

    private static Map<String, String> osRelease(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip().replaceAll("^\"|\"$", ""));
            }
        }
        return values;
    }
}

package io.pikeoperator.plan;

import io.pikeoperator.api.v1alpha1.HostFacts;
import io.pikeoperator.api.v1alpha1.PikeClusterSpec;
import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.RunContext;
import io.pikeoperator.plan.step.FactsStep;
import io.pikeoperator.plan.step.FileStep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files the operator's own plan writes, for the contract tests: a test cluster, its host plans, and the
 * content a plan's {@link FileStep} writes over the distribution's file as the twin's packages lay it down.
 */
public final class PlanFiles {

    private PlanFiles() {
    }

    /** A cluster of one controller and the given computes (names computer01, ...), every password given. */
    public static Cluster cluster(String controllerAddress, List<String> computeAddresses, String managementNetwork,
                           List<String> ntpServers, Map<String, String> passwords) {
        PikeClusterSpec spec = new PikeClusterSpec();
        spec.managementNetwork = managementNetwork;
        spec.ntpServers = ntpServers;
        List<NodeInfo> computes = new ArrayList<>();
        for (int i = 0; i < computeAddresses.size(); i++) {
            computes.add(new NodeInfo(String.format("computer%02d", i + 1), computeAddresses.get(i), null));
        }
        try {
            return Cluster.of(spec, new NodeInfo("controller01", controllerAddress, null), computes, Passwords.of(passwords));
        } catch (Passwords.InvalidPasswordException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Every password key with the same value. */
    public static Map<String, String> allPasswords(String value) {
        Map<String, String> m = new LinkedHashMap<>();
        Passwords.KEYS.forEach(k -> m.put(k, value));
        return m;
    }

    /** A distribution file of the twin's packages (hostsim/src/main/resources/io/pikeoperator/hostsim/files/). */
    static String distro(String resource) {
        try (InputStream in = PlanFiles.class.getResourceAsStream("/io/pikeoperator/hostsim/files/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no distribution file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the plan's one FileStep for {@code path} writes over {@code current}, on a host with these CPU flags. */
    static String written(HostPlan plan, String path, String current, String cpuVirtualization) {
        List<FileStep> steps = plan.steps().stream().filter(s -> s instanceof FileStep f && f.file().path().equals(path))
                .map(s -> (FileStep) s).toList();
        if (steps.size() != 1) {
            throw new IllegalStateException(plan.host() + " has " + steps.size() + " steps writing " + path);
        }
        RunContext context = new RunContext(plan.host());
        HostFacts facts = new HostFacts();
        facts.cpuVirtualization = cpuVirtualization;
        FactsStep reader = plan.steps().stream().filter(s -> s instanceof FactsStep).map(s -> (FactsStep) s).findFirst()
                .orElseThrow();
        context.decided(reader.decide(facts));
        return steps.get(0).wanted(current, context);
    }

    static String written(HostPlan plan, String path, String current) {
        return written(plan, path, current, "none");
    }
}

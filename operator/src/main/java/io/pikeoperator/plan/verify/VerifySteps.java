package io.pikeoperator.plan.verify;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.engine.Observation;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.glance.GlanceSteps;
import io.pikeoperator.plan.keystone.Identity;
import io.pikeoperator.plan.nova.ComputeSteps;
import io.pikeoperator.plan.nova.NovaSteps;
import io.pikeoperator.plan.step.GuardedStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The install guide's own verification, as checks on the controller (condition Verified). */
public final class VerifySteps {

    private static final String V = ConditionTypes.VERIFIED;

    private VerifySteps() {
    }

    public static List<Step> of(Cluster cluster) {
        List<Step> steps = new ArrayList<>();
        Probe admin = Probe.of(Identity.AS_ADMIN + "openstack token issue -f value -c id >/dev/null");
        Probe demo = Probe.of(". " + Identity.DEMO_OPENRC + " && openstack token issue -f value -c id >/dev/null");
        steps.add(check("admin token", admin, o -> o.ok() ? null : "openstack token issue as admin failed"));
        steps.add(check("demo token", demo, o -> o.ok() ? null : "openstack token issue as demo failed"));
        Probe catalog = Probe.of(Identity.AS_ADMIN + "openstack catalog list -f value -c Type");
        steps.add(check("catalog", catalog, o -> {
            List<String> missing = List.of("identity", "image", "compute", "placement").stream()
                    .filter(t -> !o.lines().contains(t)).toList();
            return o.ok() && missing.isEmpty() ? null : "catalog lacks " + String.join(", ", missing);
        }));
        steps.add(check("images", GlanceSteps.IMAGES, o -> {
            List<String> inactive = cluster.images().stream().map(i -> i.name)
                    .filter(n -> !o.lines().contains(n + " active")).toList();
            return o.ok() && inactive.isEmpty() ? null : "images not active: " + String.join(", ", inactive);
        }));
        steps.add(check("cells", NovaSteps.CELLS, o -> NovaSteps.hasCell(o.lines(), "cell0") && NovaSteps.hasCell(o.lines(), "cell1")
                ? null : "cell0 and cell1 are not both mapped"));
        steps.add(check("compute services up", ComputeSteps.SERVICES, o -> {
            List<String> down = o.lines().stream().filter(l -> !l.endsWith(" up")).toList();
            return o.ok() && down.isEmpty() && !o.lines().isEmpty() ? null : "services not up: " + String.join("; ", down);
        }));
        Probe upgrade = Probe.of(NovaSteps.asNova("nova-status upgrade check"));
        steps.add(check("nova-status upgrade check", upgrade, o -> o.ok() ? null
                : "nova-status upgrade check exit " + o.exit() + ": " + String.join(" ", checkResults(o))));
        return steps;
    }

    /** The check names and results of nova-status' table, for the message. */
    private static List<String> checkResults(Observation o) {
        List<String> out = new ArrayList<>();
        String check = null;
        for (String line : o.lines()) {
            if (line.startsWith("| Check: ")) {
                check = line.substring(9).replace("|", "").strip();
            } else if (line.startsWith("| Result: ") && check != null) {
                out.add(check + "=" + line.substring(10).replace("|", "").strip());
            }
        }
        return out;
    }

    private static Step check(String name, Probe probe, java.util.function.Function<Observation, String> verdict) {
        return GuardedStep.check(V, name, List.of(probe), (seen, ctx) -> verdict.apply(seen.get(probe)),
                "VerificationFailed", Duration.ofSeconds(30));
    }
}

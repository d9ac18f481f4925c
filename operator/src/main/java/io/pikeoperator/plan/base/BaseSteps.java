package io.pikeoperator.plan.base;

import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.VirtType;
import io.pikeoperator.config.HostsFile;
import io.pikeoperator.engine.ManagedFile;
import io.pikeoperator.engine.Observation;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;
import io.pikeoperator.plan.Cluster;
import io.pikeoperator.plan.NodeInfo;
import io.pikeoperator.plan.step.FactsStep;
import io.pikeoperator.plan.step.FileStep;
import io.pikeoperator.plan.step.FirewallStep;
import io.pikeoperator.plan.step.GuardedStep;
import io.pikeoperator.plan.step.PackagesStep;
import io.pikeoperator.plan.step.RebootStep;
import io.pikeoperator.plan.step.ServiceStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The install guide's base environment, on every node: preflight, /etc/hosts, chrony, the Pike repository, the clients. */
public final class BaseSteps {

    private BaseSteps() {
    }

    public static List<Step> of(Cluster cluster, NodeInfo node, boolean controller) {
        List<Step> steps = new ArrayList<>();
        // a compute decides its virt type where it reads its facts; the controller runs no nova-compute
        steps.add(new FactsStep(node.hostname(), controller ? 2048 : 1024,
                controller ? null : Objects.requireNonNullElse(node.virtType(), VirtType.AUTO)));
        steps.add(new FileStep(ConditionTypes.HOSTS_FILE, ManagedFile.root("/etc/hosts", 0644),
                (text, ctx) -> HostsFile.ensure(text, cluster.hostsEntries()), List.of()));
        steps.addAll(timeSync(cluster, controller));
        steps.addAll(repository(cluster));
        return steps;
    }

    private static List<Step> timeSync(Cluster cluster, boolean controller) {
        List<Step> steps = new ArrayList<>();
        steps.add(new PackagesStep(ConditionTypes.TIME_SYNC, List.of("chrony")));
        steps.add(new FileStep(ConditionTypes.TIME_SYNC, ManagedFile.root("/etc/chrony.conf", 0644),
                (text, ctx) -> controller ? ChronyConf.server(text, cluster.ntpServers(), cluster.managementNetwork())
                        : ChronyConf.client(text, cluster.controllerName()), List.of("chronyd")));
        if (controller && cluster.manageFirewall()) {
            steps.add(new FirewallStep(ConditionTypes.TIME_SYNC, List.of(), List.of("ntp")));
        }
        steps.add(new ServiceStep(ConditionTypes.TIME_SYNC, List.of("chronyd")));
        Probe sources = Probe.of("chronyc sources");
        steps.add(GuardedStep.check(ConditionTypes.TIME_SYNC, "chronyc sources", List.of(sources), (seen, ctx) -> {
            Observation o = seen.get(sources);
            return o.ok() && o.lines().stream().anyMatch(l -> l.startsWith("^*")) ? null
                    : "no time source selected (chronyc sources shows no '^*')";
        }, "TimeNotSynchronised", Duration.ofSeconds(90)));
        return steps;
    }

    private static List<Step> repository(Cluster cluster) {
        List<Step> steps = new ArrayList<>();
        steps.add(new PackagesStep(ConditionTypes.OPENSTACK_REPO, List.of("centos-release-openstack-pike")));
        if (cluster.upgradePackages()) {
            Probe updates = Probe.of("yum -q check-update >/dev/null 2>&1");
            steps.add(GuardedStep.action(ConditionTypes.OPENSTACK_REPO, "yum upgrade", List.of(updates), (seen, ctx) -> {
                int exit = seen.get(updates).exit();
                return exit == 0 ? null : exit == 100 ? "updates available" : "yum check-update failed (exit " + exit + ")";
            }, (seen, ctx) -> Script.of("yum upgrade -y"), "PackageUpgradeFailed"));
            if (cluster.rebootAfterUpgrade()) {
                steps.add(new RebootStep());
            }
        }
        steps.add(new PackagesStep(ConditionTypes.OPENSTACK_REPO, List.of("python-openstackclient", "openstack-selinux")));
        return steps;
    }
}

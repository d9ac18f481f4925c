package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ComputeNodeStatus;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.HostFacts;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.Phase;
import io.pikeoperator.api.v1alpha1.VirtType;
import io.pikeoperator.engine.HostDecisions;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.Redactor;
import io.pikeoperator.engine.StepResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The condition and phase logic of the one status writer, without an API server. */
class StatusWriterTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private final List<String> events = new ArrayList<>();
    private final EventSink sink = new EventSink() {
        @Override
        public void normal(HasMetadata on, String reason, String message) {
            events.add("Normal " + reason);
        }

        @Override
        public void warning(HasMetadata on, String reason, String message) {
            events.add("Warning " + reason);
        }

        @Override
        public void record(HasMetadata on, String type, String reason, String message, Redactor redactor) {
            events.add(type + " " + reason);
        }
    };
    private final OperatorMetrics metrics = new OperatorMetrics(new SimpleMeterRegistry());

    private static ComputeNode node(long generation) {
        ComputeNode n = new ComputeNode();
        n.setMetadata(new ObjectMetaBuilder().withName("compute01").withNamespace("ns").withGeneration(generation).build());
        return n;
    }

    private StatusWriter writer(long generation, Instant now) {
        return new StatusWriter(node(generation), sink, metrics, now);
    }

    private static StepResult step(String service, Outcome outcome, String reason, String message) {
        return new StepResult("compute01", service, service + " step", outcome, Duration.ZERO, reason, message);
    }

    /** A run in which every compute service converged, on a host without vmx/svm (decided: QEMU). */
    private static HostReport converged() {
        List<StepResult> steps = new ArrayList<>();
        for (String type : ConditionTypes.COMPUTE) {
            if (!type.equals(ConditionTypes.HOST_REACHABLE)) {
                steps.add(step(type, Outcome.UNCHANGED, null, null));
            }
        }
        HostFacts facts = new HostFacts();
        facts.osRelease = "CentOS Linux 7 (Core)";
        facts.cpuVirtualization = "none";
        return new HostReport("compute01", steps, new HostDecisions(facts, VirtType.QEMU), 1);
    }

    private static Condition condition(NodeStatus s, String type) {
        return Conditions.find(s.conditions, type).orElseThrow();
    }

    @Test
    void aConvergedRunMakesEveryServiceTrueAndTheNodeReadyAtItsGeneration() {
        ComputeNodeStatus s = new ComputeNodeStatus();
        StatusWriter w = writer(3, T0);
        w.ran(s, converged(), ConditionTypes.COMPUTE);
        w.record(s, converged(), List.of(), "pike", new Redactor(List.of()));
        w.finish(s, ConditionTypes.COMPUTE, "v7");
        assertThat(condition(s, ConditionTypes.READY).getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(condition(s, ConditionTypes.READY).getReason()).isEqualTo(Conditions.REASON_ALL_READY);
        assertThat(s.conditions).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
        assertThat(s.observedGeneration).isEqualTo(3L);
        assertThat(s.phase).isEqualTo(Phase.Ready);
        assertThat(s.passwordsVersion).isEqualTo("v7");
        assertThat(condition(s, ConditionTypes.PREFLIGHT).getMessage()).isEqualTo("1 step converged");
        assertThat(events).containsExactly("Normal ServiceReady");
    }

    @Test
    void theVirtTypeAndFactsAreTakenFromTheReportsDecisions() {
        ComputeNodeStatus s = new ComputeNodeStatus();
        writer(1, T0).record(s, converged(), List.of(), "pike", new Redactor(List.of()));
        assertThat(s.virtType).isEqualTo(VirtType.QEMU);
        assertThat(s.facts.cpuVirtualization).isEqualTo("none");
        assertThat(s.steps.done).isEqualTo(s.steps.total);
    }

    @Test
    void lastTransitionTimeMovesOnlyWhenTheStatusChanges() {
        ComputeNodeStatus s = new ComputeNodeStatus();
        writer(1, T0).ran(s, converged(), ConditionTypes.COMPUTE);
        String first = condition(s, ConditionTypes.NOVA_COMPUTE).getLastTransitionTime();
        writer(2, T1).ran(s, converged(), ConditionTypes.COMPUTE);
        assertThat(condition(s, ConditionTypes.NOVA_COMPUTE).getLastTransitionTime()).isEqualTo(first);
        assertThat(condition(s, ConditionTypes.NOVA_COMPUTE).getObservedGeneration()).isEqualTo(2L);

        HostReport failed = new HostReport("compute01", List.of(step(ConditionTypes.NOVA_COMPUTE, Outcome.FAILED,
                "ServiceFailed", "openstack-nova-compute is not active")), HostDecisions.NONE, 1);
        writer(2, T1).ran(s, failed, ConditionTypes.COMPUTE);
        Condition nc = condition(s, ConditionTypes.NOVA_COMPUTE);
        assertThat(nc.getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(nc.getReason()).isEqualTo("ServiceFailed");
        assertThat(nc.getLastTransitionTime()).isEqualTo(Conditions.timestamp(T1)).isNotEqualTo(first);
    }

    @Test
    void readySummarisesTheFirstServiceThatIsNotTrue() {
        NodeStatus s = new NodeStatus();
        StatusWriter w = writer(1, T0);
        w.waiting(s, ConditionTypes.COMPUTE, ConditionTypes.NOVA_COMPUTE, "WaitingForController",
                "waiting until the controller's NovaControlPlane is ready");
        w.finish(s, ConditionTypes.COMPUTE, null);
        Condition ready = condition(s, ConditionTypes.READY);
        assertThat(ready.getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(ready.getReason()).isEqualTo("WaitingForController");
        assertThat(condition(s, ConditionTypes.NOVA_COMPUTE).getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(condition(s, ConditionTypes.PREFLIGHT).getStatus()).isEqualTo(Conditions.UNKNOWN);
        assertThat(s.phase).as("waiting is not failing").isEqualTo(Phase.Provisioning);
        assertThat(s.passwordsVersion).isNull();
    }

    @Test
    void aRotationFinishedByALaterPassNamesTheSameKeys() {
        io.pikeoperator.api.v1alpha1.PikeClusterStatus s = new io.pikeoperator.api.v1alpha1.PikeClusterStatus();
        List<String> keys = List.of("mariadb-root", "nova");
        writer(1, T0).rotation(s, new PasswordsRotation.Decision(PasswordsRotation.Kind.ROTATING, keys), "pike-passwords");
        writer(1, T1).rotation(s, new PasswordsRotation.Decision(PasswordsRotation.Kind.IDLE, List.of()), "pike-passwords");
        Condition done = Conditions.find(s.conditions, ConditionTypes.PASSWORDS_ROTATING).orElseThrow();
        assertThat(done.getReason()).isEqualTo(PasswordsRotation.ROTATED);
        assertThat(done.getMessage()).isEqualTo(PasswordsRotation.rotatedMessage("pike-passwords", keys));
    }

    @Test
    void theCurrentWaitIsReadysReasonNotAnEarlierOne() {
        NodeStatus s = new NodeStatus();
        writer(1, T0).waiting(s, ConditionTypes.COMPUTE, ConditionTypes.NOVA_COMPUTE, "WaitingForPasswords", "no passwords");
        StatusWriter w = writer(1, T1);
        w.waiting(s, ConditionTypes.COMPUTE, ConditionTypes.NOVA_COMPUTE, "WaitingForController", "waiting");
        w.finish(s, ConditionTypes.COMPUTE, null);
        assertThat(condition(s, ConditionTypes.READY).getReason()).isEqualTo("WaitingForController");
        assertThat(condition(s, ConditionTypes.HOST_REACHABLE).getReason()).isEqualTo("WaitingForController");
        assertThat(condition(s, ConditionTypes.HOST_REACHABLE).getStatus()).isEqualTo(Conditions.UNKNOWN);
    }

    @Test
    void waitingKeepsWhatWasAlreadyKnownOfTheOtherServices() {
        ComputeNodeStatus s = new ComputeNodeStatus();
        writer(1, T0).ran(s, converged(), ConditionTypes.COMPUTE);
        writer(1, T1).waiting(s, ConditionTypes.COMPUTE, ConditionTypes.NOVA_COMPUTE, "WaitingForController", "waiting");
        assertThat(condition(s, ConditionTypes.PREFLIGHT).getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(condition(s, ConditionTypes.NOVA_COMPUTE).getReason()).isEqualTo("WaitingForController");
    }

    @Test
    void phaseGoesFromPendingThroughFailedToReadyAndThenOnlyDegraded() {
        List<Condition> c = new ArrayList<>();
        assertThat(StatusWriter.phase(c, null)).isEqualTo(Phase.Pending);
        Conditions.set(c, ConditionTypes.PREFLIGHT, Conditions.FALSE, "PreflightFailed", "no", 1L, T0);
        assertThat(StatusWriter.phase(c, Phase.Pending)).isEqualTo(Phase.Failed);
        Conditions.set(c, ConditionTypes.PREFLIGHT, Conditions.TRUE, "Converged", "ok", 1L, T0);
        Conditions.set(c, ConditionTypes.READY, Conditions.TRUE, Conditions.REASON_ALL_READY, "ok", 1L, T0);
        assertThat(StatusWriter.phase(c, Phase.Failed)).isEqualTo(Phase.Ready);
        Conditions.set(c, ConditionTypes.READY, Conditions.FALSE, "WaitingForComputes", "held", 1L, T0);
        assertThat(StatusWriter.phase(c, Phase.Ready)).isEqualTo(Phase.Degraded);
    }

    @Test
    void nothingRotatingAndAnUnlabeledSecretDoNotMakeAProvisioningClusterFailed() {
        List<Condition> c = new ArrayList<>();
        Conditions.set(c, ConditionTypes.PASSWORDS_ROTATING, Conditions.FALSE, "NotRotating", "no rotation under way", 1L, T0);
        Conditions.set(c, ConditionTypes.SECRETS_WATCHED, Conditions.FALSE, "SecretNotLabeled", "label it", 1L, T0);
        Conditions.set(c, ConditionTypes.KEYSTONE, Conditions.TRUE, "Ready", "ready", 1L, T0);
        assertThat(StatusWriter.phase(c, Phase.Pending)).isEqualTo(Phase.Provisioning);
        Conditions.set(c, ConditionTypes.GLANCE, Conditions.FALSE, "GlanceDown", "no", 1L, T0);
        assertThat(StatusWriter.phase(c, Phase.Provisioning)).isEqualTo(Phase.Failed);
    }

    @Test
    void anInputErrorOfThisNodeAloneSaysSoAndWarnsOnce() {
        NodeStatus s = new NodeStatus();
        writer(1, T0).inputError(s, List.of(ConditionTypes.HOST_REACHABLE, ConditionTypes.NOVA_COMPUTE), "InvalidSpec",
                "bad address", true);
        assertThat(condition(s, ConditionTypes.NOVA_COMPUTE).getReason()).isEqualTo("InvalidSpec");
        assertThat(s.message).isEqualTo("InvalidSpec: bad address");
        assertThat(events).containsExactly("Warning InvalidSpec");
    }

    @Test
    void aHeldServiceIsWaitingForTheComputesNotFailing() {
        NodeStatus s = new NodeStatus();
        HostReport held = new HostReport("controller01", List.of(step(ConditionTypes.VERIFIED, Outcome.SKIPPED, null,
                "waiting: not verified")), HostDecisions.NONE, 1);
        List<io.pikeoperator.plan.InstallOrder.Stage> waiting = io.pikeoperator.plan.InstallOrder.waiting(
                io.pikeoperator.plan.InstallOrder.Role.CONTROLLER, w -> false);
        writer(1, T0).ran(s, held, List.of(ConditionTypes.VERIFIED), waiting);
        assertThat(condition(s, ConditionTypes.VERIFIED).getReason()).isEqualTo("WaitingForComputes");
        assertThat(StatusWriter.phase(s.conditions, null)).isEqualTo(Phase.Provisioning);
    }
}

package io.pikeoperator.packaging.argocd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pikeoperator.packaging.argocd.LuaHealthCheck.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.pikeoperator.packaging.argocd.LuaHealthCheck.run;
import static io.pikeoperator.packaging.argocd.LuaHealthCheck.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** The three health scripts run with luaj against realistic status objects (src/test/resources/argocd). */
class HealthCheckTest {

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PikeCluster    | pikecluster-ready        | Healthy     | All 16 services are ready
            PikeCluster    | pikecluster-nostatus     | Progressing | waiting for the operator to report status
            PikeCluster    | pikecluster-provisioning | Progressing | Keystone: not checked: an earlier step did not finish
            PikeCluster    | pikecluster-failed       | Degraded    | Database: packages mariadb mariadb-server python2-PyMySQL: yum install: exit 1: No package mariadb-server available.
            PikeCluster    | pikecluster-degraded     | Degraded    | NovaCompute: the cluster's passwords Secret is not complete yet
            PikeCluster    | pikecluster-paused       | Suspended   | paused: hosts are not touched
            ControllerNode | controllernode-ready        | Healthy     | All 13 services are ready
            ControllerNode | controllernode-provisioning | Progressing | Keystone: not checked: an earlier step did not finish
            ControllerNode | controllernode-failed       | Degraded    | HostReachable: host key of 10.0.0.11:22 does not match the known key (got ssh-ed25519 SHA256:V3i1Jx0b4mQw7v8GgqkQ6eXy0ZyKkU2n9pTqH1sLr5c)
            ControllerNode | controllernode-paused       | Suspended   | paused: the cluster's spec.paused is true, hosts are not touched
            ComputeNode    | computenode-ready        | Healthy     | All 7 services are ready
            ComputeNode    | computenode-nostatus     | Progressing | waiting for the operator to report status
            ComputeNode    | computenode-waiting      | Progressing | HostReachable: waiting until the controller's NovaControlPlane is ready
            ComputeNode    | computenode-failed       | Degraded    | NovaCompute: packages openstack-nova-compute: yum install: exit 1: No package openstack-nova-compute available.
            ComputeNode    | computenode-paused       | Suspended   | paused: the cluster's spec.paused is true, hosts are not touched
            """)
    void samples(String kind, String sample, String status, String message) {
        ObjectNode obj = sample(sample);
        assertThat(obj.path("kind").asText()).as("sample's kind").isEqualTo(kind);

        assertThat(run(kind, obj)).isEqualTo(new Health(status, message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PikeCluster", "ControllerNode", "ComputeNode"})
    void anyKindWithoutStatusIsProgressing(String kind) {
        ObjectNode obj = sample("controllernode-ready");
        obj.put("kind", kind);
        obj.remove("status");

        assertThat(run(kind, obj).status()).isEqualTo("Progressing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PikeCluster", "ControllerNode", "ComputeNode"})
    void aStatusWithoutConditionsIsProgressingWithThePhase(String kind) {
        ObjectNode obj = sample(kind.toLowerCase(java.util.Locale.ROOT) + "-ready");
        ObjectNode status = (ObjectNode) obj.get("status");
        status.remove("conditions");
        status.remove("message");
        status.put("phase", "Pending");

        assertThat(run(kind, obj)).isEqualTo(new Health("Progressing", "phase Pending"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PikeCluster", "ControllerNode", "ComputeNode"})
    void aReadyStatusOfAnOlderGenerationIsProgressing(String kind) {
        ObjectNode obj = sample(kind.toLowerCase(java.util.Locale.ROOT) + "-ready");
        ((ObjectNode) obj.get("metadata")).put("generation", 2);

        assertThat(run(kind, obj)).isEqualTo(new Health("Progressing", "waiting for the operator to observe generation 2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PikeCluster", "ControllerNode", "ComputeNode"})
    void aFailedPhaseIsDegradedEvenWithoutAFailingCondition(String kind) {
        ObjectNode obj = sample(kind.toLowerCase(java.util.Locale.ROOT) + "-ready");
        ObjectNode status = (ObjectNode) obj.get("status");
        status.put("phase", "Failed");
        ObjectNode ready = (ObjectNode) status.get("conditions").get(0);
        ready.put("status", "False").put("reason", "WaitingForPasswords")
                .put("message", "HostReachable: the cluster's passwords Secret is not complete yet");

        assertThat(run(kind, obj)).isEqualTo(new Health("Degraded",
                "HostReachable: the cluster's passwords Secret is not complete yet"));
    }

    @Test
    void everyWaitingReasonIsProgressingAndAnyOtherFalseReasonIsDegraded() {
        for (String reason : new String[] {"WaitingForComputes", "WaitingForController", "WaitingForPasswords",
                "NotReached", "NotYetEvaluated"}) {
            assertThat(run("ComputeNode", computeWith("False", reason)).status()).as(reason).isEqualTo("Progressing");
        }
        for (String reason : new String[] {"HostKeyMismatch", "HostKeyUnknown", "AuthenticationFailed", "ClusterNotFound",
                "CommandFailed", "NoComputeNodes"}) {
            assertThat(run("ComputeNode", computeWith("False", reason)))
                    .as(reason).isEqualTo(new Health("Degraded", "NovaCompute: something about " + reason));
        }
        // Unknown is never a failure, whatever the reason.
        assertThat(run("ComputeNode", computeWith("Unknown", "CommandFailed")).status()).isEqualTo("Progressing");
    }

    @Test
    void aPikeClusterIsSuspendedBySpecPausedNotByAnotherKindsMessage() {
        ObjectNode paused = sample("pikecluster-paused");
        ((ObjectNode) paused.get("spec")).put("paused", false);
        ((ObjectNode) paused.get("status")).put("message", "All 16 services are ready");
        assertThat(run("PikeCluster", paused).status()).isEqualTo("Healthy");

        ObjectNode node = sample("computenode-ready");
        ((ObjectNode) node.get("status")).put("message", "computer01 is not paused: just a message");
        assertThat(run("ComputeNode", node).status()).isEqualTo("Healthy");
    }

    @Test
    void conditionsWithoutMessageOrReasonDoNotBreakTheScript() {
        ObjectNode obj = computeWith("False", "PackageInstallFailed");
        ArrayNode conditions = (ArrayNode) obj.get("status").get("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            ((ObjectNode) conditions.get(i)).remove("message");
        }
        assertThat(run("ComputeNode", obj)).isEqualTo(new Health("Degraded", "NovaCompute: PackageInstallFailed"));

        ((ObjectNode) conditions.get(6)).remove("reason");
        assertThat(run("ComputeNode", obj)).isEqualTo(new Health("Degraded", "NovaCompute: "));
    }

    /** A waiting compute whose NovaCompute condition has the given status and reason (and Ready says the same). */
    private static ObjectNode computeWith(String status, String reason) {
        ObjectNode obj = sample("computenode-waiting");
        ArrayNode conditions = (ArrayNode) obj.get("status").get("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            ObjectNode c = (ObjectNode) conditions.get(i);
            if (c.get("type").asText().equals("NovaCompute")) {
                c.put("status", status).put("reason", reason).put("message", "something about " + reason);
            } else if (c.get("type").asText().equals("Ready")) {
                c.put("reason", reason).put("message", "NovaCompute: something about " + reason);
            } else {
                c.put("reason", "NotReached");
            }
        }
        ((ObjectNode) obj.get("status")).put("phase", "Provisioning");
        return obj;
    }
}

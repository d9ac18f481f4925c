package io.pikeoperator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pikeoperator.hostsim.HostOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What apply refuses: hosts it cannot trust or cannot run Pike on are never changed. */
class ApplyFailuresIT {

    static final List<HostOptions> CONTROLLER = List.of(HostOptions.parse("controller01=127.0.0.1:0,ip=10.0.0.11", 0));

    @Test
    void aDebianHostFailsPreflightAndIsNotTouched(@TempDir Path dir) throws Exception {
        try (TwinLab lab = new TwinLab(dir, List.of(HostOptions.parse("controller01=127.0.0.1:0,os=debian-12,ip=10.0.0.11", 0)),
                Map.of())) {
            TwinLab.Run apply = lab.apply();
            assertThat(apply.exit()).isEqualTo(1);
            assertThat(apply.out()).contains("FAILED controller01 Preflight / facts and preflight: UnsupportedOperatingSystem: "
                    + "the host runs Debian GNU/Linux 12 (bookworm); OpenStack Pike is installed on CentOS Linux 7 only");
            // the read-only look for passwords already applied (passwords are generated), then the first batch
            assertThat(lab.execs("controller01")).isEqualTo(2);
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedBeforeAnyCommand(@TempDir Path dir) throws Exception {
        try (TwinLab lab = new TwinLab(dir, CONTROLLER, Map.of())) {
            // known_hosts that knows another port of the same address only
            lab.writeManifest(CONTROLLER, Map.of(), lab.twin.host("controller01").knownHostsLine()
                    .replace("]:" + lab.twin.host("controller01").port(), "]:1") + "\n");
            TwinLab.Run apply = lab.apply();
            assertThat(apply.exit()).isEqualTo(1);
            assertThat(apply.out()).contains("HostKeyUnknown");
            assertThat(lab.execs("controller01")).isZero();
        }
    }

    @Test
    void aChangedHostKeyIsRefusedBeforeAnyCommand(@TempDir Path dir) throws Exception {
        try (TwinLab lab = new TwinLab(dir, CONTROLLER, Map.of())) {
            lab.twin.host("controller01").rotateHostKey();
            TwinLab.Run apply = lab.apply();
            assertThat(apply.exit()).isEqualTo(1);
            assertThat(apply.out()).contains("HostKeyMismatch");
            // how to see and fix it, where the line goes
            assertThat(apply.out()).contains("hint: ", "ssh-keyscan -p " + lab.twin.host("controller01").port() + " 127.0.0.1",
                    "in the known_hosts key of Secret pike-ssh");
            assertThat(lab.execs("controller01")).isZero();
        }
    }

    @Test
    void aNodePinningTheKeyOfAHostKnownHostsLacksIsRefusedBeforeAnyCommand(@TempDir Path dir) throws Exception {
        // two twin hosts: the cluster's known_hosts vouches for controller01 only; whoever writes the
        // ControllerNode points its spec.ssh at the other host and pins that host's key
        List<HostOptions> hosts = List.of(CONTROLLER.get(0), HostOptions.parse("elsewhere=127.0.0.1:0,ip=10.0.0.99", 1));
        try (TwinLab lab = new TwinLab(dir, hosts, Map.of())) {
            var elsewhere = lab.twin.host("elsewhere");
            lab.writeManifest(CONTROLLER, Map.of(), lab.twin.host("controller01").knownHostsLine() + "\n");
            YAMLMapper yaml = new YAMLMapper();
            List<JsonNode> docs = yaml.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(lab.manifest)).readAll();
            StringBuilder text = new StringBuilder();
            for (JsonNode d : docs) {
                if (d.path("kind").asText().equals("ControllerNode")) {
                    ObjectNode ssh = (ObjectNode) d.path("spec").path("ssh");
                    ssh.put("port", elsewhere.port());
                    ssh.put("hostKey", elsewhere.hostKey());
                }
                text.append(yaml.writeValueAsString(d));
            }
            Files.writeString(lab.manifest, text.toString());

            TwinLab.Run apply = lab.apply();
            assertThat(lab.execs("elsewhere")).as("commands run on the host the node redirected to").isZero();
            assertThat(apply.exit()).as(apply.out()).isEqualTo(1);
            assertThat(apply.out()).contains("HostKeyNotTrusted: the pinned hostKey of 127.0.0.1:" + elsewhere.port())
                    .contains("is not in the cluster's known_hosts");
            assertThat(lab.execs("controller01")).isZero();
        }
    }

    @Test
    void aMissingSshSecretIsAnInputErrorNamingIt(@TempDir Path dir) throws Exception {
        try (TwinLab lab = new TwinLab(dir, CONTROLLER, Map.of())) {
            Files.writeString(lab.manifest, Files.readString(lab.manifest).replaceFirst("name: \"?pike-ssh\"?", "name: other"));
            TwinLab.Run apply = lab.apply();
            assertThat(apply.exit()).as(apply.out()).isEqualTo(2);
            assertThat(apply.out()).contains("SecretNotFound: Secret pike-ssh (SSH private key) not found");
            assertThat(lab.execs("controller01")).isZero();
        }
    }

    @Test
    void aPasswordThatIsNotPrintableIsRefusedWithoutShowingIt(@TempDir Path dir) throws Exception {
        try (TwinLab lab = new TwinLab(dir, CONTROLLER, Map.of("admin", "tab\there"))) {
            TwinLab.Run apply = lab.apply();
            assertThat(apply.exit()).isEqualTo(2);
            assertThat(apply.out()).contains("InvalidPassword: password 'admin' contains a character that is not printable")
                    .doesNotContain("tab\there");
        }
    }

    @Test
    void aHostileNtpServerIsRefusedByApplyAndPlanBeforeAnyCommand(@TempDir Path dir) throws Exception {
        try (TwinLab lab = new TwinLab(dir, CONTROLLER, Map.of())) {
            // the CRD schema refuses this on a real API server; the command line reads the file without one
            Files.writeString(lab.manifest, Files.readString(lab.manifest).replaceFirst("(?m)^( *)region: .*$",
                    "$1region: RegionOne\n$1ntpServers:\n$1- \"pool.ntp.org iburst\\\\nallow 0.0.0.0/0\""));
            assertThat(Files.readString(lab.manifest)).contains("ntpServers");
            for (TwinLab.Run run : List.of(lab.plan(), lab.apply())) {
                assertThat(run.exit()).as(run.out()).isEqualTo(2);
                assertThat(run.out()).contains("InvalidSpec: PikeCluster pike: spec.ntpServers[0] "
                        + "\"pool.ntp.org iburst\\nallow 0.0.0.0/0\" is not a host name (RFC 1123) or IPv4 address");
            }
            assertThat(lab.execs("controller01")).isZero();
            Path log = lab.twin.host("controller01").commandLog().file();
            assertThat(Files.exists(log) ? Files.readString(log) : "").as("the twin's command log").isEmpty();
            assertThat(dir.resolve("pikecluster.passwords.yaml")).doesNotExist();
        }
    }

    @Test
    void badUsageExitsTwoWithTheUsage(@TempDir Path dir) {
        TwinLab.Run none = cli();
        assertThat(none.exit()).isEqualTo(2);
        TwinLab.Run unknown = cli("apply", "--frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).contains("unknown option --frobnicate", "usage: pike-operator");
        TwinLab.Run missing = cli("apply", "-f", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).contains("cannot read input");
    }

    private static TwinLab.Run cli(String... args) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8);
        return new TwinLab.Run(Main.run(args, out, out), buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}

package io.pikeoperator.plan;

import io.pikeoperator.hostsim.model.Chrony.Source;
import io.pikeoperator.hostsim.model.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract: the chrony.conf the operator writes on the controller (upstream servers, {@code allow} of the management
 * network) and on a compute (only the controller) is accepted by the real chronyd (Debian's chrony 4.3; CentOS 7
 * has 3.x: every directive in these files exists in both), in its parse-and-print mode {@code chronyd -p -f FILE}
 * run in a network namespace of its own, so nothing can reach a server. The sources and allow lines chronyd prints
 * are the ones the twin's ChronyConf model reads from the same files.
 */
class ChronyContractIT {

    @TempDir
    Path dir;

    private record Parsed(int exit, String stdout, String stderr) {
        List<String> words(String directive) {
            return stdout.lines().map(l -> l.strip().split("\\s+")).filter(w -> w[0].equals(directive))
                    .map(w -> w.length > 1 ? w[1] : "").toList();
        }

        List<String> sources() {
            return stdout.lines().map(l -> l.strip().split("\\s+"))
                    .filter(w -> w.length > 1 && (w[0].equals("server") || w[0].equals("pool"))).map(w -> w[1]).toList();
        }
    }

    private Parsed chronydParse(String name, String conf) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, conf);
        Process p = new ProcessBuilder("unshare", "-n", "chronyd", "-p", "-f", f.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Parsed(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void theOperatorsChronyConfIsAcceptedByChronydAndReadAlikeByTheTwin() throws Exception {
        for (List<String> ntp : List.of(List.<String>of(), List.of("ntp1.example.org", "192.0.2.10"))) {
            Cluster c = PlanFiles.cluster("10.0.0.11", List.of("10.0.0.31"), "10.0.0.0/24", ntp, PlanFiles.allPasswords("pw"));
            NodeInfo node = c.computes().get(0);
            String controllerConf = PlanFiles.written(GuidePlan.controller(c), "/etc/chrony.conf", PlanFiles.distro("chrony.conf"));
            String computeConf = PlanFiles.written(GuidePlan.compute(c, node), "/etc/chrony.conf", PlanFiles.distro("chrony.conf"));

            Parsed ctrl = chronydParse("controller.conf", controllerConf);
            assertThat(ctrl.exit).as("chronyd -p on the controller's chrony.conf: " + ctrl.stderr).isZero();
            assertThat(ctrl.stderr).isEmpty();
            List<String> wantedServers = ntp.isEmpty()
                    ? List.of("0.centos.pool.ntp.org", "1.centos.pool.ntp.org", "2.centos.pool.ntp.org", "3.centos.pool.ntp.org")
                    : ntp;
            assertThat(ctrl.sources()).isEqualTo(wantedServers);
            assertThat(ctrl.words("allow")).containsExactly("10.0.0.0/24");

            Parsed comp = chronydParse("compute.conf", computeConf);
            assertThat(comp.exit).as("chronyd -p on the compute's chrony.conf: " + comp.stderr).isZero();
            assertThat(comp.stderr).isEmpty();
            assertThat(comp.sources()).containsExactly("controller01");
            assertThat(comp.words("allow")).isEmpty();

            // The twin: the same files on hosts that resolve controller01 as the plan's /etc/hosts says.
            TwinModel twin = new TwinModel(dir.resolve("twin" + ntp.size()));
            String hosts = PlanFiles.written(GuidePlan.compute(c, node), "/etc/hosts",
                    "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n"
                            + "::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n");
            Host controller = twin.host("controller01", "10.0.0.11", Map.of("/etc/chrony.conf", controllerConf, "/etc/hosts", hosts));
            Host compute = twin.host("computer01", "10.0.0.31", Map.of("/etc/chrony.conf", computeConf, "/etc/hosts", hosts));
            Host outsider = twin.host("outsider", "10.0.1.5", Map.of("/etc/chrony.conf", computeConf, "/etc/hosts", hosts));
            for (Host h : List.of(controller, compute, outsider)) {
                assertThat(twin.start(h, "chronyd")).as("the twin starts chronyd on " + h.name()).isNull();
            }
            assertThat(io.pikeoperator.hostsim.model.Chrony.sources(twin.world, controller).stream().map(Source::name))
                    .as("the twin's sources on the controller").isEqualTo(ctrl.sources());
            // chronyd printed allow 10.0.0.0/24: the compute (10.0.0.31) may ask the controller, 10.0.1.5 may not.
            assertThat(io.pikeoperator.hostsim.model.Chrony.sources(twin.world, compute))
                    .extracting(Source::name, Source::state).containsExactly(org.assertj.core.groups.Tuple.tuple("controller01", "^*"));
            assertThat(io.pikeoperator.hostsim.model.Chrony.sources(twin.world, outsider))
                    .extracting(Source::name, Source::state).containsExactly(org.assertj.core.groups.Tuple.tuple("controller01", "^?"));
        }
    }

    @Test
    void chronydRefusesAnUnknownDirectiveSoTheCheckCanFail() throws Exception {
        Parsed bad = chronydParse("bad.conf", PlanFiles.distro("chrony.conf") + "not_a_directive yes\n");
        assertThat(bad.exit).isNotZero();
        assertThat(bad.stderr).contains("Invalid directive");
    }
}

package io.pikeoperator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pikeoperator.hostsim.Faults;
import io.pikeoperator.hostsim.HostOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A command that never answers fails its own step within the cluster's command timeout; the host stays reachable. */
class HungStepApplyIT {

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aYumInstallThatNeverAnswersFailsItsStepWithStepTimedOut(@TempDir Path dir) throws Exception {
        List<HostOptions> hosts = List.of(HostOptions.parse("controller01=127.0.0.1:0,ip=10.0.0.11", 0),
                HostOptions.parse("computer01=127.0.0.1:0,cpu=vmx,ip=10.0.0.31", 1));
        try (TwinLab lab = new TwinLab(dir, hosts, Map.of())) {
            commandTimeout(lab.manifest, 30);
            lab.twin.host("computer01").faults().arm(Faults.Kind.HANG, "yum install", 1, 0, null);
            long t0 = System.nanoTime();
            TwinLab.Run apply = lab.apply();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            System.out.println("FIGURE apply with a hung yum install on computer01: " + seconds + " s");
            assertThat(apply.exit()).isEqualTo(1);
            // the first yum install on computer01 is the step that hangs, whichever service it belongs to
            assertThat(apply.out()).containsPattern("FAILED computer01 \\w+ / [^\\n]*: StepTimedOut: [^\\n]*"
                    + "did not finish within 30000 ms");
            assertThat(apply.out()).doesNotContain("HostUnreachable").doesNotContain("CommandTimeout");
            // the controller converged its own part meanwhile
            assertThat(apply.out()).doesNotContain("FAILED controller01");
        }
    }

    /** Sets the PikeCluster's spec.ssh.commandTimeoutSeconds in the manifest. */
    static void commandTimeout(Path manifest, int seconds) throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        StringBuilder out = new StringBuilder();
        for (JsonNode d : yaml.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(manifest)).readAll()) {
            if (d.path("kind").asText().equals("PikeCluster")) {
                ((ObjectNode) d.get("spec")).with("ssh").put("commandTimeoutSeconds", seconds);
            }
            out.append(yaml.writeValueAsString(d));
        }
        Files.writeString(manifest, out.toString());
    }
}

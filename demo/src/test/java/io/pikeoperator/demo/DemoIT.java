package io.pikeoperator.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's main job: {@code demo --exit-when-ready} reaches Ready and prints the guide's verification. */
class DemoIT {

    @Test
    void theDemoReachesReadyAndPrintsTheVerification(@TempDir Path dir) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = DemoMain.run(new String[]{"demo", "--exit-when-ready", "--timeout", "300", "--metrics-port", "0",
                "--state-dir", dir.toString()}, out, out);
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("pikecluster/pike created", "pike Ready 16/16 services",
                "== kubectl get pikeclusters\nNAME   PHASE   READY   COMPUTES   KEYSTONE                       AGE\n"
                        + "pike   Ready   16/16   1/1        http://controller01:5000/v3/   ",
                "== kubectl get controllernodes\nNAME           CLUSTER   HOST           ADDRESS     PHASE   PROGRESS   AGE\n"
                        + "controller01   pike      controller01   10.0.0.11   Ready   ",
                "== kubectl get computenodes\nNAME         CLUSTER   HOST         ADDRESS     VIRT   PHASE   AGE\n"
                        + "computer01   pike      computer01   10.0.0.31   kvm    Ready   ",
                "== kubectl pike describe pike --show-conditions all\nNAME ",
                "PikeCluster/pike               True             AllServicesReady",
                "    `-CellDiscovery            True             Converged",
                "cirros-0.3.5", "| cell1 ", "nova-compute", "Result: Success");
        assertThat(text).doesNotContainPattern("Result: (Failure|Warning)");
    }
}

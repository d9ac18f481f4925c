package io.pikeoperator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pikeoperator.engine.Shell;
import io.pikeoperator.hostsim.HostOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code apply} as a person sees it: run in a pseudo-terminal ({@code script} of util-linux) against twin hosts, with
 * the production log configuration. A deploy shows a live line per host and a recap; a compute whose host key
 * changed fails with the cause first, a hint, and everything on one screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplyTerminalIT {

    static final List<HostOptions> HOSTS = List.of(
            HostOptions.parse("controller01=127.0.0.1:0,ip=10.0.0.11", 0),
            HostOptions.parse("computer01=127.0.0.1:0,cpu=vmx,ip=10.0.0.31", 1),
            HostOptions.parse("computer02=127.0.0.1:0,cpu=none,ip=10.0.0.32", 2));
    static final int SCREEN_LINES = 24;

    TwinLab lab;

    record Terminal(int exit, String raw) {
        /** What was printed, without the cursor moves and colours. */
        String text() {
            return raw.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").replace("\r", "");
        }
    }

    @BeforeAll
    void start() throws Exception {
        lab = new TwinLab(Files.createTempDirectory("apply-terminal-it"), HOSTS, Map.of());
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void aDeployShowsALiveLinePerHostAndEndsWithARecap() throws Exception {
        Terminal t = inTerminal("apply", "-f", lab.manifest.toString());
        System.out.println("SCREEN apply on blank hosts:\n" + t.text());

        assertThat(t.exit()).as(t.text()).isZero();
        assertThat(t.raw()).as("redrawn in place").contains("\u001b[2K").containsPattern("\u001b\\[3A");
        for (HostOptions h : HOSTS) {
            assertThat(t.text()).as(h.name() + " live").containsPattern("(?m)^" + h.name() + " +\\S+ +service +\\d+/\\d+ +\\w+: ");
            assertThat(t.text()).as(h.name() + " recap").containsPattern("(?m)^" + h.name() + " +[1-9]\\d* +\\d+ +0 +0 +[1-9]\\d* +\\S+$");
        }
        assertThat(t.text()).contains("RECAP", "verification: passed", "converged");
        assertThat(t.text()).as("no line per step without --verbose").doesNotContainPattern(" (changed|unchanged) +[0-9.]+s ");
        assertThat(t.text()).as("no logging backend warnings").doesNotContain("SLF4J", "log4j");
    }

    @Test
    @Order(2)
    void aComputeWhoseHostKeyChangedFailsWithTheCauseFirstOnOneScreen() throws Exception {
        lab.twin.host("computer02").rotateHostKey();

        Terminal t = inTerminal("apply", "-f", lab.manifest.toString());
        System.out.println("SCREEN apply with computer02's host key changed:\n" + t.text());

        assertThat(t.exit()).as(t.text()).isEqualTo(1);
        String text = t.text();
        String report = text.substring(text.indexOf("\nFAILED ") + 1);
        assertThat(report.lines().findFirst().orElseThrow()).as("the cause first")
                .startsWith("FAILED computer02 ").contains("HostKeyMismatch: host key of 127.0.0.1:" + lab.twin.host("computer02").port());
        assertThat(report).contains("hint: ", "ssh-keyscan -p " + lab.twin.host("computer02").port() + " 127.0.0.1",
                "the known_hosts key of Secret pike-ssh");
        assertThat(report).containsPattern("(?m)^  not run on computer02: \\d+ steps \\(after the failed step\\)");
        assertThat(report).containsPattern("(?m)^computer02 +0 +0 +1 +[1-9]\\d* +\\d+ +\\S+$");
        assertThat(report).doesNotContain("not run: an earlier step failed");
        assertThat(finalScreen(text)).as("the whole output after the run fits on a screen").hasSizeLessThan(SCREEN_LINES);
    }

    @Test
    @Order(3)
    void jsonOutputGivesEveryHostAndStep() throws Exception {
        TwinLab.Run run = lab.cli("apply", "-f", lab.manifest.toString(), "-o", "json");

        assertThat(run.exit()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.path("result").asText()).isEqualTo("NOT converged");
        List<JsonNode> hosts = new ArrayList<>();
        doc.path("hosts").forEach(hosts::add);
        assertThat(hosts).extracting(h -> h.path("host").asText()).containsExactly("controller01", "computer01", "computer02");
        JsonNode bad = hosts.get(2);
        assertThat(bad.path("failure").path("reason").asText()).isEqualTo("HostKeyMismatch");
        assertThat(bad.path("failure").path("hint").asText()).contains("ssh-keyscan");
        assertThat(bad.path("steps").size()).isEqualTo(bad.path("failed").asInt() + bad.path("skipped").asInt());
        assertThat(hosts.get(0).path("steps").size()).isEqualTo(hosts.get(0).path("unchanged").asInt());
    }

    /** The lines a person sees at the end: the live lines' last state, then the rest. */
    private static List<String> finalScreen(String text) {
        List<String> lines = text.lines().toList();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^\\S+ +\\S+ +service +\\d+/\\d+ .*")) {
                start = i;
            }
        }
        // the live lines of the hosts are drawn over each other: keep one set
        return lines.subList(Math.max(0, start - HOSTS.size() + 1), lines.size()).stream()
                .collect(Collectors.toList());
    }

    /** Runs the command line in a pseudo-terminal of 120 columns; the terminal's output, raw. */
    private Terminal inTerminal(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder command = new StringBuilder(Shell.quote(java))
                .append(" -Dlog4j2.configurationFile=classpath:log4j2.xml -cp ")
                .append(Shell.quote(System.getProperty("java.class.path"))).append(" io.pikeoperator.cli.Main");
        for (String a : args) {
            command.append(' ').append(Shell.quote(a));
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", command.toString(), "/dev/null").redirectErrorStream(true);
        pb.environment().put("COLUMNS", "120");
        pb.environment().put("TERM", "xterm");
        pb.environment().remove("PIKE_LOG_LEVEL");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Terminal(p.waitFor(), out);
    }
}

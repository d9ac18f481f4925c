package io.pikeoperator.hostsim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract of SPEC §6, exercised with the jar and a standard OpenSSH client. */
class HostSimCliIT {

    @TempDir
    Path dir;

    @Test
    void theJarServesHostsThatOpenSshCanUse() throws Exception {
        Path key = dir.resolve("id_ed25519");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        Path state = dir.resolve("state");
        int p1 = freePort();
        int p2 = freePort();
        Process twin = start(state, key, p1, p2);
        try {
            List<String> knownHosts = Files.readAllLines(state.resolve("known_hosts"));
            assertThat(knownHosts).hasSize(2);
            assertThat(knownHosts.get(0)).startsWith("[127.0.0.1]:" + p1 + " ssh-ed25519 AAAA");
            assertThat(knownHosts.get(1)).startsWith("[127.0.0.1]:" + p2 + " ssh-ed25519 AAAA");

            assertThat(ssh(key, state, p1, "hostname; egrep -c '(vmx|svm)' /proc/cpuinfo || true"))
                    .isEqualTo("controller01\n0\n");
            assertThat(ssh(key, state, p2, "hostname; egrep -c '(vmx|svm)' /proc/cpuinfo"))
                    .isEqualTo("computer01\n2\n");
            assertThat(ssh(key, state, p1, "echo changed > /root/marker")).isEmpty();

            assertThat(Files.readString(state.resolve("controller01/root/root/marker"))).isEqualTo("changed\n");
            assertThat(Files.readString(state.resolve("controller01/commands.jsonl")))
                    .contains("\"command\":\"hostname; egrep -c '(vmx|svm)' /proc/cpuinfo || true\"", "\"exit\":0");

            String admin = Files.readString(state.resolve("admin.url")).strip();
            HttpResponse<String> hosts = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(admin + "/hosts")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hosts.body()).contains("\"name\":\"controller01\"", "\"port\":" + p2);
        } finally {
            twin.destroy();
            assertThat(twin.waitFor(20, TimeUnit.SECONDS)).as("exits on SIGTERM").isTrue();
        }
        assertThat(Files.readString(state.resolve("controller01/model.json"))).contains("\"name\" : \"controller01\"");

        String keysBefore = Files.readString(state.resolve("known_hosts"));
        Process again = start(state, key, p1, p2);
        try {
            assertThat(Files.readString(state.resolve("known_hosts"))).as("host keys survive a restart")
                    .isEqualTo(keysBefore);
            assertThat(ssh(key, state, p1, "cat /root/marker")).isEqualTo("changed\n");
        } finally {
            again.destroy();
            again.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void badArgumentsGetAClearMessage() throws Exception {
        Process p = new ProcessBuilder(java(), "-jar", jar().toString(), "--state-dir", dir.toString()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(err).contains("--state-dir, --authorized-key and at least one --host are required", "usage:");
    }

    private Process start(Path state, Path key, int p1, int p2) throws IOException {
        Process p = new ProcessBuilder(java(), "-jar", jar().toString(), "--state-dir", state.toString(),
                "--authorized-key", key + ".pub", "--host", "controller01=127.0.0.1:" + p1,
                "--host", "computer01=127.0.0.1:" + p2 + ",cpu=vmx")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        return p;
    }

    private static String ssh(Path key, Path state, int port, String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-p", String.valueOf(port), "-i", key.toString(),
                "-o", "UserKnownHostsFile=" + state.resolve("known_hosts"), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "GlobalKnownHostsFile=/dev/null", "root@127.0.0.1", command));
        return run(cmd);
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar() {
        return Path.of("target", "pike-hostsim.jar").toAbsolutePath();
    }
}

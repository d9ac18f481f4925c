package io.pikeoperator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pikeoperator.hostsim.HostOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, item 1: {@code apply} on hosts it provisioned, after its passwords file is lost, refuses to generate
 * new passwords and changes nothing: MariaDB root keeps its password and /root/.my.cnf keeps the one that works.
 */
class PasswordsLostApplyIT {

    static final List<HostOptions> HOSTS = List.of(
            HostOptions.parse("controller01=127.0.0.1:0,ip=10.0.0.11", 0),
            HostOptions.parse("computer01=127.0.0.1:0,cpu=vmx,ip=10.0.0.31", 1));

    @Test
    void aLostPasswordsFileOnProvisionedHostsIsRefusedAndNothingChanges(@TempDir Path dir) throws Exception {
        try (TwinLab lab = new TwinLab(dir, HOSTS, Map.of())) {
            TwinLab.Run first = lab.apply();
            assertThat(first.exit()).as(first.out()).isZero();
            Path file = PasswordsFile.beside(lab.manifest);
            JsonNode secret = new YAMLMapper().readTree(file.toFile());
            String rootPw = secret.path("stringData").path("mariadb-root").asText();
            assertThat(rootPw).hasSize(32);
            List<String> all = new java.util.ArrayList<>();
            secret.path("stringData").elements().forEachRemaining(v -> all.add(v.asText()));
            String myCnf = lab.twin.host("controller01").file("/root/.my.cnf").orElseThrow();
            assertThat(myCnf).contains(rootPw);
            assertThat(mysqlAsRoot(lab, rootPw)).as("MariaDB takes root's password before").isZero();

            Files.delete(file);
            Map<String, String> trees = new HashMap<>();
            Map<String, Integer> logs = new HashMap<>();
            for (HostOptions h : HOSTS) {
                trees.put(h.name(), TwinLab.fileTree(lab.twin.host(h.name()).root()));
                logs.put(h.name(), lab.execs(h.name()));
            }
            for (TwinLab.Run run : List.of(lab.plan(), lab.apply())) {
                assertThat(run.exit()).as(run.out()).isNotZero().isNotEqualTo(3);
                assertThat(run.out()).contains("PasswordsLost", "controller01", "/root/.my.cnf", "mariadb-root")
                        .doesNotContain("generated passwords", "converged");
                for (String pw : all) {
                    assertThat(run.out()).doesNotContain(pw);
                }
            }
            assertThat(file).as("no fresh passwords file").doesNotExist();
            assertThat(lab.twin.host("controller01").file("/root/.my.cnf").orElseThrow()).isEqualTo(myCnf);
            for (HostOptions h : HOSTS) {
                assertThat(TwinLab.fileTree(lab.twin.host(h.name()).root())).as(h.name() + ": files, sizes, mtimes")
                        .isEqualTo(trees.get(h.name()));
                // plan and apply: one read-only look each, nothing else
                var after = lab.twin.host(h.name()).commandLog().entries().stream().skip(logs.get(h.name())).toList();
                assertThat(after).as(h.name() + " commands after the loss").hasSizeLessThanOrEqualTo(2)
                        .allSatisfy(e -> assertThat(e.command()).doesNotContain("mv -f", "FILE_CONTENT", "SQL", "yum ",
                                "systemctl start", "systemctl restart", "rabbitmqctl"));
            }
            assertThat(mysqlAsRoot(lab, rootPw)).as("MariaDB still takes root's original password").isZero();
        }
    }

    @Test
    void aRootPasswordThatMariaDbRefusesNeverReplacesTheOneInMyCnf(@TempDir Path dir) throws Exception {
        try (TwinLab lab = new TwinLab(dir, HOSTS.subList(0, 1), Map.of())) {
            TwinLab.Run first = lab.apply();
            assertThat(lab.twin.host("controller01").file("/root/.my.cnf")).as(first.out()).isPresent();
            Path file = PasswordsFile.beside(lab.manifest);
            String rootPw = new YAMLMapper().readTree(file.toFile()).path("stringData").path("mariadb-root").asText();
            String myCnf = lab.twin.host("controller01").file("/root/.my.cnf").orElseThrow();
            // a restored passwords file whose mariadb-root is not root's password
            Files.writeString(file, Files.readString(file).replace(rootPw, "NotRootsPassword42"));
            TwinLab.Run apply = lab.apply();
            assertThat(apply.exit()).as(apply.out()).isEqualTo(1);
            assertThat(apply.out()).contains("FAILED controller01 Database / /root/.my.cnf: DatabaseRootPasswordMismatch")
                    .doesNotContain("NotRootsPassword42", rootPw);
            assertThat(lab.twin.host("controller01").file("/root/.my.cnf").orElseThrow()).isEqualTo(myCnf);
            assertThat(lab.twin.host("controller01").root().resolve("root").toFile().list())
                    .as("no temporary option file left behind").noneMatch(n -> n.startsWith(".pike-my.cnf"));
            assertThat(mysqlAsRoot(lab, rootPw)).as("MariaDB still takes root's password").isZero();
        }
    }

    /** mysql as root over SSH with the password on stdin (a bare -p reads it there, over any option file): the exit status. */
    static int mysqlAsRoot(TwinLab lab, String password) throws Exception {
        Path knownHosts = lab.dir.resolve("kh");
        Files.writeString(knownHosts, lab.twin.host("controller01").knownHostsLine() + "\n");
        Process p = new ProcessBuilder("ssh", "-p", String.valueOf(lab.twin.host("controller01").port()), "-i",
                lab.key.toString(), "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "root@127.0.0.1", "mysql -uroot -p -N -e 'SELECT 1'")
                .redirectErrorStream(true).start();
        p.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println("mysql over ssh: exit " + p.exitValue() + ": " + out.strip());
        return p.exitValue();
    }
}

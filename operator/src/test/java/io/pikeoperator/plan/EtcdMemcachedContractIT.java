package io.pikeoperator.plan;

import io.pikeoperator.config.ShellVariables;
import io.pikeoperator.hostsim.model.Host;
import io.pikeoperator.hostsim.model.Services;
import io.pikeoperator.hostsim.model.Sysconfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contract: the memcached sysconfig and etcd.conf the operator writes (over the twin's distribution files) for a
 * controller at 127.0.0.11 are accepted by the real daemons from Debian (memcached 1.6.18, etcd 3.4.23), started
 * as the CentOS 7 units start them, each in a network and mount namespace of its own (the plan's ports are fixed:
 * 11211, 2379, 2380), where {@code /etc/hosts} is the one the plan writes and {@code /etc/passwd} has the CentOS
 * package's {@code memcached} user. They listen where the twin says they do and answer; a setting the real
 * daemon refuses, the twin refuses too.
 *
 * <p>The CentOS 7 units (memcached-1.4.15 and etcd-3.2/3.3 packages, EnvironmentFile= the file):
 * {@code ExecStart=/usr/bin/memcached -p ${PORT} -u ${USER} -m ${CACHESIZE} -c ${MAXCONN} $OPTIONS} and
 * {@code ExecStart=/bin/bash -c "GOMAXPROCS=$(nproc) /usr/bin/etcd --name=\"${ETCD_NAME}\"
 * --data-dir=\"${ETCD_DATA_DIR}\" --listen-client-urls=\"${ETCD_LISTEN_CLIENT_URLS}\""}. The file is read by
 * bash ({@code set -a; . FILE}), which reads these plain {@code KEY="value"} lines as systemd does. Adapted, and
 * only this: etcd's data directory is a temporary one; and etcd 3.4 refuses an environment variable shadowed by a
 * flag (pkg/flags verifyEnv: Fatalf), where 3.2 and 3.3 log it and ignore the variable (etcd-io/etcd@v3.3.11
 * pkg/flags/flag.go verifyEnv), so the three variables the unit passes as flags are removed from etcd's
 * environment: what 3.2/3.3 do with them.
 */
class EtcdMemcachedContractIT {

    private static final String CONTROLLER_IP = "127.0.0.11";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopDaemons() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Cluster cluster() {
        return PlanFiles.cluster(CONTROLLER_IP, List.of("127.0.0.31"), "127.0.0.0/8", List.of(), PlanFiles.allPasswords("pw"));
    }

    private String hosts(Cluster c) {
        return PlanFiles.written(GuidePlan.controller(c), "/etc/hosts",
                "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n"
                        + "::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n");
    }

    // ---- memcached ----

    @Test
    void memcachedStartsWithTheOperatorsSysconfigListensWhereTheTwinSaysAndAnswersStats() throws Exception {
        Cluster c = cluster();
        String sysconfig = PlanFiles.written(GuidePlan.controller(c), "/etc/sysconfig/memcached", PlanFiles.distro("memcached.sysconfig"));
        assertThat(Sysconfig.parse(sysconfig)).as("the twin reads the file as the shell does").isEqualTo(shellReads(sysconfig));

        Process mc = startMemcached(c, sysconfig);
        Set<String> expected = Set.of("127.0.0.1:11211", "[::1]:11211", CONTROLLER_IP + ":11211");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(mc.isAlive()).as("memcached runs: " + stderrOf(mc)).isTrue();
                    assertThat(listening(mc)).isEqualTo(expected);
                });
        for (String addr : List.of("127.0.0.1", "::1", CONTROLLER_IP)) {
            assertThat(in(mc, "bash", "-c", "exec 3<>/dev/tcp/$0/11211; printf 'stats\\r\\nquit\\r\\n' >&3; cat <&3", addr))
                    .as("stats at " + addr).contains("STAT pid ").contains("STAT limit_maxbytes 67108864")
                    .contains("STAT max_connections 1024");
        }

        TwinModel twin = new TwinModel(dir.resolve("twin"));
        Host h = twin.host("controller01", CONTROLLER_IP, Map.of("/etc/hosts", hosts(c), "/etc/sysconfig/memcached", sysconfig));
        assertThat(twin.start(h, "memcached")).isNull();
        for (String l : expected) {
            String addr = l.substring(0, l.lastIndexOf(':')).replace("[", "").replace("]", "");
            assertThat(Services.listens(h, 11211, addr)).as("the twin's memcached listens at " + l).isTrue();
        }
    }

    @Test
    void anAddressThatIsNotTheHostsIsRefusedByMemcachedAndByTheTwin() throws Exception {
        Cluster c = cluster();
        String sysconfig = ShellVariables.set(PlanFiles.written(GuidePlan.controller(c), "/etc/sysconfig/memcached",
                PlanFiles.distro("memcached.sysconfig")), "OPTIONS", "-l 127.0.0.1,::1,10.0.0.99");
        Process mc = startMemcached(c, sysconfig);
        assertThat(mc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mc.exitValue()).isNotZero();
        assertThat(stderrOf(mc)).contains("Cannot assign requested address");

        TwinModel twin = new TwinModel(dir.resolve("twin"));
        Host h = twin.host("controller01", CONTROLLER_IP, Map.of("/etc/hosts", hosts(c), "/etc/sysconfig/memcached", sysconfig));
        assertThat(twin.start(h, "memcached")).contains("Cannot assign requested address");
    }

    private Process startMemcached(Cluster c, String sysconfig) throws Exception {
        return startInNamespace(c, "memcached", sysconfig,
                "exec /usr/bin/memcached -p ${PORT} -u ${USER} -m ${CACHESIZE} -c ${MAXCONN} $OPTIONS");
    }

    // ---- etcd ----

    @Test
    void etcdStartsWithTheOperatorsEtcdConfListensWhereTheTwinSaysAndIsHealthy() throws Exception {
        Cluster c = cluster();
        String conf = PlanFiles.written(GuidePlan.controller(c), "/etc/etcd/etcd.conf", PlanFiles.distro("etcd.conf"));
        assertThat(Sysconfig.parse(conf)).as("the twin reads the file as the shell does").isEqualTo(shellReads(conf));

        Process etcd = startEtcd(c, conf);
        Set<String> expected = Set.of(CONTROLLER_IP + ":2379", CONTROLLER_IP + ":2380");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    assertThat(etcd.isAlive()).as("etcd runs: " + stderrOf(etcd)).isTrue();
                    assertThat(listening(etcd)).isEqualTo(expected);
                    assertThat(in(etcd, "curl", "-s", "--max-time", "5", "http://" + CONTROLLER_IP + ":2379/health"))
                            .contains("\"health\":\"true\"");
                });
        assertThat(in(etcd, "curl", "-s", "--max-time", "5", "-X", "POST", "-d", "{}",
                "http://" + CONTROLLER_IP + ":2379/v3/cluster/member/list"))
                .contains("\"name\":\"controller\"").contains("http://" + CONTROLLER_IP + ":2380");

        TwinModel twin = new TwinModel(dir.resolve("twin"));
        Host h = twin.host("controller01", CONTROLLER_IP, Map.of("/etc/hosts", hosts(c), "/etc/etcd/etcd.conf", conf));
        assertThat(twin.start(h, "etcd")).isNull();
        assertThat(Services.listens(h, 2379, CONTROLLER_IP)).isTrue();
        assertThat(Services.listens(h, 2380, CONTROLLER_IP)).isTrue();
    }

    @Test
    void aNameMissingFromTheInitialClusterIsRefusedByEtcdAndByTheTwin() throws Exception {
        Cluster c = cluster();
        String conf = ShellVariables.set(PlanFiles.written(GuidePlan.controller(c), "/etc/etcd/etcd.conf",
                PlanFiles.distro("etcd.conf")), "ETCD_NAME", "controller01");
        Process etcd = startEtcd(c, conf);
        assertThat(etcd.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(etcd.exitValue()).isNotZero();
        assertThat(stderrOf(etcd)).contains("couldn't find local name \"controller01\" in the initial cluster configuration");

        TwinModel twin = new TwinModel(dir.resolve("twin"));
        Host h = twin.host("controller01", CONTROLLER_IP, Map.of("/etc/hosts", hosts(c), "/etc/etcd/etcd.conf", conf));
        assertThat(twin.start(h, "etcd")).contains("couldn't find local name \"controller01\" in the initial cluster configuration");
    }

    private Process startEtcd(Cluster c, String conf) throws Exception {
        Path data = dir.resolve("etcd-data");
        return startInNamespace(c, "etcd", conf, "ETCD_DATA_DIR=" + data + "\n"
                + "exec env -u ETCD_NAME -u ETCD_DATA_DIR -u ETCD_LISTEN_CLIENT_URLS GOMAXPROCS=$(nproc) /usr/bin/etcd"
                + " --name=\"${ETCD_NAME}\" --data-dir=\"${ETCD_DATA_DIR}\" --listen-client-urls=\"${ETCD_LISTEN_CLIENT_URLS}\"");
    }

    // ---- the namespace ----

    /** The daemon, as the unit starts it, in new network and mount namespaces (loopback up, the plan's /etc/hosts). */
    private Process startInNamespace(Cluster c, String name, String envFile, String execStart) throws Exception {
        Path hosts = Files.writeString(dir.resolve(name + ".hosts"), hosts(c));
        Path passwd = Files.writeString(dir.resolve(name + ".passwd"), Files.readString(Path.of("/etc/passwd"))
                + "memcached:x:995:995:Memcached daemon:/run/memcached:/sbin/nologin\n");
        Path group = Files.writeString(dir.resolve(name + ".group"), Files.readString(Path.of("/etc/group")) + "memcached:x:995:\n");
        Path env = Files.writeString(dir.resolve(name + ".env"), envFile);
        String script = "set -e\nip link set lo up\nmount --bind \"$0\" /etc/hosts\nmount --bind \"$1\" /etc/passwd\n"
                + "mount --bind \"$2\" /etc/group\nset -a\n. \"$3\"\nset +a\n" + execStart + "\n";
        Process p = new ProcessBuilder("unshare", "-n", "-m", "--propagation", "private", "bash", "-c", script,
                hosts.toString(), passwd.toString(), group.toString(), env.toString())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .start();
        started.add(p);
        names.put(p, name);
        return p;
    }

    private final Map<Process, String> names = new java.util.HashMap<>();

    private String stderrOf(Process p) throws Exception {
        return Files.readString(dir.resolve(names.get(p) + ".err"));
    }

    /** Runs a command inside the daemon's namespaces. */
    private static String in(Process daemon, String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(daemon.pid()), "-n", "-m"));
        argv.addAll(List.of(command));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** The TCP listen addresses in the daemon's network namespace (ss -Htln). */
    private static Set<String> listening(Process daemon) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String l : in(daemon, "ss", "-Htln").lines().toList()) {
            String[] f = l.strip().split("\\s+");
            if (f.length >= 4) {
                out.add(f[3]);
            }
        }
        return out;
    }

    /** The variables as bash reads the file ({@code set -a; . FILE}), without bash's own. */
    private Map<String, String> shellReads(String file) throws Exception {
        Path f = Files.writeString(dir.resolve("shell-reads.env"), file);
        Process p = new ProcessBuilder("env", "-i", "bash", "-c", "set -a; . \"$0\"; exec env -0", f.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Map<String, String> vars = new LinkedHashMap<>();
        for (String kv : out.split("\0")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && !Set.of("PWD", "SHLVL", "_").contains(kv.substring(0, eq))) {
                vars.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return vars;
    }
}

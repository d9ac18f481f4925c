package io.pikeoperator.plan;

import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.hostsim.model.HttpdConfig;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contract: the httpd files of the controller as the operator leaves them (httpd.conf with its ServerName, the
 * Keystone vhost linked from /usr/share/keystone as the twin's package lays it down, the placement vhost with the
 * operator's {@code <Directory /usr/bin>} fix, the modules the twin's httpd and mod_wsgi packages load) parse with
 * Debian's apache2 2.4 and libapache2-mod-wsgi-py3 ({@code apache2 -t}), and the server they configure serves the
 * same virtual hosts, under the same ServerName, with the same access to the WSGI scripts, as the twin's
 * {@link HttpdConfig} reads from the same files.
 *
 * <p>The files keep their CentOS paths: apache2 runs in its own mount, network and PID namespaces, where /etc and
 * /usr/share are overlays (so /etc/httpd and /usr/share/keystone exist; the machine's are never written), /var/log
 * and /run are empty tmpfs (with /var/log/httpd and /var/log/nova, which httpd requires for ErrorLog), and
 * /etc/passwd has the users of the twin's packages (apache, keystone, nova). Debian's layout is accounted for, and
 * only this: /etc/httpd/modules points at /usr/lib/apache2/modules (CentOS: /usr/lib64/httpd/modules), and the
 * LoadModule lines of modules Debian compiles into apache2 ({@code apache2 -l}: log_config, logio, version,
 * unixd) are commented out, since httpd refuses to load a built-in module. httpd 2.4.6 (CentOS 7) and 2.4.71 read
 * these directives alike.
 */
class HttpdContractIT {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            // SIGKILL to unshare: --kill-child kills the namespace's init (apache2), and with it every process of
            // its PID namespace (the prefork children, mod_wsgi's daemons)
            p.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
    }

    private static Cluster cluster() {
        return PlanFiles.cluster("10.0.0.11", List.of("10.0.0.31"), "10.0.0.0/24", List.of(), PlanFiles.allPasswords("pw"));
    }

    /** The controller's httpd files (host path to content) as the plan leaves them over the twin's packages. */
    private static Map<String, String> centosFiles(boolean placementFix, boolean modWsgi) {
        HostPlan plan = GuidePlan.controller(cluster());
        Map<String, String> f = new TreeMap<>();
        f.put("/etc/httpd/conf/httpd.conf", PlanFiles.written(plan, "/etc/httpd/conf/httpd.conf", PlanFiles.distro("httpd.conf")));
        f.put("/etc/httpd/conf.modules.d/00-base.conf", PlanFiles.distro("00-base.conf"));
        f.put("/etc/httpd/conf.modules.d/00-mpm.conf", PlanFiles.distro("00-mpm.conf"));
        if (modWsgi) {
            f.put("/etc/httpd/conf.modules.d/10-wsgi.conf", PlanFiles.distro("10-wsgi.conf"));
        }
        f.put("/usr/share/keystone/wsgi-keystone.conf", PlanFiles.distro("wsgi-keystone.conf"));
        String placement = PlanFiles.distro("00-nova-placement-api.conf");
        f.put("/etc/httpd/conf.d/00-nova-placement-api.conf", placementFix
                ? PlanFiles.written(plan, "/etc/httpd/conf.d/00-nova-placement-api.conf", placement) : placement);
        return f;
    }

    /** What the twin's httpd reads: the same files, the keystone vhost through the link the plan makes. */
    private static HttpdConfig twin(Map<String, String> files) {
        Map<String, String> snap = new TreeMap<>(files);
        snap.put("/etc/httpd/conf.d/wsgi-keystone.conf", snap.remove("/usr/share/keystone/wsgi-keystone.conf"));
        return HttpdConfig.parse(snap);
    }

    private record Apache(Process process, int syntaxExit, String syntax, Map<Integer, String> vhosts) {
    }

    @Test
    void theOperatorsHttpdFilesParseAndServeAsTheTwinSays() throws Exception {
        Map<String, String> files = centosFiles(true, true);
        assertThat(files.get("/etc/httpd/conf/httpd.conf")).contains("\nServerName controller01\n");
        Apache real = apache(files, true);
        assertThat(real.syntaxExit).as(real.syntax).isZero();
        assertThat(real.syntax).contains("Syntax OK");
        assertThat(real.vhosts).isEqualTo(Map.of(5000, "controller01", 35357, "controller01", 8778, "controller01"));

        HttpdConfig twin = twin(files);
        assertThat(twin.errors).isEmpty();
        assertThat(twin.serverName).isEqualTo("controller01");
        Map<Integer, String> twinVhosts = new TreeMap<>();
        twin.vhosts.forEach(v -> twinVhosts.put(v.port, twin.serverName));
        assertThat(twinVhosts).isEqualTo(real.vhosts);
        assertThat(twin.listen).containsExactlyInAnyOrder(80, 5000, 35357, 8778);

        // Access: 403 is httpd's "client denied by server configuration"; 404 means the request reached mod_wsgi,
        // which found no script (the Debian machine has no keystone-wsgi-public): the script is allowed.
        Map<Integer, String> codes = statusCodes(real, List.of(80, 5000, 35357, 8778));
        assertThat(codes).isEqualTo(Map.of(80, "200", 5000, "404", 35357, "404", 8778, "404"));
        for (int port : List.of(5000, 35357, 8778)) {
            assertThat(twin.scriptAllowed(twin.vhost(port).orElseThrow())).as("the twin allows the script on " + port).isTrue();
        }
    }

    @Test
    void withoutThePlacementFixHttpdDeniesThePlacementScriptAsTheTwinDoes() throws Exception {
        Map<String, String> files = centosFiles(false, true);
        Apache real = apache(files, true);
        assertThat(real.syntaxExit).as(real.syntax).isZero();
        Map<Integer, String> codes = statusCodes(real, List.of(5000, 8778));
        assertThat(codes).isEqualTo(Map.of(5000, "404", 8778, "403"));
        HttpdConfig twin = twin(files);
        assertThat(twin.scriptAllowed(twin.vhost(8778).orElseThrow())).isFalse();
        assertThat(twin.scriptAllowed(twin.vhost(5000).orElseThrow())).isTrue();
    }

    @Test
    void withoutModWsgiBothRefuseTheWsgiDirectives() throws Exception {
        Map<String, String> files = centosFiles(true, false);
        Apache real = apache(files, false);
        assertThat(real.syntaxExit).isNotZero();
        String first = "line 4 of /etc/httpd/conf.d/00-nova-placement-api.conf:\nInvalid command 'WSGIProcessGroup', perhaps "
                + "misspelled or defined by a module not included in the server configuration";
        assertThat(real.syntax.replace(": Invalid", ":\nInvalid")).contains(first);
        assertThat(twin(files).errors).singleElement().asString().contains(first);
    }

    // ---- apache2 in its namespaces ----

    private Apache apache(Map<String, String> centos, boolean serve) throws Exception {
        Set<String> builtIn = builtInModules();
        Path in = Files.createDirectories(dir.resolve("in"));
        List<String> installs = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> f : centos.entrySet()) {
            String text = f.getValue();
            if (f.getKey().startsWith("/etc/httpd/conf.modules.d/")) {
                text = debianModules(text, builtIn);
            }
            Path src = Files.writeString(in.resolve("f" + n++), text);
            installs.add("install -D -m 0644 '" + src + "' '" + f.getKey() + "'");
        }
        Path out = dir.resolve("out");
        Path ov = dir.resolve("ov");
        for (String d : List.of("etc-u", "etc-w", "share-u", "share-w")) {
            Files.createDirectories(ov.resolve(d));
        }
        String script = "set -e\n"
                + "mount -t overlay overlay -o lowerdir=/etc,upperdir=" + ov.resolve("etc-u") + ",workdir=" + ov.resolve("etc-w") + " /etc\n"
                + "mount -t overlay overlay -o lowerdir=/usr/share,upperdir=" + ov.resolve("share-u") + ",workdir="
                + ov.resolve("share-w") + " /usr/share\n"
                + "mount -t tmpfs tmpfs /var/log\nmount -t tmpfs tmpfs /run\nip link set lo up\n"
                // the users of the twin's httpd, openstack-keystone and openstack-nova-common packages
                + "printf 'apache:x:48:48::/usr/share/httpd:/sbin/nologin\\nkeystone:x:163:163::/var/lib/keystone:/sbin/nologin\\n"
                + "nova:x:162:162::/var/lib/nova:/sbin/nologin\\n' >> /etc/passwd\n"
                + "printf 'apache:x:48:\\nkeystone:x:163:\\nnova:x:162:\\n' >> /etc/group\n"
                + "mkdir -p /var/log/httpd /var/log/nova /run/httpd /run/apache2 /etc/httpd/conf.d\n"
                + String.join("\n", installs) + "\n"
                + "test ! -f /usr/share/keystone/wsgi-keystone.conf || ln -sfn /usr/share/keystone/wsgi-keystone.conf "
                + "/etc/httpd/conf.d/wsgi-keystone.conf\n"
                + "ln -s /usr/lib/apache2/modules /etc/httpd/modules\nln -s ../../var/log/httpd /etc/httpd/logs\n"
                + "ln -s /run/httpd /etc/httpd/run\n"
                + "rc=0; apache2 -d /etc/httpd -f conf/httpd.conf -t > '" + out + ".t' 2>&1 || rc=$?; echo $rc > '" + out + ".rc'\n"
                + "apache2 -d /etc/httpd -f conf/httpd.conf -t -D DUMP_VHOSTS > '" + out + ".vhosts' 2>&1 || true\n"
                + "touch '" + out + ".done'\n"
                + (serve ? "exec apache2 -d /etc/httpd -f conf/httpd.conf -D FOREGROUND\n" : "");
        Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--kill-child", "-n", "-m", "--propagation", "private",
                "bash", "-c", script).redirectErrorStream(true).redirectOutput(dir.resolve("apache.log").toFile()).start();
        started.add(p);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(Path.of(out + ".done")) || !p.isAlive());
        assertThat(Path.of(out + ".done")).as("setup: " + Files.readString(dir.resolve("apache.log"))).exists();
        Map<Integer, String> vhosts = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\*:(\\d+)\\s+(\\S+)\\s+\\(").matcher(Files.readString(Path.of(out + ".vhosts")));
        while (m.find()) {
            vhosts.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return new Apache(p, Integer.parseInt(Files.readString(Path.of(out + ".rc")).strip()),
                Files.readString(Path.of(out + ".t")), vhosts);
    }

    /** The HTTP status of GET / on each port, from inside the server's network namespace, once it answers. */
    private Map<Integer, String> statusCodes(Apache real, List<Integer> ports) {
        Map<Integer, String> codes = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(real.process.isAlive()).as(Files.readString(dir.resolve("apache.log"))).isTrue();
            codes.clear();
            for (int port : ports) {
                codes.put(port, in(real.process, "curl", "-s", "-o", "/dev/null", "--max-time", "5", "-w", "%{http_code}",
                        "http://127.0.0.1:" + port + "/"));
            }
            assertThat(codes.values()).doesNotContain("000");
        });
        return codes;
    }

    private static String in(Process p, String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(p.pid()), "-n"));
        argv.addAll(List.of(command));
        Process c = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(c.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** Modules compiled into Debian's apache2 ({@code apache2 -l}: mod_version.c is version_module). */
    private static Set<String> builtInModules() throws Exception {
        Process p = new ProcessBuilder("apache2", "-l").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*mod_(\\w+)\\.c$").matcher(out);
        while (m.find()) {
            names.add(m.group(1) + "_module");
        }
        assertThat(names).contains("version_module");
        return names;
    }

    private static String debianModules(String text, Set<String> builtIn) {
        StringBuilder s = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String[] w = line.strip().split("\\s+");
            boolean drop = w.length >= 2 && w[0].equals("LoadModule") && builtIn.contains(w[1]);
            s.append(drop ? "# built into Debian's apache2: " + line : line).append('\n');
        }
        return s.substring(0, s.length() - 1);
    }
}

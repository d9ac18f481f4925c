package io.pikeoperator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pikeoperator.hostsim.model.OsloConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract: every INI file the operator writes (keystone.conf, glance-api.conf, glance-registry.conf, nova.conf on
 * the controller and on a compute), made by the plan's own FileSteps over the twin's distribution files, reads
 * back with hostile passwords to exactly the intended values, both through the real oslo.config (Debian's
 * python3-oslo.config, registering each option as a StrOpt and reading as a service does) and through the twin's
 * {@link OsloConfig}. The passwords inside {@code connection} and {@code transport_url} come back from the URL.
 * Debian ships oslo.config 9.0.0, Pike pins 4.11.2; the rules relied on (iniparser's quote stripping and whole-line
 * comments, ConfigOpts._substitute's "\$" and "$$" and string.Template.safe_substitute) are the same in both.
 */
class OsloConfigContractIT {

    static final String PYTHON = "/usr/bin/python3";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Printable ASCII that an INI file, a URL, a template or a shell could take for syntax. */
    static final List<String> HOSTILE = List.of("p$w", "$HOME", "${x}", "$$", "a\\$b", "\\\\$", "$\\$$", "%(x)s%",
            "#hash", ";semi", "pw # not a comment", "\"double\"", "'single'", "\"", "'", " lead", "trail ", "  both  ",
            "back\\slash\\", "a\"b'c", "x = y", "[section]", ":colon", "@/?&=+% ", "`cmd` && $(cmd)", "$my_ip",
            "end$", "\"mis'");

    @TempDir
    static Path dir;

    static String debianVersion;

    @BeforeAll
    static void realOsloConfigIsThere() throws Exception {
        assertThat(Path.of(PYTHON)).as("python3 of the distribution").exists();
        debianVersion = read(List.of()).get("version").asText();
        assertThat(debianVersion).as("python3-oslo.config").isNotBlank();
    }

    @Test
    void everyIniFileTheOperatorWritesReadsBackExactlyThroughOsloConfigAndTheTwin() throws Exception {
        int variants = (HOSTILE.size() + Passwords.KEYS.size() - 1) / Passwords.KEYS.size();
        for (int v = 0; v < variants; v++) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int k = 0; k < Passwords.KEYS.size(); k++) {
                given.put(Passwords.KEYS.get(k), HOSTILE.get((v * Passwords.KEYS.size() + k) % HOSTILE.size()));
            }
            Cluster cluster = PlanFiles.cluster("10.0.0.11", List.of("10.0.0.31"), "10.0.0.0/24", List.of(), given);
            checkVariant(cluster, v);
        }
    }

    private void checkVariant(Cluster c, int variant) throws Exception {
        var controller = GuidePlan.controller(c);
        NodeInfo node = c.computes().get(0);
        var compute = GuidePlan.compute(c, node);
        List<Case> cases = List.of(
                new Case("keystone.conf", PlanFiles.written(controller, "/etc/keystone/keystone.conf", PlanFiles.distro("keystone.conf")),
                        keystone(c)),
                new Case("glance-api.conf", PlanFiles.written(controller, "/etc/glance/glance-api.conf", PlanFiles.distro("glance-api.conf")),
                        glanceApi(c)),
                new Case("glance-registry.conf", PlanFiles.written(controller, "/etc/glance/glance-registry.conf",
                        PlanFiles.distro("glance-registry.conf")), glanceRegistry(c)),
                new Case("nova.conf (controller)", PlanFiles.written(controller, "/etc/nova/nova.conf", PlanFiles.distro("nova.conf")),
                        novaController(c)),
                new Case("nova.conf (compute)", PlanFiles.written(compute, "/etc/nova/nova.conf", PlanFiles.distro("nova.conf"), "none"),
                        novaCompute(c, node)));
        List<Map<String, Object>> files = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Path p = dir.resolve("v" + variant + "-" + i + ".conf");
            Files.writeString(p, cases.get(i).text);
            List<List<String>> opts = cases.get(i).expected.keySet().stream().map(k -> List.of(k.split("/", 2))).toList();
            files.add(Map.of("path", p.toString(), "opts", opts));
        }
        JsonNode results = read(files).get("results");
        for (int i = 0; i < cases.size(); i++) {
            Case cs = cases.get(i);
            JsonNode real = results.get(i);
            String what = cs.name + " (password variant " + variant + ")";
            assertThat(real.has("parse_error")).as(what + ": oslo.config refuses it: " + real.path("parse_error")).isFalse();
            assertThat(real.get("errors").size()).as(what + ": oslo.config errors " + real.get("errors")).isZero();
            Map<String, String> realValues = strings(real.get("values"));
            assertThat(realValues).as(what + " through oslo.config " + debianVersion).isEqualTo(cs.expected);

            OsloConfig twin = OsloConfig.parse(cs.text);
            assertThat(twin.parseErrors()).as(what + " through the twin").isEmpty();
            Map<String, String> twinValues = new LinkedHashMap<>();
            cs.expected.keySet().forEach(k -> {
                String[] gk = k.split("/", 2);
                twinValues.put(k, twin.get(gk[0], gk[1]).orElse(null));
            });
            assertThat(twinValues).as(what + " through the twin's OsloConfig").isEqualTo(realValues);

            Map<String, String> urlPasswords = strings(real.get("url_passwords"));
            assertThat(urlPasswords).as(what + ": passwords inside the URLs").isEqualTo(cs.urlPasswords(c));
        }
    }

    @Test
    void theTwinsParserReadsHandWrittenEdgesAsOsloConfigDoes() throws Exception {
        String text = """
                [DEFAULT]
                my_ip = 10.0.0.31
                [a]
                quoted = "x"
                single = 'y'
                mismatched = 'z"
                lone = "
                spaced =    s p   \t
                hash = a # b
                semi = a ; b
                colon : c
                equal_first = k:v = w
                dollar = a$$b
                bs_dollar = a\\$b
                bs_bs_dollar = a\\\\$b
                invalid = $1 ${ $ ${1x} $
                ref = $my_ip
                braced = ${my_ip}:80
                dotted = $a.quoted
                multi = first
                  second
                after = x
                #commented = no
                ;commented2 = no
                last = 1
                last = 2
                unknown = $nosuch
                bs_unknown = a\\$$b
                """;
        List<String> keys = List.of("quoted", "single", "mismatched", "lone", "spaced", "hash", "semi", "colon",
                "equal_first", "dollar", "bs_dollar", "bs_bs_dollar", "invalid", "ref", "braced", "dotted", "multi",
                "after", "commented", "commented2", "last", "unknown", "bs_unknown");
        Path p = dir.resolve("edges.conf");
        Files.writeString(p, text);
        List<List<String>> opts = new ArrayList<>(keys.stream().map(k -> List.of("a", k)).toList());
        opts.add(List.of("DEFAULT", "my_ip"));
        JsonNode real = read(List.of(Map.of("path", p.toString(), "opts", opts))).get("results").get(0);
        assertThat(real.has("parse_error")).as(real.path("parse_error").asText()).isFalse();
        OsloConfig twin = OsloConfig.parse(text);
        Map<String, String> realSeen = new LinkedHashMap<>();
        Map<String, String> twinSeen = new LinkedHashMap<>();
        for (String k : keys) {
            realSeen.put(k, real.get("errors").has("a/" + k) ? "<error>"
                    : real.get("values").get("a/" + k).isNull() ? "<unset>" : real.get("values").get("a/" + k).asText());
            String t;
            try {
                t = twin.get("a", k).orElse("<unset>");
            } catch (OsloConfig.SubstitutionError e) {
                t = "<error>";
            }
            twinSeen.put(k, t);
        }
        assertThat(twinSeen).isEqualTo(realSeen);
        assertThat(realSeen).containsEntry("bs_dollar", "a$b").containsEntry("lone", "").containsEntry("unknown", "<error>")
                .containsEntry("bs_unknown", "<error>").containsEntry("hash", "a # b").containsEntry("commented", "<unset>");
    }

    // ---- what the operator means each file to say ----

    private record Case(String name, String text, Map<String, String> expected) {
        Map<String, String> urlPasswords(Cluster c) {
            Map<String, String> m = new LinkedHashMap<>();
            expected.forEach((k, v) -> {
                if (k.endsWith("/connection")) {
                    m.put(k, c.passwords().get(k.contains("api_database") || v.contains("/nova") ? Passwords.NOVA_DB
                            : v.contains("/glance") ? Passwords.GLANCE_DB : Passwords.KEYSTONE_DB));
                } else if (k.equals("DEFAULT/transport_url")) {
                    m.put(k, c.passwords().get(Passwords.RABBITMQ));
                }
            });
            return m;
        }
    }

    private static String db(Cluster c, String user, String key, String database) {
        return "mysql+pymysql://" + user + ":" + Values.url(c.passwords().get(key)) + "@controller01/" + database;
    }

    private static Map<String, String> keystone(Cluster c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("database/connection", db(c, "keystone", Passwords.KEYSTONE_DB, "keystone"));
        m.put("token/provider", "fernet");
        return m;
    }

    private static void authtoken(Map<String, String> m, Cluster c, String user, String key) {
        m.put("keystone_authtoken/auth_uri", "http://controller01:5000");
        m.put("keystone_authtoken/auth_url", "http://controller01:35357");
        m.put("keystone_authtoken/memcached_servers", "controller01:11211");
        m.put("keystone_authtoken/auth_type", "password");
        m.put("keystone_authtoken/project_domain_name", "default");
        m.put("keystone_authtoken/user_domain_name", "default");
        m.put("keystone_authtoken/project_name", "service");
        m.put("keystone_authtoken/username", user);
        m.put("keystone_authtoken/password", c.passwords().get(key));
    }

    private static Map<String, String> glanceApi(Cluster c) {
        Map<String, String> m = glanceRegistry(c);
        m.put("glance_store/stores", "file,http");
        m.put("glance_store/default_store", "file");
        m.put("glance_store/filesystem_store_datadir", "/var/lib/glance/images/");
        return m;
    }

    private static Map<String, String> glanceRegistry(Cluster c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("database/connection", db(c, "glance", Passwords.GLANCE_DB, "glance"));
        authtoken(m, c, "glance", Passwords.GLANCE);
        m.put("paste_deploy/flavor", "keystone");
        return m;
    }

    private static Map<String, String> novaCommon(Cluster c, String myIp) {
        Map<String, String> m = new LinkedHashMap<>();
        authtoken(m, c, "nova", Passwords.NOVA);
        m.put("DEFAULT/enabled_apis", "osapi_compute,metadata");
        m.put("DEFAULT/my_ip", myIp);
        m.put("DEFAULT/transport_url", "rabbit://openstack:" + Values.url(c.passwords().get(Passwords.RABBITMQ)) + "@controller01");
        m.put("DEFAULT/use_neutron", "True");
        m.put("DEFAULT/firewall_driver", "nova.virt.firewall.NoopFirewallDriver");
        m.put("api/auth_strategy", "keystone");
        m.put("glance/api_servers", "http://controller01:9292");
        m.put("oslo_concurrency/lock_path", "/var/lib/nova/tmp");
        m.put("placement/os_region_name", "RegionOne");
        m.put("placement/project_domain_name", "Default");
        m.put("placement/project_name", "service");
        m.put("placement/auth_type", "password");
        m.put("placement/user_domain_name", "Default");
        m.put("placement/auth_url", "http://controller01:35357/v3");
        m.put("placement/username", "placement");
        m.put("placement/password", c.passwords().get(Passwords.PLACEMENT));
        return m;
    }

    private static Map<String, String> novaController(Cluster c) {
        Map<String, String> m = novaCommon(c, c.controller().address());
        m.put("api_database/connection", db(c, "nova", Passwords.NOVA_DB, "nova_api"));
        m.put("database/connection", db(c, "nova", Passwords.NOVA_DB, "nova"));
        m.put("vnc/enabled", "true");
        m.put("vnc/vncserver_listen", c.controller().address());
        m.put("vnc/vncserver_proxyclient_address", c.controller().address());
        m.put("scheduler/discover_hosts_in_cells_interval", String.valueOf(c.discoverHostsIntervalSeconds()));
        return m;
    }

    private static Map<String, String> novaCompute(Cluster c, NodeInfo node) {
        Map<String, String> m = novaCommon(c, node.address());
        m.put("libvirt/virt_type", "qemu");
        m.put("vnc/enabled", "True");
        m.put("vnc/vncserver_listen", "0.0.0.0");
        m.put("vnc/vncserver_proxyclient_address", node.address());
        m.put("vnc/novncproxy_base_url", "http://controller01:6080/vnc_auto.html");
        return m;
    }

    // ---- the real oslo.config ----

    private static JsonNode read(List<Map<String, Object>> files) throws Exception {
        String script;
        try (InputStream in = OsloConfigContractIT.class.getResourceAsStream("oslo_read.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path py = dir.resolve("oslo_read.py");
        Files.writeString(py, script);
        Process p = new ProcessBuilder(PYTHON, "-I", py.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var stdin = p.getOutputStream()) {
            stdin.write(JSON.writeValueAsBytes(Map.of("files", files)));
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("oslo_read.py exit").isZero();
        return JSON.readTree(out);
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return m;
    }
}

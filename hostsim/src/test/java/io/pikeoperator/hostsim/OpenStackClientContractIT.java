package io.pikeoperator.hostsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pikeoperator.hostsim.model.GlanceData;
import io.pikeoperator.hostsim.model.HostState;
import io.pikeoperator.hostsim.model.KeystoneData;
import io.pikeoperator.hostsim.model.KeystoneData.Entity;
import io.pikeoperator.hostsim.model.Nova;
import io.pikeoperator.hostsim.model.NovaCellData;
import io.pikeoperator.hostsim.model.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.pikeoperator.hostsim.GuideReplay.ADMIN;
import static io.pikeoperator.hostsim.GuideReplay.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Contract: the twin's {@code openstack} against the real python-openstackclient from Debian
 * ({@code python3-openstackclient}, /usr/bin/openstack), on the same data.
 * <p>
 * The twin is built by the guide's replay (controller and compute, up to a discovered compute host). Its model is
 * then served by a minimal fake Keystone v3, Nova v2.1 and Glance v2 (JDK HttpServer, three loopback ports), in the
 * JSON shapes of keystone 12 / nova 16 / glance 15; the token the fake Keystone issues is the one the twin issued, and
 * its catalog points the real client at the fakes (the only substitution: the twin's URLs name controller01, which
 * is not this machine). The real client then runs the operator's own commands and must print what the twin prints,
 * line by line: the client's formatting ({@code -f value}, {@code -f json}, {@code -c}) is what is under test.
 * <p>
 * It lives in hostsim, not in the operator's tests, because it checks the twin against upstream and needs the twin's
 * model and guide replay; the commands are the ones {@code operator/src/main/java/io/pikeoperator/plan} sends (listed in
 * {@link #OPERATOR_COMMANDS}, each with the class that sends it).
 * <p>
 * Version: Debian ships python-openstackclient 6.0.0, osc-lib 2.6.2, cliff 4.0.0 (Pike: 3.12.2, 1.7.1, 2.8.3). The
 * password paths (osc_lib.utils.get_password, osc_lib.shell.prompt_for_password, ClientManager.setup_auth, and
 * CreateUser/SetUser.take_action) are unchanged between them (source read side by side); the JSON formatter differs
 * (Python 3 separators, and cliff 4 adds a newline after a single object), so JSON is compared as JSON.
 * The real client reaches only 127.0.0.1: its environment is built from scratch (no proxies, HOME a temp dir).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenStackClientContractIT {

    static final Path REAL = Path.of("/usr/bin/openstack");
    static final ObjectMapper JSON = new ObjectMapper();

    /** Every openstack command the operator's plan/ parses, with the class that sends it. */
    static final Map<String, String> OPERATOR_COMMANDS = new LinkedHashMap<>();

    static {
        OPERATOR_COMMANDS.put("openstack project list -f value -c Name", "Identity.STATE");
        OPERATOR_COMMANDS.put("openstack user list -f value -c Name", "Identity.STATE");
        OPERATOR_COMMANDS.put("openstack role list -f value -c Name", "Identity.STATE");
        OPERATOR_COMMANDS.put("openstack role assignment list --names -f value -c Role -c User -c Project", "Identity.STATE");
        OPERATOR_COMMANDS.put("openstack service list -f value -c Name -c Type", "Identity.STATE");
        OPERATOR_COMMANDS.put("openstack endpoint list -f value -c Region -c 'Service Type' -c Interface -c URL",
                "Identity.STATE");
        OPERATOR_COMMANDS.put("openstack token issue -f value -c id", "KeystoneSteps/VerifySteps/DecommissionSteps");
        OPERATOR_COMMANDS.put("openstack catalog list -f value -c Type", "VerifySteps");
        OPERATOR_COMMANDS.put("openstack compute service list -f value -c Binary -c Host -c Status -c State",
                "ComputeSteps");
        OPERATOR_COMMANDS.put("openstack compute service list --service nova-compute --host computer01 -f value -c ID",
                "DecommissionSteps");
        OPERATOR_COMMANDS.put("openstack image list -f value -c Name -c Status", "GlanceSteps.IMAGES");
    }

    TwinFixture fixture;
    TwinClient ssh;
    GuideReplay guide;
    Path home;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<HttpServer> servers = new ArrayList<>();
    String token;
    int keystonePort;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isExecutable(REAL), "python3-openstackclient is not installed (.ci/run installs it)");
        home = Files.createDirectories(dir.resolve("home"));
        fixture = TwinFixture.start(dir, TwinFixture.GUIDE_HOSTS);
        ssh = fixture.ssh;
        guide = fixture.guide;
        guide.controllerUpToNova(true);
        guide.openControllerPorts();
        guide.novaCompute();
        guide.discoverHosts();
        // A second image whose name sorts before cirros: image list sorts by name (3.12.2 ListImage --sort name:asc).
        guide.admin("head -c 4096 /dev/zero > /root/blank.img && openstack image create --file /root/blank.img "
                + "--disk-format raw --container-format bare a-blank");
        token = guide.admin("openstack token issue -f value -c id").strip();
        startFakes();
    }

    @AfterAll
    void stop() {
        servers.forEach(s -> s.stop(0));
        if (fixture != null) {
            fixture.close();
        }
    }

    // ---- the contract ----

    @Test
    void recordsBothVersions() {
        Run real = real("openstack --version", "");
        assertThat(real.exit()).isZero();
        // cliff prints the version on stdout (cliff >= 3) or stderr (older): either way "openstack 6.0.0" here.
        assertThat(real.out() + real.err()).startsWith("openstack ");
        System.out.println("contract: real client = " + (real.out() + real.err()).strip()
                + " (Debian python3-openstackclient); twin models python-openstackclient 3.12.2 / osc-lib 1.7.1");
    }

    @Test
    void theOperatorsValueFormatsPrintTheSameLines() {
        requests.clear();
        for (String command : OPERATOR_COMMANDS.keySet()) {
            TwinClient.Result twin = twin(command);
            Run real = real(command, "");
            assertThat(twin.exit()).as("twin: " + command + "\n" + twin.err()).isZero();
            assertThat(real.exit()).as("real: " + command + "\n" + real.err()).isZero();
            assertThat(twin.out()).as(command + " (sent by " + OPERATOR_COMMANDS.get(command) + ")")
                    .isNotBlank().isEqualTo(real.out());
            System.out.println("contract: " + command + "\n" + real.out().indent(4));
        }
        // The real client asked the fakes for the data, not for anything they do not serve.
        assertThat(requests).contains("GET /v3/projects", "GET /v3/users", "GET /v3/roles", "GET /v3/role_assignments",
                "GET /v3/services", "GET /v3/endpoints", "GET /v2.1/os-services", "GET /v2/images");
    }

    @Test
    void jsonFormatsCarryTheSameData() throws IOException {
        for (String command : List.of("openstack project list -f json", "openstack user list -f json",
                "openstack service list -f json -c Name -c Type", "openstack token issue -f json -c id -c user_id")) {
            TwinClient.Result twin = twin(command);
            Run real = real(command, "");
            assertThat(real.exit()).as(real.err()).isZero();
            assertThat(JSON.readTree(twin.out())).as(command).isEqualTo(JSON.readTree(real.out()));
        }
    }

    @Test
    void passwordPromptWithoutATerminalFailsTheSameWay() {
        for (String command : List.of("openstack user create --domain default --password-prompt contract",
                "openstack user set --password-prompt demo")) {
            requests.clear();
            TwinClient.Result twin = twin(command + " </dev/null");
            Run real = real(command, "pw\npw\n");
            assertThat(real.err()).as("real " + command).isEqualTo("No terminal detected attempting to read password\n");
            assertThat(real.exit()).isEqualTo(1);
            assertThat(twin.err()).as("twin " + command).isEqualTo(real.err());
            assertThat(twin.exit()).isEqualTo(real.exit());
            assertThat(twin.out()).isEqualTo(real.out()).isEmpty();
            // The client authenticated first (the token POST), and changed nothing.
            assertThat(requests).anyMatch(r -> r.equals("POST /v3/auth/tokens"))
                    .noneMatch(r -> r.startsWith("POST /v3/users") || r.startsWith("PATCH"));
        }
        assertThat(guide.admin("openstack user list -f value -c Name")).doesNotContain("contract");
    }

    @Test
    void aMissingPasswordWithoutATerminalFailsTheSameWayAndAsksNobody() {
        for (String unset : List.of("unset OS_PASSWORD", "export OS_PASSWORD=")) {
            requests.clear();
            String command = unset + " && openstack token issue -f value -c id";
            TwinClient.Result twin = twin(command);
            Run real = real(command, ADMIN + "\n");
            assertThat(real.err()).as(unset).isEqualTo("No password entered, or found via --os-password or OS_PASSWORD\n");
            assertThat(real.exit()).isEqualTo(1);
            assertThat(twin.err()).as(unset).isEqualTo(real.err());
            assertThat(twin.exit()).isEqualTo(real.exit());
            assertThat(twin.out()).isEqualTo(real.out()).isEmpty();
            assertThat(requests).as("no request before the password").isEmpty();
        }
    }

    /**
     * The command on the twin (admin_openrc sourced). Each twin invocation authenticates and so issues a token:
     * from here on the fake Keystone issues that same token to the real client (found as the model's new token).
     */
    TwinClient.Result twin(String command) {
        java.util.Set<String> before;
        World world = twinWorld();
        world.lock().lock();
        try {
            before = new java.util.HashSet<>(db("keystone").keystone.tokens.keySet());
        } finally {
            world.lock().unlock();
        }
        TwinClient.Result r = guide.adminExec(command);
        world.lock().lock();
        try {
            db("keystone").keystone.tokens.keySet().stream().filter(t -> !before.contains(t)).findFirst()
                    .ifPresent(t -> token = t);
        } finally {
            world.lock().unlock();
        }
        return r;
    }

    // ---- the real client ----

    record Run(int exit, String out, String err) {
    }

    /** {@code bash -c ". admin_openrc && COMMAND"}, with admin_openrc's variables pointing at the fake Keystone. */
    Run real(String command, String stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", command).directory(home.toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", "/usr/bin:/bin");
            env.put("HOME", home.toString());
            env.put("LANG", "C.UTF-8");
            env.put("no_proxy", "*");
            env.put("OS_USERNAME", "admin");
            env.put("OS_PASSWORD", ADMIN);
            env.put("OS_PROJECT_NAME", "admin");
            env.put("OS_USER_DOMAIN_NAME", "Default");
            env.put("OS_PROJECT_DOMAIN_NAME", "Default");
            env.put("OS_AUTH_URL", "http://127.0.0.1:" + keystonePort + "/v3");
            env.put("OS_IDENTITY_API_VERSION", "3");
            env.put("OS_IMAGE_API_VERSION", "2");
            Path errFile = Files.createTempFile(home, "stderr", ".txt");
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("real openstack finished: " + command).isTrue();
            return new Run(p.exitValue(), out, Files.readString(errFile));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the fake APIs, serving the twin's model ----

    private HttpServer server(Function<HttpExchange, Object> handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            try (ex) {
                requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
                ex.getRequestBody().readAllBytes();
                Object body;
                twinWorld().lock().lock();
                try {
                    body = handler.apply(ex);
                } finally {
                    twinWorld().lock().unlock();
                }
                if (body == null) {
                    System.out.println("contract: fake answered 404 to " + ex.getRequestMethod() + " " + ex.getRequestURI());
                }
                int status = body == null ? 404 : ex.getRequestMethod().equals("POST") ? 201 : 200;
                byte[] bytes = JSON.writeValueAsBytes(body == null ? Map.of("error", Map.of("code", 404,
                        "message", "not served by the contract's fake", "title", "Not Found")) : body);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                if (status == 201) {
                    ex.getResponseHeaders().set("X-Subject-Token", token);
                }
                ex.sendResponseHeaders(status, bytes.length);
                ex.getResponseBody().write(bytes);
            } catch (RuntimeException e) {
                e.printStackTrace();
                throw e;
            }
        });
        s.start();
        servers.add(s);
        return s;
    }

    private World twinWorld() {
        return fixture.twin.world();
    }

    private HostState.Database db(String name) {
        return fixture.twin.host(CONTROLLER).model().state().mariadb.databases.get(name);
    }

    private void startFakes() throws IOException {
        HttpServer keystone = server(this::keystone);
        HttpServer nova = server(this::nova);
        HttpServer glance = server(this::glance);
        keystonePort = keystone.getAddress().getPort();
        novaUrl = "http://127.0.0.1:" + nova.getAddress().getPort() + "/v2.1";
        glanceUrl = "http://127.0.0.1:" + glance.getAddress().getPort();
        keystoneUrl = "http://127.0.0.1:" + keystonePort + "/v3";
    }

    String keystoneUrl;
    String novaUrl;
    String glanceUrl;

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private Map<String, Object> links(String path) {
        return map("self", keystoneUrl + path, "previous", null, "next", null);
    }

    private Map<String, Object> domainRef(KeystoneData d, String id) {
        return map("id", id, "name", d.domains.get(id).name);
    }

    /** keystone 12 (Pike) v3: version document, password auth, and the list calls the commands make. */
    private Object keystone(HttpExchange ex) {
        KeystoneData d = db("keystone").keystone;
        String path = ex.getRequestURI().getPath().replaceAll("/+$", "");
        String method = ex.getRequestMethod();
        if (method.equals("GET") && path.equals("/v3")) {
            return map("version", map("id", "v3.8", "status", "stable", "updated", "2017-02-22T00:00:00Z",
                    "links", List.of(map("rel", "self", "href", keystoneUrl + "/")),
                    "media-types", List.of(map("base", "application/json",
                            "type", "application/vnd.openstack.identity-v3+json"))));
        }
        if (method.equals("POST") && path.equals("/v3/auth/tokens")) {
            KeystoneData.Token t = d.tokens.get(token);
            Entity user = d.users.get(t.userId);
            Entity project = d.projects.get(t.projectId);
            List<Object> roles = d.assignments.stream().filter(a -> a.get(0).equals(user.id) && a.get(1).equals(project.id))
                    .map(a -> (Object) map("id", a.get(2), "name", d.roles.get(a.get(2)).name)).toList();
            return map("token", map("methods", List.of("password"), "roles", roles, "expires_at",
                    t.expires.replace("Z", ".000000Z"), "project", map("domain", domainRef(d, project.domainId),
                            "id", project.id, "name", project.name), "is_domain", false, "catalog", catalog(d),
                    "user", map("domain", domainRef(d, user.domainId), "password_expires_at", null, "id", user.id,
                            "name", user.name), "audit_ids", List.of("contract"), "issued_at",
                    Instant.now().toString()));
        }
        if (!method.equals("GET")) {
            return null;
        }
        if (path.equals("/v3/projects")) {
            return map("links", links("/projects"), "projects", d.projects.values().stream().map(p -> map(
                    "is_domain", false, "description", p.description, "links", map("self", keystoneUrl + "/projects/" + p.id),
                    "enabled", p.enabled, "id", p.id, "parent_id", p.domainId, "domain_id", p.domainId, "name", p.name))
                    .toList());
        }
        if (path.equals("/v3/users")) {
            return map("links", links("/users"), "users", d.users.values().stream().map(u -> map(
                    "domain_id", u.domainId, "enabled", u.enabled, "id", u.id, "links", map("self",
                            keystoneUrl + "/users/" + u.id), "name", u.name, "options", Map.of(),
                    "password_expires_at", null)).toList());
        }
        if (path.equals("/v3/roles")) {
            return map("links", links("/roles"), "roles", d.roles.values().stream().map(r -> map(
                    "domain_id", null, "id", r.id, "links", map("self", keystoneUrl + "/roles/" + r.id),
                    "name", r.name)).toList());
        }
        if (path.startsWith("/v3/domains/")) {
            String key = path.substring("/v3/domains/".length());
            Entity dom = d.domains.get(key);
            return dom == null ? null : map("domain", map("description", dom.description, "links",
                    map("self", keystoneUrl + "/domains/" + dom.id), "enabled", dom.enabled, "id", dom.id, "name", dom.name));
        }
        if (path.equals("/v3/role_assignments")) {
            boolean names = String.valueOf(ex.getRequestURI().getQuery()).contains("include_names");
            return map("links", links("/role_assignments"), "role_assignments", d.assignments.stream().map(a -> {
                Entity u = d.users.get(a.get(0));
                Entity p = d.projects.get(a.get(1));
                Entity r = d.roles.get(a.get(2));
                return map("scope", map("project", names ? map("domain", domainRef(d, p.domainId), "id", p.id,
                                "name", p.name) : map("id", p.id)),
                        "role", names ? map("id", r.id, "name", r.name) : map("id", r.id),
                        "user", names ? map("domain", domainRef(d, u.domainId), "id", u.id, "name", u.name)
                                : map("id", u.id),
                        "links", map("assignment", keystoneUrl + "/projects/" + p.id + "/users/" + u.id + "/roles/" + r.id));
            }).toList());
        }
        if (path.equals("/v3/services")) {
            return map("links", links("/services"), "services", d.services.values().stream().map(s -> map(
                    "description", s.description, "links", map("self", keystoneUrl + "/services/" + s.id),
                    "enabled", s.enabled, "type", s.type, "id", s.id, "name", s.name)).toList());
        }
        if (path.equals("/v3/endpoints")) {
            return map("links", links("/endpoints"), "endpoints", d.endpoints.values().stream().map(e -> map(
                    "region_id", e.region, "links", map("self", keystoneUrl + "/endpoints/" + e.id), "url", e.url,
                    "region", e.region, "enabled", e.enabled, "interface", e.iface, "service_id", e.serviceId,
                    "id", e.id)).toList());
        }
        return null;
    }

    /**
     * The token's catalog: the twin's services, regions and interfaces, with the fakes' loopback URLs (the twin's
     * own URLs name controller01). Only the types are compared (catalog list -c Type).
     */
    private List<Object> catalog(KeystoneData d) {
        List<Object> out = new ArrayList<>();
        for (Entity s : d.services.values()) {
            String url = switch (s.type) {
                case "identity" -> keystoneUrl;
                case "compute" -> novaUrl;
                case "image" -> glanceUrl;
                default -> "http://127.0.0.1:9/" + s.type;
            };
            List<Object> eps = d.endpoints.values().stream().filter(e -> e.serviceId.equals(s.id)).map(e -> (Object) map(
                    "id", e.id, "interface", e.iface, "region", e.region, "region_id", e.region, "url", url)).toList();
            out.add(map("endpoints", eps, "id", s.id, "type", s.type, "name", s.name));
        }
        return out;
    }

    /** nova 16 (Pike) v2.1: the version document and os-services (binary/host filters, state from heartbeats). */
    private Object nova(HttpExchange ex) {
        String path = ex.getRequestURI().getPath().replaceAll("/+$", "");
        if (path.equals("/v2.1") || path.isEmpty()) {
            return map("version", map("id", "v2.1", "status", "CURRENT", "version", "2.53", "min_version", "2.1",
                    "updated", "2013-07-23T11:33:21Z", "links", List.of(map("rel", "self", "href", novaUrl + "/")),
                    "media-types", List.of(map("base", "application/json",
                            "type", "application/vnd.openstack.compute+json;version=2.1"))));
        }
        if (!path.equals("/v2.1/os-services")) {
            return null;
        }
        Map<String, String> q = query(ex.getRequestURI());
        World world = twinWorld();
        world.lock().lock();
        try {
            Nova.heartbeat(world);
            Instant now = world.clock().instant();
            List<Object> services = new ArrayList<>();
            for (Nova.Cell c : Nova.cells(world, world.host(CONTROLLER), db("nova_api").novaApi)) {
                if (c.data() == null) {
                    continue;
                }
                for (NovaCellData.Service s : c.data().services) {
                    if (s.deleted || q.containsKey("binary") && !q.get("binary").equals(s.binary)
                            || q.containsKey("host") && !q.get("host").equals(s.host)) {
                        continue;
                    }
                    services.add(map("id", s.id, "binary", s.binary, "disabled_reason", null, "host", s.host,
                            "state", Nova.up(s, now) ? "up" : "down", "status", s.disabled ? "disabled" : "enabled",
                            "updated_at", s.updatedAt == null ? null : s.updatedAt.replace("Z", ".000000"),
                            "forced_down", false, "zone", s.zone));
                }
            }
            return map("services", services);
        } finally {
            world.lock().unlock();
        }
    }

    /** glance 15 (Pike) v2: the versions document and one page of images. */
    private Object glance(HttpExchange ex) {
        String path = ex.getRequestURI().getPath().replaceAll("/+$", "");
        if (path.isEmpty() || path.equals("/versions")) {
            List<Object> versions = new ArrayList<>();
            for (String v : List.of("2.5", "2.4", "2.3", "2.2", "2.1", "2.0")) {
                versions.add(map("id", "v" + v, "status", v.equals("2.5") ? "CURRENT" : "SUPPORTED",
                        "links", List.of(map("rel", "self", "href", glanceUrl + "/v2/"))));
            }
            return map("versions", versions);
        }
        if (!path.equals("/v2/images")) {
            return null;
        }
        GlanceData g = db("glance").glance;
        return map("images", g.images.values().stream().map(i -> map("status", i.status, "name", i.name, "tags",
                List.of(), "container_format", i.containerFormat, "created_at", i.createdAt, "size", i.size,
                "disk_format", i.diskFormat, "updated_at", i.createdAt, "visibility", i.visibility, "self",
                "/v2/images/" + i.id, "min_disk", 0, "protected", false, "id", i.id, "file", "/v2/images/" + i.id + "/file",
                "checksum", i.checksum, "owner", i.owner, "virtual_size", null, "min_ram", 0, "schema",
                "/v2/schemas/image")).toList(), "schema", "/v2/schemas/images", "first", "/v2/images");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    q.put(java.net.URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }
}

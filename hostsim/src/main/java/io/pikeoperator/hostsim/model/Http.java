package io.pikeoperator.hostsim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Plain HTTP requests (curl, wget) to the modelled services: version documents, Keystone tokens, the placement
 * resource providers, and the modelled internet's cirros image. Connection failures carry curl's exit codes.
 */
public final class Http {

    public static final String CIRROS_PATH = "/0.3.5/cirros-0.3.5-x86_64-disk.img";
    public static final int CIRROS_SIZE = 13267968;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static byte[] cirros;

    private Http() {
    }

    public record Response(int status, String reason, Map<String, String> headers, byte[] body) {
        static Response of(int status, String reason, String body) {
            return new Response(status, reason, new LinkedHashMap<>(Map.of("Content-Type", "application/json")),
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A response, or curl's exit code and message for a connection that did not happen. */
    public record Exchange(Response response, int curlExit, String curlError) {
        public boolean ok() {
            return response != null;
        }
    }

    public static Exchange request(World world, Host from, String method, String url, Map<String, String> headers,
                                   byte[] body) {
        Optional<Apps.Url> u = Apps.Url.parse(url);
        if (u.isEmpty()) {
            return new Exchange(null, 3, "<url> malformed");
        }
        Apps.Opened o = Apps.open(world, from, url);
        if (o.status() == 0) {
            if (o.error().startsWith("Could not resolve")) {
                return new Exchange(null, 6, "Could not resolve host: " + u.get().host() + "; Name or service not known");
            }
            String reason = o.error().replaceAll(".*\\] ", "");
            return new Exchange(null, 7, "Failed connect to " + u.get().host() + ":" + u.get().port() + "; " + reason);
        }
        if (o.status() == 403) {
            return new Exchange(new Response(403, "Forbidden", Map.of("Content-Type", "text/html"), ("<!DOCTYPE HTML "
                    + "PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 Forbidden</title>\n</head><body>\n"
                    + "<h1>Forbidden</h1>\n<p>You don't have permission to access " + u.get().path()
                    + "\non this server.</p>\n</body></html>\n").getBytes(StandardCharsets.UTF_8)), 0, null);
        }
        if (o.status() == 404) {
            return new Exchange(Response.of(404, "Not Found", "{\"error\": \"Not Found\"}"), 0, null);
        }
        Apps.Target t = o.target();
        String path = u.get().path();
        Response r = switch (t.kind()) {
            case INTERNET -> path.equals(CIRROS_PATH)
                    ? new Response(200, "OK", Map.of("Content-Type", "application/octet-stream"), cirros())
                    : Response.of(404, "Not Found", "Not Found");
            case KEYSTONE -> keystone(world, t, method, path, headers, body);
            case PLACEMENT -> placement(world, t, method, path, headers);
            case GLANCE -> path.equals("/") ? Response.of(300, "Multiple Choices",
                    "{\"versions\": [{\"status\": \"CURRENT\", \"id\": \"v2.5\"}]}")
                    : Response.of(401, "Unauthorized", "{\"error\": \"Unauthorized\"}");
            case NOVA -> path.equals("/") ? Response.of(200, "OK",
                    "{\"versions\": [{\"status\": \"CURRENT\", \"id\": \"v2.1\", \"version\": \"2.53\"}]}")
                    : Response.of(401, "Unauthorized", "{\"error\": \"Unauthorized\"}");
        };
        return new Exchange(r, 0, null);
    }

    private static Response keystone(World world, Apps.Target t, String method, String path,
                                     Map<String, String> headers, byte[] body) {
        Result<KeystoneData> data = Apps.keystoneData(world, t);
        if (!data.ok()) {
            return Response.of(500, "Internal Server Error", "{\"error\": {\"code\": 500, \"message\": "
                    + "\"An unexpected error prevented the server from fulfilling your request.\"}}");
        }
        if (path.equals("/") && method.equals("GET")) {
            return Response.of(300, "Multiple Choices", "{\"versions\": {\"values\": [{\"status\": \"stable\", "
                    + "\"id\": \"v3.8\"}]}}");
        }
        if (path.matches("/v3/?") && method.equals("GET")) {
            return Response.of(200, "OK", "{\"version\": {\"status\": \"stable\", \"id\": \"v3.8\"}}");
        }
        if (path.equals("/v3/auth/tokens") && method.equals("POST")) {
            try {
                JsonNode auth = JSON.readTree(body).path("auth");
                JsonNode user = auth.path("identity").path("password").path("user");
                JsonNode project = auth.path("scope").path("project");
                Optional<String> token = Keystone.issueToken(data.value(), world.clock().instant(),
                        user.path("name").asText(), user.path("domain").path("name").asText("default"),
                        user.path("password").asText(), project.path("name").asText(),
                        project.path("domain").path("name").asText("default"));
                if (token.isEmpty()) {
                    return Response.of(401, "Unauthorized", "{\"error\": {\"code\": 401, \"message\": "
                            + "\"The request you have made requires authentication.\"}}");
                }
                Response r = Response.of(201, "Created", "{\"token\": {\"expires_at\": \""
                        + data.value().tokens.get(token.get()).expires + "\"}}");
                r.headers().put("X-Subject-Token", token.get());
                return r;
            } catch (java.io.IOException e) {
                return Response.of(400, "Bad Request", "{\"error\": {\"code\": 400}}");
            }
        }
        if (path.equals("/v3/users") && method.equals("POST")) {
            return users(world, data.value(), headers, body, null);
        }
        if (path.matches("/v3/users/[0-9a-f]+") && method.equals("PATCH")) {
            return users(world, data.value(), headers, body, path.substring("/v3/users/".length()));
        }
        return Response.of(404, "Not Found", "{\"error\": {\"code\": 404}}");
    }

    /**
     * keystone 12.0.3's POST /v3/users (201, 409 on a duplicate name in the domain) and PATCH /v3/users/{id} (200,
     * 404 for an unknown id), as the admin (identity:create_user / identity:update_user are admin_required).
     */
    private static Response users(World world, KeystoneData data, Map<String, String> headers, byte[] body, String id) {
        Optional<KeystoneData.Token> token = Keystone.validate(data, headers.getOrDefault("x-auth-token", ""),
                world.clock().instant());
        if (token.isEmpty()) {
            return error(401, "Unauthorized", "The request you have made requires authentication.");
        }
        String action = id == null ? "identity:create_user" : "identity:update_user";
        if (!Keystone.isAdmin(data, token.get().userId, token.get().projectId)) {
            return error(403, "Forbidden", "You are not authorized to perform the requested action: " + action + ".");
        }
        JsonNode user;
        try {
            user = JSON.readTree(body).path("user");
        } catch (java.io.IOException e) {
            return error(400, "Bad Request", "Expecting to find valid JSON in request body. The server could not comply "
                    + "with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
        }
        if (!user.isObject() || (id == null && !user.path("name").isTextual())
                || (user.has("password") && !user.get("password").isTextual() && !user.get("password").isNull())) {
            return error(400, "Bad Request", "Invalid input for field 'user'. The server could not comply with the request "
                    + "since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
        }
        KeystoneData.Entity u;
        int status;
        if (id == null) {
            String domain = user.path("domain_id").asText("default");
            String name = user.get("name").asText();
            // the unique key (domain_id, name) compares as MySQL's utf8_general_ci does: case-insensitive
            if (data.users.values().stream().anyMatch(e -> e.name.equalsIgnoreCase(name) && domain.equals(e.domainId))) {
                return error(409, "Conflict", "Conflict occurred attempting to store user - Duplicate entry found with name "
                        + name + " at domain ID " + domain + ".");
            }
            u = Keystone.addEntity(data.users, name, domain, null, null);
            status = 201;
        } else {
            u = data.users.get(id);
            if (u == null) {
                return error(404, "Not Found", "Could not find user: " + id + ".");
            }
            status = 200;
        }
        if (user.hasNonNull("password")) {
            Keystone.setPassword(u, user.get("password").asText());
        }
        if (user.has("enabled")) {
            u.enabled = user.get("enabled").asBoolean(true);
        }
        ObjectNode out = JSON.createObjectNode();
        out.putObject("user").put("id", u.id).put("name", u.name).put("domain_id", u.domainId).put("enabled", u.enabled)
                .putNull("password_expires_at");
        return Response.of(status, status == 201 ? "Created" : "OK", out.toString());
    }

    private static Response error(int code, String title, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("error").put("code", code).put("title", title).put("message", message);
        return Response.of(code, title, out.toString());
    }

    private static Response placement(World world, Apps.Target t, String method, String path,
                                      Map<String, String> headers) {
        // nova 16.1.x placement deploy.py: keystonemiddleware guards every path, '/' included (401 without a token);
        // handler.py: every path but '/' also needs admin
        OsloConfig cfg = OsloConfig.parse(t.snapshot().getOrDefault(Nova.NOVA_CONF, ""));
        Optional<String> middleware = Apps.authtokenFailure(world, t.host(), cfg);
        if (middleware.isPresent()) {
            return Response.of(503, "Service Unavailable", "{\"error\": \"" + middleware.get().replace("\n", " ") + "\"}");
        }
        Result<Apps.Login> service = Apps.login(world, t.host(), Apps.Credentials.fromSection(cfg, "keystone_authtoken"));
        String token = headers.getOrDefault("x-auth-token", "");
        Optional<KeystoneData.Token> scope = Keystone.validate(service.value().data(), token, world.clock().instant());
        if (scope.isEmpty()) {
            return Response.of(401, "Unauthorized", "{\"error\": \"The request you have made requires authentication.\"}");
        }
        if (path.equals("/") && method.equals("GET")) {
            return Response.of(200, "OK", "{\"versions\": [{\"min_version\": \"1.0\", \"max_version\": \"1.10\", "
                    + "\"id\": \"v1.0\"}]}");
        }
        if (!Keystone.isAdmin(service.value().data(), scope.get().userId, scope.get().projectId)) {
            return Response.of(403, "Forbidden", "{\"errors\": [{\"status\": 403, \"title\": \"Forbidden\", "
                    + "\"detail\": \"admin required\"}]}");
        }
        Result<HostState.Database> db = Apps.database(world, t.host(), cfg, "api_database");
        if (!db.ok() || db.value().novaApi == null) {
            return Response.of(500, "Internal Server Error", "{\"error\": \"Internal Server Error\"}");
        }
        NovaApiData api = db.value().novaApi;
        String base = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
        if (base.equals("/resource_providers") && method.equals("GET")) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("resource_providers");
            for (NovaApiData.ResourceProvider rp : api.resourceProviders.values()) {
                if (query.startsWith("name=") && !rp.name.equals(MariaDb.decode(query.substring(5)))) {
                    continue;
                }
                list.addObject().put("uuid", rp.uuid).put("name", rp.name).put("generation", rp.generation);
            }
            return Response.of(200, "OK", root.toString());
        }
        if (base.startsWith("/resource_providers/") && method.equals("DELETE")) {
            String uuid = base.substring("/resource_providers/".length());
            if (api.resourceProviders.remove(uuid) == null) {
                return Response.of(404, "Not Found", "{\"errors\": [{\"status\": 404, \"title\": \"Not Found\"}]}");
            }
            return new Response(204, "No Content", Map.of(), new byte[0]);
        }
        return Response.of(404, "Not Found", "{\"errors\": [{\"status\": 404}]}");
    }

    /** The modelled cirros-0.3.5 image: a qcow2 header and deterministic content of the real size. */
    public static synchronized byte[] cirros() {
        if (cirros == null) {
            byte[] b = new byte[CIRROS_SIZE];
            new Random(35).nextBytes(b);
            b[0] = 'Q';
            b[1] = 'F';
            b[2] = 'I';
            b[3] = (byte) 0xfb;
            b[4] = 0;
            b[5] = 0;
            b[6] = 0;
            b[7] = 2;
            cirros = b;
        }
        return cirros;
    }
}

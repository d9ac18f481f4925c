package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Apps;
import io.pikeoperator.hostsim.model.GlanceData;
import io.pikeoperator.hostsim.model.HostState;
import io.pikeoperator.hostsim.model.Keystone;
import io.pikeoperator.hostsim.model.KeystoneData;
import io.pikeoperator.hostsim.model.KeystoneData.Entity;
import io.pikeoperator.hostsim.model.Nova;
import io.pikeoperator.hostsim.model.NovaCellData;
import io.pikeoperator.hostsim.model.OsloConfig;
import io.pikeoperator.hostsim.model.Result;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * python-openstackclient 3.12.2 with osc-lib 1.7.1 and cliff 2.8.3 (Pike) for the commands the guide and its
 * automation use. Authentication comes from OS_* variables or --os-* options. Passwords are read only from a
 * terminal, as osc-lib does: a missing OS_PASSWORD (osc_lib.shell.prompt_for_password) and --password-prompt
 * (osc_lib.utils.get_password) fail with a CommandError (exit 1, the message alone on stderr) when stdin is not a
 * tty, and stdin is then never read. Output: table (default), json, value, shell; -c selects columns.
 */
final class OpenStack implements Command {

    private static final List<String> FLAGS = List.of("--public", "--private", "--shared", "--community",
            "--password-prompt", "--or-show", "--names", "--disable", "--enable", "--noindent", "--long");

    /** Parsed command line: global options, command words, command options, output choices. */
    private static final class Line {
        final Map<String, String> os = new LinkedHashMap<>();
        final List<String> words = new ArrayList<>();
        final Map<String, String> options = new LinkedHashMap<>();
        final List<String> columns = new ArrayList<>();
        String format = "table";
    }

    /** osc-lib's CommandError texts (osc_lib/shell.py:prompt_for_password, osc_lib/utils.py:get_password). */
    static final String NO_PASSWORD = "No password entered, or found via --os-password or OS_PASSWORD";
    static final String NO_TERMINAL = "No terminal detected attempting to read password";

    /** Only a terminal is ever read: without one, osc-lib refuses before it looks at stdin. */
    @Override
    public boolean readsStdin(CommandContext c) {
        if (!c.stdinIsTerminal()) {
            return false;
        }
        Line line = parse(c.args());
        String pw = line.os.getOrDefault("password", c.env().get("OS_PASSWORD"));
        return pw == null || pw.isEmpty() || line.options.containsKey("--password-prompt");
    }

    @Override
    public CommandResult run(Call call) {
        Line line = parse(call.args());
        Deque<String> stdin = readsStdin(call.context())
                ? new ArrayDeque<>(call.context().stdinText().lines().toList()) : new ArrayDeque<>();
        String cmd = String.join(" ", line.words.subList(0, Math.min(line.words.size(), line.words.size() >= 3
                && (line.words.get(0).equals("role") && line.words.get(1).equals("assignment")
                || line.words.get(0).equals("compute") || line.words.get(0).equals("resource")) ? 3 : 2)));
        List<String> positional = line.words.subList(cmd.split(" ").length, line.words.size());
        Apps.Credentials creds;
        try {
            creds = credentials(call, line, stdin);
        } catch (Failure f) {
            return call.fail(1, f.getMessage());
        }
        Result<Apps.Login> login = Apps.login(call.world(), call.host(), creds);
        if (!login.ok()) {
            return call.fail(1, login.error());
        }
        Apps.Login s = login.value();
        try {
            return switch (cmd) {
                case "token issue" -> show(call, line, fields("expires", s.scope().expires.replace("Z", "+0000"),
                        "id", s.token(), "project_id", s.scope().projectId, "user_id", s.scope().userId));
                case "project create", "project list", "project show" -> project(call, line, s, cmd, positional);
                case "user create", "user list", "user show", "user set" -> user(call, line, s, cmd, positional, stdin);
                case "role create", "role list", "role add" -> role(call, line, s, cmd, positional);
                case "role assignment list" -> assignments(call, line, s);
                case "service create", "service list", "service show" -> service(call, line, s, cmd, positional);
                case "endpoint create", "endpoint list", "endpoint set" -> endpoint(call, line, s, cmd, positional);
                case "catalog list" -> catalog(call, line, s);
                case "image create", "image list", "image show", "image delete" -> image(call, line, s, cmd, positional);
                case "compute service list", "compute service delete", "compute service set" ->
                        compute(call, line, s, cmd, positional);
                default -> call.fail(2, "openstack: '" + String.join(" ", line.words) + "' is not an openstack command. "
                        + "See 'openstack --help'.");
            };
        } catch (Failure f) {
            return call.fail(1, f.getMessage());
        }
    }

    // ---- identity ----

    private CommandResult project(Call call, Line line, Apps.Login s, String cmd, List<String> pos) {
        KeystoneData d = s.data();
        String domain = domainId(d, line.options.getOrDefault("--domain", "default"));
        switch (cmd) {
            case "project list" -> {
                return list(call, line, List.of("ID", "Name"), d.projects.values().stream()
                        .map(p -> List.<Object>of(p.id, p.name)).toList());
            }
            case "project show" -> {
                return show(call, line, projectFields(find(d.projects, pos.get(0), null, "project")));
            }
            default -> {
                requireAdmin(s, "identity:create_project");
                String name = pos.get(0);
                Optional<Entity> existing = Keystone.byName(d.projects, name, domain);
                if (existing.isPresent()) {
                    if (line.options.containsKey("--or-show")) {
                        return show(call, line, projectFields(existing.get()));
                    }
                    throw new Failure("Conflict occurred attempting to store project - it is not permitted to have two "
                            + "projects with the same name in the same domain : " + name + ". (HTTP 409)");
                }
                Entity p = Keystone.addEntity(d.projects, name, domain, line.options.getOrDefault("--description", ""), null);
                return show(call, line, projectFields(p));
            }
        }
    }

    private static Map<String, Object> projectFields(Entity p) {
        return fields("description", p.description, "domain_id", p.domainId, "enabled", p.enabled, "id", p.id,
                "is_domain", false, "name", p.name, "parent_id", p.domainId);
    }

    private CommandResult user(Call call, Line line, Apps.Login s, String cmd, List<String> pos, Deque<String> stdin) {
        KeystoneData d = s.data();
        String domain = domainId(d, line.options.getOrDefault("--domain", "default"));
        switch (cmd) {
            case "user list" -> {
                return list(call, line, List.of("ID", "Name"), d.users.values().stream()
                        .map(u -> List.<Object>of(u.id, u.name)).toList());
            }
            case "user show" -> {
                return show(call, line, userFields(find(d.users, pos.get(0), null, "user")));
            }
            case "user set" -> {
                // 3.12.2 identity/v3/user.py SetUser.take_action: get_password first, then find_resource, then update.
                String pw = password(call, line, stdin);
                Entity u = find(d.users, pos.get(0), null, "user");
                requireAdmin(s, "identity:update_user");
                if (pw != null) {
                    Keystone.setPassword(u, pw);
                }
                return call.exit(0);
            }
            default -> {
                // 3.12.2 CreateUser.take_action: --project/--domain lookups, then get_password, then the POST (where
                // Keystone checks the policy and the name).
                String pw = password(call, line, stdin);
                if (pw == null || pw.isEmpty()) {
                    call.errln("No password was supplied, authentication will fail when a user does not have a password.");
                }
                requireAdmin(s, "identity:create_user");
                String name = pos.get(0);
                Optional<Entity> existing = Keystone.byName(d.users, name, domain);
                if (existing.isPresent()) {
                    if (line.options.containsKey("--or-show")) {
                        return show(call, line, userFields(existing.get()));
                    }
                    throw new Failure("Conflict occurred attempting to store user - Duplicate entry found with name "
                            + name + " at domain ID " + domain + ". (HTTP 409)");
                }
                Entity u = Keystone.addEntity(d.users, name, domain, null, null);
                if (pw != null) {
                    Keystone.setPassword(u, pw);
                }
                return show(call, line, userFields(u));
            }
        }
    }

    private static Map<String, Object> userFields(Entity u) {
        return fields("domain_id", u.domainId, "enabled", u.enabled, "id", u.id, "name", u.name, "options", "{}",
                "password_expires_at", "None");
    }

    private String password(Call call, Line line, Deque<String> stdin) {
        if (line.options.containsKey("--password")) {
            return line.options.get("--password");
        }
        if (!line.options.containsKey("--password-prompt")) {
            return null;
        }
        if (!call.context().stdinIsTerminal()) {
            throw new Failure(NO_TERMINAL);
        }
        // getpass on the terminal: prompt, a line, "Repeat " + prompt, a line; a mismatch prints a message and asks
        // again; end of input (Ctrl-D) is "Error reading password".
        for (; ; ) {
            call.err("User Password:");
            if (stdin.isEmpty()) {
                throw new Failure("Error reading password");
            }
            String first = stdin.poll();
            call.err("Repeat User Password:");
            if (stdin.isEmpty()) {
                throw new Failure("Error reading password");
            }
            String second = stdin.poll();
            if (first.equals(second)) {
                return first;
            }
            call.outln("The passwords entered were not the same");
        }
    }

    private CommandResult role(Call call, Line line, Apps.Login s, String cmd, List<String> pos) {
        KeystoneData d = s.data();
        switch (cmd) {
            case "role list" -> {
                return list(call, line, List.of("ID", "Name"), d.roles.values().stream()
                        .map(r -> List.<Object>of(r.id, r.name)).toList());
            }
            case "role create" -> {
                requireAdmin(s, "identity:create_role");
                Optional<Entity> existing = Keystone.byName(d.roles, pos.get(0), null);
                if (existing.isPresent() && !line.options.containsKey("--or-show")) {
                    throw new Failure("Conflict occurred attempting to store role - Duplicate Entry (HTTP 409)");
                }
                Entity r = existing.orElseGet(() -> Keystone.addEntity(d.roles, pos.get(0), null, null, null));
                return show(call, line, fields("domain_id", "None", "id", r.id, "name", r.name));
            }
            default -> {
                requireAdmin(s, "identity:create_grant");
                Entity role = find(d.roles, pos.get(0), null, "role");
                Entity project = find(d.projects, line.options.get("--project"),
                        domainId(d, line.options.getOrDefault("--project-domain", "default")), "project");
                Entity user = find(d.users, line.options.get("--user"),
                        domainId(d, line.options.getOrDefault("--user-domain", "default")), "user");
                Keystone.assign(d, user.id, project.id, role.id);
                return call.exit(0);
            }
        }
    }

    private CommandResult assignments(Call call, Line line, Apps.Login s) {
        KeystoneData d = s.data();
        boolean names = line.options.containsKey("--names");
        String userFilter = line.options.containsKey("--user") ? find(d.users, line.options.get("--user"), null, "user").id : null;
        String projectFilter = line.options.containsKey("--project")
                ? find(d.projects, line.options.get("--project"), null, "project").id : null;
        List<List<Object>> rows = new ArrayList<>();
        for (List<String> a : d.assignments) {
            if ((userFilter != null && !userFilter.equals(a.get(0))) || (projectFilter != null && !projectFilter.equals(a.get(1)))) {
                continue;
            }
            String role = names ? d.roles.get(a.get(2)).name : a.get(2);
            String user = names ? d.users.get(a.get(0)).name + "@Default" : a.get(0);
            String project = names ? d.projects.get(a.get(1)).name + "@Default" : a.get(1);
            rows.add(List.of(role, user, "", project, "", false));
        }
        return list(call, line, List.of("Role", "User", "Group", "Project", "Domain", "Inherited"), rows);
    }

    private CommandResult service(Call call, Line line, Apps.Login s, String cmd, List<String> pos) {
        KeystoneData d = s.data();
        switch (cmd) {
            case "service list" -> {
                return list(call, line, List.of("ID", "Name", "Type"), d.services.values().stream()
                        .map(x -> List.<Object>of(x.id, x.name, x.type)).toList());
            }
            case "service show" -> {
                return show(call, line, serviceFields(serviceByAny(d, pos.get(0))));
            }
            default -> {
                requireAdmin(s, "identity:create_service");
                Entity x = Keystone.addEntity(d.services, line.options.getOrDefault("--name", pos.get(0)), null,
                        line.options.get("--description"), pos.get(0));
                return show(call, line, serviceFields(x));
            }
        }
    }

    private static Map<String, Object> serviceFields(Entity x) {
        return fields("description", x.description, "enabled", x.enabled, "id", x.id, "name", x.name, "type", x.type);
    }

    private static Entity serviceByAny(KeystoneData d, String nameTypeOrId) {
        List<Entity> matches = d.services.values().stream().filter(x -> x.id.equals(nameTypeOrId)
                || nameTypeOrId.equals(x.name) || nameTypeOrId.equals(x.type)).toList();
        if (matches.isEmpty()) {
            throw new Failure("No service with a type, name or ID of '" + nameTypeOrId + "' exists.");
        }
        if (matches.size() > 1) {
            throw new Failure("Multiple service matches found for '" + nameTypeOrId + "', use an ID to be more specific.");
        }
        return matches.get(0);
    }

    private CommandResult endpoint(Call call, Line line, Apps.Login s, String cmd, List<String> pos) {
        KeystoneData d = s.data();
        if (cmd.equals("endpoint list")) {
            List<List<Object>> rows = new ArrayList<>();
            for (KeystoneData.Endpoint e : d.endpoints.values()) {
                Entity svc = d.services.get(e.serviceId);
                if (line.options.containsKey("--service") && !serviceByAny(d, line.options.get("--service")).id.equals(e.serviceId)) {
                    continue;
                }
                if (line.options.containsKey("--interface") && !line.options.get("--interface").equals(e.iface)) {
                    continue;
                }
                if (line.options.containsKey("--region") && !line.options.get("--region").equals(e.region)) {
                    continue;
                }
                rows.add(List.of(e.id, e.region, svc.name, svc.type, e.enabled, e.iface, e.url));
            }
            return list(call, line, List.of("ID", "Region", "Service Name", "Service Type", "Enabled", "Interface", "URL"), rows);
        }
        if (cmd.equals("endpoint set")) {
            // 3.12.2 identity/v3/endpoint.py SetEndpoint: find_resource by ID (endpoints have no name), then
            // endpoints.update with only the options given; prints nothing.
            KeystoneData.Endpoint e = d.endpoints.get(pos.get(0));
            if (e == null) {
                throw new Failure("No endpoint with a name or ID of '" + pos.get(0) + "' exists.");
            }
            String iface = line.options.get("--interface");
            if (iface != null && !List.of("public", "internal", "admin").contains(iface)) {
                throw new Failure("openstack endpoint set: error: argument --interface: invalid choice: '" + iface
                        + "' (choose from 'admin', 'public', 'internal')");
            }
            String region = line.options.get("--region");
            if (region != null && !d.regions.contains(region)) {
                throw new Failure("Could not find region: " + region + ". (HTTP 404)");
            }
            String serviceId = line.options.containsKey("--service") ? serviceByAny(d, line.options.get("--service")).id : null;
            requireAdmin(s, "identity:update_endpoint");
            if (line.options.containsKey("--url")) {
                e.url = line.options.get("--url");
            }
            if (iface != null) {
                e.iface = iface;
            }
            if (region != null) {
                e.region = region;
            }
            if (serviceId != null) {
                e.serviceId = serviceId;
            }
            if (line.options.containsKey("--enable")) {
                e.enabled = true;
            }
            if (line.options.containsKey("--disable")) {
                e.enabled = false;
            }
            return call.exit(0);
        }
        requireAdmin(s, "identity:create_endpoint");
        Entity svc = serviceByAny(d, pos.get(0));
        String iface = pos.get(1);
        if (!List.of("public", "internal", "admin").contains(iface)) {
            throw new Failure("openstack endpoint create: error: argument <interface>: invalid choice: '" + iface + "'");
        }
        String region = line.options.get("--region");
        if (region != null && !d.regions.contains(region)) {
            throw new Failure("Could not find region: " + region + ". (HTTP 404)");
        }
        KeystoneData.Endpoint e = Keystone.addEndpoint(d, svc.id, iface, pos.get(2), region);
        return show(call, line, fields("enabled", true, "id", e.id, "interface", iface, "region", region,
                "region_id", region, "service_id", svc.id, "service_name", svc.name, "service_type", svc.type, "url", e.url));
    }

    private CommandResult catalog(Call call, Line line, Apps.Login s) {
        KeystoneData d = s.data();
        List<List<Object>> rows = new ArrayList<>();
        for (Entity svc : d.services.values()) {
            if (!svc.enabled) { // the token's catalog: enabled services and endpoints only (keystone get_v3_catalog)
                continue;
            }
            StringBuilder eps = new StringBuilder();
            for (KeystoneData.Endpoint e : d.endpoints.values()) {
                if (e.serviceId.equals(svc.id) && e.enabled) {
                    eps.append(e.region).append("\n  ").append(e.iface).append(": ").append(e.url).append('\n');
                }
            }
            rows.add(List.of(svc.name, svc.type, eps.toString()));
        }
        return list(call, line, List.of("Name", "Type", "Endpoints"), rows);
    }

    // ---- image ----

    private CommandResult image(Call call, Line line, Apps.Login s, String cmd, List<String> pos) {
        Apps.Target glance = service(call, s, "image");
        OsloConfig cfg = OsloConfig.parse(glance.snapshot().getOrDefault("/etc/glance/glance-api.conf", ""));
        Apps.authtokenFailure(call.world(), glance.host(), cfg).ifPresent(f -> {
            throw new Failure(f);
        });
        Result<HostState.Database> db = Apps.database(call.world(), glance.host(), cfg, "database");
        if (!db.ok() || db.value().glance == null) {
            throw new Failure("500 Internal Server Error: The server has either erred or is incapable of performing the "
                    + "requested operation. (HTTP 500)");
        }
        GlanceData g = db.value().glance;
        String owner = s.scope().projectId;
        switch (cmd) {
            case "image list" -> {
                // 3.12.2 image/v2/image.py ListImage: --sort defaults to name:asc (utils.sort_items, a stable sort).
                return list(call, line, List.of("ID", "Name", "Status"), g.images.values().stream()
                        .filter(i -> i.visibility.equals("public") || owner.equals(i.owner))
                        .sorted(java.util.Comparator.comparing((GlanceData.Image i) -> i.name))
                        .map(i -> List.<Object>of(i.id, i.name, i.status)).toList());
            }
            case "image show" -> {
                GlanceData.Image img = g.images.values().stream().filter(i -> i.id.equals(pos.get(0)) || i.name.equals(pos.get(0)))
                        .findFirst().orElseThrow(() -> new Failure("Could not find resource " + pos.get(0)));
                return show(call, line, imageFields(img));
            }
            case "image delete" -> {
                // 3.12.2 image/v2/image.py DeleteImage: each name or ID found, then deleted; failures counted.
                int failed = 0;
                StringBuilder err = new StringBuilder();
                for (String ref : pos) {
                    List<GlanceData.Image> found = g.images.values().stream()
                            .filter(i -> i.id.equals(ref) || i.name.equals(ref)).toList();
                    if (found.size() != 1) {
                        failed++;
                        err.append("Failed to delete image with name or ID '").append(ref).append("': ")
                                .append(found.isEmpty() ? "No image with a name or ID of '" + ref + "' exists."
                                        : "More than one image exists with the name '" + ref + "'.").append('\n');
                        continue;
                    }
                    GlanceData.Image img = found.get(0);
                    if (img.location != null && img.location.startsWith("file://")) {
                        glance.host().files().delete(img.location.substring("file://".length()));
                    }
                    g.images.remove(img.id);
                }
                if (failed > 0) {
                    throw new Failure(err + "Failed to delete " + failed + " of " + pos.size() + " images.");
                }
                return call.exit(0);
            }
            default -> {
                String visibility = line.options.containsKey("--public") ? "public" : line.options.containsKey("--shared")
                        ? "shared" : line.options.containsKey("--community") ? "community" : "private";
                if (visibility.equals("public") && !s.admin()) {
                    throw new Failure("403 Forbidden: You are not authorized to complete publicize_image action. (HTTP 403)");
                }
                String file = line.options.get("--file");
                // glanceclient 2.8.0 common/utils.py get_data_file: without --file, a terminal on stdin means no
                // data, and 3.12.2's CreateImage then only creates the record: the image stays queued.
                boolean noData = file == null && call.context().stdinIsTerminal();
                byte[] bytes;
                try {
                    bytes = file == null ? new byte[0] : call.files().readBytes(call.path(file));
                } catch (java.io.IOException e) {
                    throw new Failure("[Errno 2] No such file or directory: '" + file + "'");
                }
                if (noData) {
                    GlanceData.Image img = newImage(call, line, pos.get(0), visibility, owner);
                    img.status = "queued";
                    g.images.put(img.id, img);
                    return show(call, line, imageFields(img));
                }
                String dir = cfg.get("glance_store", "filesystem_store_datadir", "/var/lib/glance/images/");
                String dirPath = dir.endsWith("/") ? dir : dir + "/";
                if (!glance.host().files().isDirectory(dirPath)
                        || glance.host().files().uid(dirPath).orElse(-1) != glance.host().uid("glance")) {
                    throw new Failure("503 Service Unavailable: Insufficient permissions on image storage media. (HTTP 503)");
                }
                GlanceData.Image img = newImage(call, line, pos.get(0), visibility, owner);
                img.size = bytes.length;
                img.checksum = md5(bytes);
                img.location = "file://" + dirPath + img.id;
                img.storeHost = glance.host().name();
                glance.host().files().write(dirPath + img.id, bytes, 0640, "glance", "glance", glance.host());
                img.status = "active";
                g.images.put(img.id, img);
                return show(call, line, imageFields(img));
            }
        }
    }

    /** The image record `image create` makes, before its data (if any) is stored. */
    private static GlanceData.Image newImage(Call call, Line line, String name, String visibility, String owner) {
        GlanceData.Image img = new GlanceData.Image();
        img.id = UUID.randomUUID().toString();
        img.name = name;
        img.diskFormat = line.options.getOrDefault("--disk-format", "raw");
        img.containerFormat = line.options.getOrDefault("--container-format", "bare");
        img.visibility = visibility;
        img.owner = owner;
        img.createdAt = Instant.now(call.world().clock()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return img;
    }

    private static Map<String, Object> imageFields(GlanceData.Image i) {
        return fields("checksum", i.checksum, "container_format", i.containerFormat, "created_at", i.createdAt,
                "disk_format", i.diskFormat, "file", "/v2/images/" + i.id + "/file", "id", i.id, "min_disk", 0,
                "min_ram", 0, "name", i.name, "owner", i.owner, "protected", false, "schema", "/v2/schemas/image",
                "size", i.size, "status", i.status, "tags", "", "updated_at", i.createdAt, "virtual_size", "None",
                "visibility", i.visibility);
    }

    // ---- compute ----

    private CommandResult compute(Call call, Line line, Apps.Login s, String cmd, List<String> pos) {
        Apps.Target api = service(call, s, "compute");
        OsloConfig cfg = OsloConfig.parse(api.snapshot().getOrDefault(Nova.NOVA_CONF, ""));
        Apps.authtokenFailure(call.world(), api.host(), cfg).ifPresent(f -> {
            throw new Failure(f);
        });
        Result<HostState.Database> db = Apps.database(call.world(), api.host(), cfg, "api_database");
        if (!db.ok() || db.value().novaApi == null) {
            throw new Failure("Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the "
                    + "Nova API log if possible.\n<class 'oslo_db.exception.DBError'> (HTTP 500)");
        }
        if (!s.admin()) {
            throw new Failure("Policy doesn't allow os_compute_api:os-services to be performed. (HTTP 403)");
        }
        Nova.heartbeat(call.world());
        Instant now = call.world().clock().instant();
        List<NovaCellData.Service> services = new ArrayList<>();
        List<NovaCellData> cellOf = new ArrayList<>();
        for (Nova.Cell c : Nova.cells(call.world(), api.host(), db.value().novaApi)) {
            if (c.data() == null) {
                continue;
            }
            for (NovaCellData.Service svc : c.data().services) {
                if (!svc.deleted) {
                    services.add(svc);
                    cellOf.add(c.data());
                }
            }
        }
        switch (cmd) {
            case "compute service list" -> {
                List<List<Object>> rows = new ArrayList<>();
                for (NovaCellData.Service svc : services) {
                    if (line.options.containsKey("--service") && !line.options.get("--service").equals(svc.binary)
                            || line.options.containsKey("--host") && !line.options.get("--host").equals(svc.host)) {
                        continue;
                    }
                    rows.add(List.of(svc.id, svc.binary, svc.host, svc.zone, svc.disabled ? "disabled" : "enabled",
                            Nova.up(svc, now) ? "up" : "down",
                            svc.updatedAt == null ? "None" : svc.updatedAt.replace("Z", ".000000")));
                }
                return list(call, line, List.of("ID", "Binary", "Host", "Zone", "Status", "State", "Updated At"), rows);
            }
            case "compute service delete" -> {
                for (String id : pos) {
                    int i = indexOf(services, id);
                    NovaCellData.Service svc = services.get(i);
                    if (svc.binary.equals("nova-compute")) { // nova 16.1.5+: its resource provider and host mapping go too
                        Nova.forgetCompute(call.world(), api.host(), cfg, db.value().novaApi, svc.host, cellOf.get(i)
                                .computeNodes.stream().filter(n -> !n.deleted && n.host.equals(svc.host)).findFirst().orElse(null));
                    }
                    svc.deleted = true;
                    cellOf.get(i).computeNodes.stream().filter(n -> n.host.equals(svc.host) && svc.binary.equals("nova-compute"))
                            .forEach(n -> n.deleted = true);
                }
                return call.exit(0);
            }
            default -> {
                boolean disable = line.options.containsKey("--disable");
                boolean enable = line.options.containsKey("--enable");
                if (pos.size() != 2 || disable == enable) {
                    throw new Failure("usage: openstack compute service set [--enable | --disable] <host> <service>");
                }
                for (NovaCellData.Service svc : services) {
                    if (svc.host.equals(pos.get(0)) && svc.binary.equals(pos.get(1))) {
                        svc.disabled = disable;
                        return call.exit(0);
                    }
                }
                throw new Failure("Compute service " + pos.get(1) + " of host " + pos.get(0) + " could not be found. (HTTP 404)");
            }
        }
    }

    private static int indexOf(List<NovaCellData.Service> services, String id) {
        for (int i = 0; i < services.size(); i++) {
            if (String.valueOf(services.get(i).id).equals(id)) {
                return i;
            }
        }
        throw new Failure("Failed to delete compute service with ID '" + id + "': Service " + id
                + " could not be found. (HTTP 404)\n1 of 1 compute services failed to delete.");
    }

    // ---- plumbing ----

    /** The endpoint of a service type from the catalog, opened from this host; errors as the client prints them. */
    private Apps.Target service(Call call, Apps.Login s, String type) {
        String iface = s.credentials().iface() == null ? "public" : s.credentials().iface();
        String url = Keystone.endpointUrl(s.data(), type, iface, s.credentials().region())
                .orElseThrow(() -> new Failure(iface + " endpoint for " + type + " service"
                        + (s.credentials().region() == null ? "" : " in " + s.credentials().region() + " region")
                        + " not found"));
        Apps.Opened o = Apps.open(call.world(), call.host(), url);
        if (o.status() == 0) {
            throw new Failure("Unable to establish connection to " + url + ": " + o.error());
        }
        if (!o.ok()) {
            throw new Failure(o.status() + " " + o.error() + " (HTTP " + o.status() + ")");
        }
        return o.target();
    }

    private static void requireAdmin(Apps.Login s, String action) {
        if (!s.admin()) {
            throw new Failure("You are not authorized to perform the requested action: " + action + ". (HTTP 403)");
        }
    }

    private static String domainId(KeystoneData d, String nameOrId) {
        return Keystone.domain(d, nameOrId).map(e -> e.id)
                .orElseThrow(() -> new Failure("No domain with a name or ID of '" + nameOrId + "' exists."));
    }

    private static Entity find(Map<String, Entity> table, String nameOrId, String domain, String kind) {
        if (nameOrId == null) {
            throw new Failure("missing " + kind);
        }
        return Keystone.byName(table, nameOrId, domain).orElseThrow(() -> new Failure("No " + kind
                + " with a name or ID of '" + nameOrId + "' exists."));
    }

    /**
     * osc-lib 1.7.1 before any request: the auth plugin's required options (os-client-config's validation), then
     * ClientManager.setup_auth's prompt for a missing or empty password, which needs a terminal.
     */
    private Apps.Credentials credentials(Call call, Line line, Deque<String> stdin) {
        String authUrl = pick(line, call, "auth-url");
        if (authUrl == null || authUrl.isBlank()) {
            throw new Failure("Missing value auth-url required for auth plugin password");
        }
        String password = line.os.getOrDefault("password", call.env("OS_PASSWORD"));
        if (password == null || password.isEmpty()) {
            password = null;
            if (call.context().stdinIsTerminal()) {
                call.err("Password: ");
                password = stdin.poll();
            }
            if (password == null || password.isEmpty()) {
                throw new Failure(NO_PASSWORD);
            }
        }
        return new Apps.Credentials(pick(line, call, "auth-url"), pick(line, call, "username"), password,
                Optional.ofNullable(pick(line, call, "project-name")).orElse(pick(line, call, "tenant-name")),
                Optional.ofNullable(pick(line, call, "user-domain-name")).orElse(pick(line, call, "user-domain-id")),
                Optional.ofNullable(pick(line, call, "project-domain-name")).orElse(pick(line, call, "project-domain-id")),
                pick(line, call, "region-name"),
                Optional.ofNullable(pick(line, call, "interface")).orElse("public"));
    }

    private static String pick(Line line, Call call, String name) {
        String v = line.os.get(name);
        return v != null ? v : call.env("OS_" + name.toUpperCase().replace('-', '_'));
    }

    private static Line parse(List<String> args) {
        Line line = new Line();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            String key = a;
            if (a.startsWith("--") && a.contains("=")) {
                key = a.substring(0, a.indexOf('='));
                value = a.substring(a.indexOf('=') + 1);
            }
            if (key.startsWith("--os-")) {
                line.os.put(key.substring(5), value != null ? value : args.get(++i));
            } else if (key.equals("-f") || key.equals("--format")) {
                line.format = value != null ? value : args.get(++i);
            } else if (key.equals("-c") || key.equals("--column")) {
                line.columns.add(value != null ? value : args.get(++i));
            } else if (key.equals("--max-width") || key.equals("--prefix")) {
                i += value != null ? 0 : 1;
            } else if (key.startsWith("--")) {
                if (FLAGS.contains(key)) {
                    line.options.put(key, "");
                } else {
                    line.options.put(key, value != null ? value : args.get(++i));
                }
            } else {
                line.words.add(a);
            }
        }
        return line;
    }

    private CommandResult show(Call call, Line line, Map<String, Object> fields) {
        Map<String, Object> selected = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (line.columns.isEmpty() || line.columns.contains(k)) {
                selected.put(k, v);
            }
        });
        recognized(line, !selected.isEmpty());
        switch (line.format) {
            // cliff 2.8.3 JSONFormatter.emit_one writes no newline after the object (emit_list does).
            case "json" -> call.out(json(selected, line.options.containsKey("--noindent") ? -1 : 0));
            case "value" -> selected.values().forEach(v -> call.outln(text(v)));
            case "shell" -> selected.forEach((k, v) -> call.outln(k + "=\"" + text(v).replace("\"", "\\\"") + "\""));
            default -> {
                List<List<String>> rows = new ArrayList<>();
                selected.forEach((k, v) -> rows.add(List.of(k, text(v))));
                call.out(Table.render(List.of("Field", "Value"), rows));
            }
        }
        return call.exit(0);
    }

    private CommandResult list(Call call, Line line, List<String> columns, List<List<Object>> rows) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (line.columns.isEmpty() || line.columns.contains(columns.get(i))) {
                keep.add(i);
            }
        }
        recognized(line, !keep.isEmpty());
        switch (line.format) {
            case "json" -> {
                List<Map<String, Object>> out = new ArrayList<>();
                for (List<Object> r : rows) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    keep.forEach(i -> m.put(columns.get(i), r.get(i) instanceof String str ? str.strip() : r.get(i)));
                    out.add(m);
                }
                call.outln(json(out, line.options.containsKey("--noindent") ? -1 : 0));
            }
            case "value" -> rows.forEach(r -> call.outln(String.join(" ", keep.stream().map(i -> text(r.get(i))).toList())));
            case "csv" -> {
                call.outln(String.join(",", keep.stream().map(i -> "\"" + columns.get(i) + "\"").toList()));
                rows.forEach(r -> call.outln(String.join(",", keep.stream().map(i -> "\"" + text(r.get(i)) + "\"").toList())));
            }
            default -> {
                List<List<String>> cells = new ArrayList<>();
                rows.forEach(r -> cells.add(keep.stream().map(i -> text(r.get(i))).toList()));
                call.out(Table.render(keep.stream().map(columns::get).toList(), cells));
            }
        }
        return call.exit(0);
    }

    /** cliff 2.8.3 _generate_columns_and_selector: -c naming no column is a ValueError (exit 1); argv is unicode on Python 2. */
    private static void recognized(Line line, boolean any) {
        if (!line.columns.isEmpty() && !any) {
            throw new Failure("No recognized column names in [" + String.join(", ", line.columns.stream()
                    .map(c -> c.contains("'") && !c.contains("\"") ? "u\"" + c + "\"" : "u'" + c.replace("'", "\\'") + "'")
                    .toList()) + "]");
        }
    }

    private static String text(Object v) {
        return v == null ? "None" : v instanceof Boolean b ? (b ? "True" : "False") : v.toString();
    }

    /**
     * Python 2.7's json.dump as cliff calls it: indent=2 (level >= 0) with the default separators, which in
     * Python 2 leave ", " at the end of each line but the last of a container; --noindent (level -1) gives one
     * line with ", " and ": ". ensure_ascii: non-ASCII as \\uXXXX. Keys keep the column order (Python 2.7's dict
     * order is its string hash order, which is not modelled).
     */
    static String json(Object o, int level) {
        StringBuilder b = new StringBuilder();
        json(b, o, level);
        return b.toString();
    }

    private static void json(StringBuilder b, Object o, int level) {
        boolean indent = level >= 0;
        String inner = indent ? "\n" + "  ".repeat(level + 1) : "";
        String close = indent ? "\n" + "  ".repeat(level) : "";
        String sep = indent ? "," + " " + inner : ", ";
        if (o instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append('{').append(inner);
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : sep);
                first = false;
                jsonString(b, String.valueOf(e.getKey()));
                b.append(": ");
                json(b, e.getValue(), indent ? level + 1 : -1);
            }
            b.append(close).append('}');
        } else if (o instanceof List<?> l) {
            if (l.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[').append(inner);
            boolean first = true;
            for (Object x : l) {
                b.append(first ? "" : sep);
                first = false;
                json(b, x, indent ? level + 1 : -1);
            }
            b.append(close).append(']');
        } else if (o == null) {
            b.append("null");
        } else if (o instanceof Boolean || o instanceof Number) {
            b.append(o);
        } else {
            jsonString(b, o.toString());
        }
    }

    private static void jsonString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }
}

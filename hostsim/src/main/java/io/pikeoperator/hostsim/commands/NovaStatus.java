package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Apps;
import io.pikeoperator.hostsim.model.HostState;
import io.pikeoperator.hostsim.model.Keystone;
import io.pikeoperator.hostsim.model.Nova;
import io.pikeoperator.hostsim.model.NovaApiData;
import io.pikeoperator.hostsim.model.OsloConfig;
import io.pikeoperator.hostsim.model.Placement;
import io.pikeoperator.hostsim.model.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nova-status upgrade check of nova 16.1.8 ({@code nova/cmd/status.py}): Cells v2, Placement API, Resource
 * Providers. Each check reads the databases by SQL; only the keystoneauth errors {@code _check_placement} names are
 * a Failure row. Anything else (placement answering 403 or 5xx, a connection error, an unreachable database) escapes
 * {@code check()}: {@code main()} prints {@code Error:} and the traceback on stdout and exits 255, with no table.
 */
final class NovaStatus implements Command {

    private static final String STATUS_PY = "/usr/lib/python2.7/site-packages/nova/cmd/status.py";
    private static final String DOCS = "http://docs.openstack.org/developer/nova/placement.html";

    private record Check(String name, int code, String details) {
        String result() {
            return switch (code) {
                case 0 -> "Success";
                case 1 -> "Warning";
                default -> "Failure";
            };
        }
    }

    /** An exception no check catches: its Python class name, its text, and the frames under check(). */
    private static final class Uncaught extends RuntimeException {
        final String type;
        final List<String> frames;

        Uncaught(String type, String message, String... frames) {
            super(message, null, false, false);
            this.type = type;
            this.frames = List.of(frames);
        }
    }

    @Override
    public CommandResult run(Call call) {
        if (!call.args().equals(List.of("upgrade", "check"))) {
            return call.fail(2, "usage: nova-status upgrade check");
        }
        OsloConfig cfg = call.host().oslo(Nova.NOVA_CONF);
        List<Check> checks = new ArrayList<>();
        try {
            Nova.heartbeat(call.world());
            NovaApiData api = apiData(call, cfg, "_check_cellsv2", 136, "cell_mappings = Table('cell_mappings', meta, autoload=True)");
            checks.add(cells(call, cfg, api));
            checks.add(placement(call, cfg));
            checks.add(providers(call, cfg));
        } catch (Uncaught u) {
            StringBuilder tb = new StringBuilder("Error:\nTraceback (most recent call last):\n");
            tb.append(frame(461, "main", "ret = fn(*fn_args, **fn_kwargs)"));
            tb.append(frame(391, "check", "result = func(self)"));
            u.frames.forEach(tb::append);
            tb.append(u.type).append(": ").append(u.getMessage()).append('\n');
            return call.outln(tb.toString()).exit(255);
        } catch (OsloConfig.SubstitutionError e) {
            return call.outln("Error:\nTraceback (most recent call last):\n" + frame(461, "main",
                    "ret = fn(*fn_args, **fn_kwargs)") + "TemplateSubstitutionError: " + e.getMessage() + "\n").exit(255);
        }
        call.out(render(checks));
        return call.exit(checks.stream().mapToInt(Check::code).max().orElse(0));
    }

    private static String frame(int line, String function, String code) {
        return "  File \"" + STATUS_PY + "\", line " + line + ", in " + function + "\n    " + code + "\n";
    }

    /** nova_api as {@code db_session.get_api_engine()} reaches it; its tables must exist (autoload). */
    private static NovaApiData apiData(Call call, OsloConfig cfg, String function, int line, String code) {
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, "api_database");
        if (!db.ok()) {
            throw new Uncaught("DBError", db.error(), frame(line, function, code));
        }
        if (db.value().novaApi == null) {
            throw new Uncaught("NoSuchTableError", code.contains("inventories") ? "inventories" : "cell_mappings",
                    frame(line, function, code));
        }
        return db.value().novaApi;
    }

    /** {@code _count_compute_nodes()}: live rows of compute_nodes in the database given (main: [database]). */
    private static int countComputeNodes(Result<HostState.Database> db, String caller, int line, String code) {
        String[] frames = {frame(line, caller, code),
                frame(118, "_count_compute_nodes", "compute_nodes = Table('compute_nodes', meta, autoload=True)")};
        if (!db.ok()) {
            throw new Uncaught("DBError", db.error(), frames);
        }
        if (db.value().novaCell == null) {
            throw new Uncaught("NoSuchTableError", "compute_nodes", frames);
        }
        return (int) db.value().novaCell.computeNodes.stream().filter(n -> !n.deleted).count();
    }

    /** {@code _check_cellsv2}: at least two mappings, one of them cell0; no host mapping is fine only without compute nodes in the main database. */
    private static Check cells(Call call, OsloConfig cfg, NovaApiData api) {
        if (api.cells.size() < 2) {
            return new Check("Cells v2", 2, "There needs to be at least two cell mappings, one for cell0 and one for "
                    + "your first cell. Run command 'nova-manage cell_v2 simple_cell_setup' and then retry.");
        }
        if (api.cells.stream().noneMatch(c -> c.uuid.equals(NovaManage.CELL0_UUID))) {
            return new Check("Cells v2", 2, "No cell0 mapping found. Run command 'nova-manage cell_v2 "
                    + "simple_cell_setup' and then retry.");
        }
        if (api.hostMappings.isEmpty()) {
            int computes = countComputeNodes(Apps.database(call.world(), call.host(), cfg, "database"),
                    "_check_cellsv2", 163, "num_computes = self._count_compute_nodes()");
            if (computes > 0) {
                return new Check("Cells v2", 2, "No host mappings found but there are compute nodes. Run command "
                        + "'nova-manage cell_v2 simple_cell_setup' and then retry.");
            }
            return new Check("Cells v2", 0, "No host mappings or compute nodes were found. Remember to run command "
                    + "'nova-manage cell_v2 discover_hosts' when new compute hosts are deployed.");
        }
        return new Check("Cells v2", 0, null);
    }

    /**
     * {@code _check_placement}: GET / on placement through a keystoneauth session made from [placement]. Caught:
     * MissingAuthPlugin, Unauthorized (401), EndpointNotFound, DiscoveryFailure, NotFound (404). Everything else
     * propagates.
     */
    private static Check placement(Call call, OsloConfig cfg) {
        String[] get = {frame(204, "_check_placement", "versions = self._placement_get(\"/\")")};
        if (cfg.get("placement", "auth_type").isEmpty()) {
            return new Check("Placement API", 2, "No credentials specified for placement API in nova.conf.");
        }
        Apps.Credentials creds = Apps.Credentials.fromSection(cfg, "placement");
        if (creds.authUrl() == null || creds.authUrl().isBlank()) {
            throw new Uncaught("MissingRequiredOptions", "Auth plugin requires parameters which were not given: "
                    + "auth_url", get[0], frame(187, "_placement_get", "auth = keystone.load_auth_from_conf_options("));
        }
        String request = frame(192, "_placement_get", "return client.get(path, endpoint_filter=ks_filter).json()");
        Result<Apps.Login> login = Apps.login(call.world(), call.host(), creds);
        if (!login.ok()) {
            String e = login.error();
            // keystoneauth's generic plugin: when discovery on auth_url fails, a /v3 or /v2.0 path is used as it is
            Apps.Url u = Apps.Url.parse(creds.authUrl()).orElse(null);
            String path = u == null || u.path() == null ? "" : u.path().toLowerCase(java.util.Locale.ROOT);
            boolean versioned = path.startsWith("/v3") || path.startsWith("/v2.0");
            if (e.contains("(HTTP 401)")) {
                return new Check("Placement API", 2, "Placement service credentials do not work.");
            }
            if (!versioned) {
                return new Check("Placement API", 2, "Discovery for placement API URI failed.");
            }
            if (e.contains("(HTTP 404)")) {
                return new Check("Placement API", 2, "Placement API does not seem to be running.");
            }
            if (e.contains("(HTTP 500)")) {
                throw new Uncaught("InternalServerError", e, get[0], request);
            }
            if (e.startsWith("Unable to establish connection")) {
                throw new Uncaught("ConnectFailure", e, get[0], request);
            }
            return new Check("Placement API", 2, "Discovery for placement API URI failed.");
        }
        var url = Keystone.endpointUrl(login.value().data(), "placement", "public", creds.region());
        if (url.isEmpty()) {
            return new Check("Placement API", 2, "Placement API endpoint not found.");
        }
        Result<NovaApiData> data = Placement.data(call.world(), call.host(), url.get());
        if (!data.ok()) {
            String e = data.error();
            if (e.startsWith("404")) {
                return new Check("Placement API", 2, "Placement API does not seem to be running.");
            }
            if (e.startsWith("403")) {
                throw new Uncaught("Forbidden", "Forbidden (HTTP 403)", get[0], request);
            }
            if (e.startsWith("503")) {
                throw new Uncaught("ServiceUnavailable", "The Keystone service is temporarily unavailable. (HTTP 503)",
                        get[0], request);
            }
            if (e.startsWith("500")) {
                throw new Uncaught("InternalServerError", "Internal Server Error (HTTP 500)", get[0], request);
            }
            throw new Uncaught("ConnectFailure", "Unable to establish connection to " + url.get().replaceAll("/+$", "")
                    + "/: " + e, get[0], request);
        }
        return new Check("Placement API", 0, null);
    }

    /**
     * {@code _check_resource_providers}: providers = rows of nova_api.inventories for VCPU (every provider the twin's
     * computes register reports VCPU), compute nodes = live rows in each non-cell0 cell (or the main database when
     * there is no such cell). Independent of the placement HTTP check.
     */
    private static Check providers(Call call, OsloConfig cfg) {
        NovaApiData api = apiData(call, cfg, "_count_compute_resource_providers", 254,
                "inventories = Table('inventories', meta, autoload=True)");
        int rps = api.resourceProviders.size();
        int computes = 0;
        List<NovaApiData.CellMapping> cells = api.cells.stream()
                .filter(c -> !c.uuid.equals(NovaManage.CELL0_UUID)).toList();
        if (cells.isEmpty()) {
            computes = countComputeNodes(Apps.database(call.world(), call.host(), cfg, "database"),
                    "_check_resource_providers", 302, "num_computes = self._count_compute_nodes()");
        }
        for (Nova.Cell c : Nova.cells(call.world(), call.host(), api)) {
            if (c.mapping().uuid.equals(NovaManage.CELL0_UUID)) {
                continue;
            }
            Result<HostState.Database> db = c.data() != null ? Result.of(cellDatabase(c))
                    : c.error().startsWith("cell database ") ? Result.of(new HostState.Database()) : Result.fail(c.error());
            computes += countComputeNodes(db, "_check_resource_providers", 297,
                    "num_computes += self._count_compute_nodes(cctxt)");
        }
        if (rps == 0) {
            if (computes != 0) {
                return new Check("Resource Providers", 1, "There are no compute resource providers in the Placement "
                        + "service but there are " + computes + " compute nodes in the deployment. This means no compute "
                        + "nodes are reporting into the Placement service and need to be upgraded and/or fixed. See "
                        + DOCS + " for more details.");
            }
            return new Check("Resource Providers", 0, "There are no compute resource providers in the Placement "
                    + "service nor are there compute nodes in the database. Remember to configure new compute nodes to "
                    + "report into the Placement service. See " + DOCS + " for more details.");
        }
        if (rps < computes) {
            return new Check("Resource Providers", 1, "There are " + rps + " compute resource providers and "
                    + computes + " compute nodes in the deployment. Ideally the number of compute resource providers "
                    + "should equal the number of enabled compute nodes otherwise the cloud may be underutilized. See "
                    + DOCS + " for more details.");
        }
        return new Check("Resource Providers", 0, null);
    }

    private static HostState.Database cellDatabase(Nova.Cell c) {
        HostState.Database db = new HostState.Database();
        db.novaCell = c.data();
        return db;
    }

    /** PrettyTable(['Upgrade Check Results'], hrules=ALL), align 'l'; details wrapped by {@code textwrap.wrap(d, 60, subsequent_indent='  ')}. */
    static String render(List<Check> checks) {
        List<String> lines = new ArrayList<>();
        for (Check c : checks) {
            List<String> block = new ArrayList<>();
            block.add("Check: " + c.name());
            block.add("Result: " + c.result());
            block.add("Details: " + (c.details() == null ? "None" : String.join("\n", wrap(c.details(), 60, "  "))));
            lines.add(String.join("\n", block));
        }
        int width = "Upgrade Check Results".length();
        for (String l : lines) {
            for (String s : l.split("\n")) {
                width = Math.max(width, s.length());
            }
        }
        String sep = "+" + "-".repeat(width + 2) + "+\n";
        StringBuilder out = new StringBuilder(sep);
        out.append("| ").append(pad("Upgrade Check Results", width)).append(" |\n").append(sep);
        for (String l : lines) {
            for (String s : l.split("\n")) {
                out.append("| ").append(pad(s, width)).append(" |\n");
            }
            out.append(sep);
        }
        return out.toString();
    }

    /** Python 2.7's {@code TextWrapper.wordsep_re} (break_on_hyphens): whitespace, hyphenated word parts, em-dashes. */
    private static final Pattern WORDSEP = Pattern.compile(
            "(\\s+|[^\\s\\w]*\\w+[^0-9\\W]-(?=\\w+[^0-9\\W])|(?<=[\\w!\"'&.,?])-{2,}(?=\\w))");

    /** Python 2.7's {@code textwrap.wrap(text, width, subsequent_indent=indent)} with its default options. */
    static List<String> wrap(String text, int width, String indent) {
        text = text.replace('\t', ' ').replaceAll("[\\n\\x0b\\f\\r]", " ");
        List<String> chunks = new ArrayList<>();
        Matcher m = WORDSEP.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                chunks.add(text.substring(at, m.start()));
            }
            chunks.add(m.group());
            at = m.end();
        }
        if (at < text.length()) {
            chunks.add(text.substring(at));
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        while (i < chunks.size()) {
            String prefix = lines.isEmpty() ? "" : indent;
            int room = width - prefix.length();
            if (chunks.get(i).isBlank() && !lines.isEmpty()) {
                i++;
                continue;
            }
            List<String> line = new ArrayList<>();
            int len = 0;
            while (i < chunks.size() && len + chunks.get(i).length() <= room) {
                line.add(chunks.get(i));
                len += chunks.get(i).length();
                i++;
            }
            if (i < chunks.size() && chunks.get(i).length() > room) {
                int cut = room < 1 ? 1 : room - len;
                line.add(chunks.get(i).substring(0, cut));
                chunks.set(i, chunks.get(i).substring(cut));
            }
            if (!line.isEmpty() && line.get(line.size() - 1).isBlank()) {
                line.remove(line.size() - 1);
            }
            if (!line.isEmpty()) {
                lines.add(prefix + String.join("", line));
            }
        }
        return lines;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}

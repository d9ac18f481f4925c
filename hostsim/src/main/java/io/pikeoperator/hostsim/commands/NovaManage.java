package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Apps;
import io.pikeoperator.hostsim.model.HostState;
import io.pikeoperator.hostsim.model.MariaDb;
import io.pikeoperator.hostsim.model.Nova;
import io.pikeoperator.hostsim.model.NovaApiData;
import io.pikeoperator.hostsim.model.NovaApiData.CellMapping;
import io.pikeoperator.hostsim.model.NovaCellData;
import io.pikeoperator.hostsim.model.OsloConfig;
import io.pikeoperator.hostsim.model.Result;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * nova-manage (nova 16.1.8): api_db sync/version, db sync/version, cell_v2 map_cell0 / create_cell / list_cells /
 * discover_hosts / delete_host. Like nova's {@code main()} and its {@code print} calls, messages and errors go to
 * stdout; argparse's errors go to stderr with exit 2. Pike has no {@code cell_v2 list_hosts} (it came in 17.0.0).
 */
final class NovaManage implements Command {

    static final String CELL0_UUID = "00000000-0000-0000-0000-000000000000";
    /** nova 16.1.8 CellV2Commands' public methods, as argparse lists them (sorted, as dir() returns them). */
    static final List<String> CELL_V2_ACTIONS = List.of("create_cell", "delete_cell", "delete_host", "discover_hosts",
            "list_cells", "map_cell0", "map_cell_and_hosts", "map_instances", "simple_cell_setup", "update_cell",
            "verify_instance");

    @Override
    public CommandResult run(Call call) {
        Args a = Args.parse(call.args(), List.of("--verbose", "--local_cell", "--strict", "--by-service", "--force"));
        List<String> p = a.positional;
        OsloConfig cfg = call.host().oslo(Nova.NOVA_CONF);
        try {
            if (p.size() >= 2 && p.get(0).equals("api_db") && p.get(1).equals("sync")) {
                return apiDbSync(call, cfg);
            }
            if (p.size() >= 2 && p.get(0).equals("db") && p.get(1).equals("sync")) {
                return dbSync(call, cfg, a);
            }
            if (p.size() >= 2 && (p.get(0).equals("api_db") || p.get(0).equals("db")) && p.get(1).equals("version")) {
                return version(call, cfg, p.get(0).equals("api_db"));
            }
            if (p.size() >= 2 && p.get(0).equals("cell_v2")) {
                return cellV2(call, cfg, p.get(1), a);
            }
        } catch (OsloConfig.SubstitutionError e) {
            return call.outln("An error has occurred:\noslo_config.cfg.TemplateSubstitutionError: " + e.getMessage()).exit(1);
        }
        return call.fail(2, "nova-manage: command " + String.join(" ", p) + " is not modelled");
    }

    private CommandResult apiDbSync(Call call, OsloConfig cfg) {
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, "api_database");
        if (!db.ok()) {
            return error(call, db.error());
        }
        if (db.value().novaApi == null) {
            db.value().novaApi = new NovaApiData();
            db.value().schema = "nova_api:45";
        }
        return call.exit(0);
    }

    /** Pike's migration heads (45 and 362); an empty database is put under version control at its initial version. */
    private CommandResult version(Call call, OsloConfig cfg, boolean api) {
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, api ? "api_database" : "database");
        if (!db.ok()) {
            return error(call, db.error());
        }
        boolean synced = api ? db.value().novaApi != null : db.value().novaCell != null;
        return call.outln(synced ? (api ? "45" : "362") : (api ? "0" : "215")).exit(0);
    }

    /**
     * nova 16.1.8 {@code DbCommands.sync}: unless --local_cell, cell0 is synced first; a missing cell0 mapping is a
     * WARNING and any other failure to reach cell0 an ERROR, both printed, and then the main database is synced
     * anyway (exit 0). Only a failure of the main database is an error (exit 1).
     */
    private CommandResult dbSync(Call call, OsloConfig cfg, Args a) {
        if (!a.has("--local_cell")) {
            String cell0Error = syncCell0(call, cfg);
            if (cell0Error != null) {
                call.outln("ERROR: Could not access cell0.\nHas the nova_api database been created?\n"
                        + "Has the nova_cell0 database been created?\nHas \"nova-manage api_db sync\" been run?\n"
                        + "Has \"nova-manage cell_v2 map_cell0\" been run?\nIs [api_database]/connection set in nova.conf?\n"
                        + "Is the cell0 database connection URL correct?\nError: " + cell0Error);
            }
        }
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, "database");
        if (!db.ok()) {
            return error(call, db.error());
        }
        sync(db.value());
        return call.exit(0);
    }

    /** Syncs cell0; the error text when it cannot be reached, null when synced or when there is no cell0 mapping. */
    private String syncCell0(Call call, OsloConfig cfg) {
        Result<HostState.Database> api = Apps.database(call.world(), call.host(), cfg, "api_database");
        if (!api.ok()) {
            return api.error();
        }
        if (api.value().novaApi == null) {
            return "(pymysql.err.ProgrammingError) (1146, u\"Table 'nova_api.cell_mappings' doesn't exist\")";
        }
        CellMapping m = api.value().novaApi.cells.stream().filter(c -> c.uuid.equals(CELL0_UUID)).findFirst().orElse(null);
        if (m == null) {
            call.outln("WARNING: cell0 mapping not found - not syncing cell0.");
            return null;
        }
        MariaDb.Connect c = MariaDb.connectUrl(call.world(), call.host(), m.databaseConnection);
        if (!c.ok()) {
            return c.error().pymysql();
        }
        String name = MariaDb.DbUrl.parse(m.databaseConnection).orElseThrow().database();
        HostState.Database cell0 = c.session().db().databases.get(name);
        if (cell0 == null) {
            return "(pymysql.err.InternalError) (1049, u\"Unknown database '" + name + "'\")";
        }
        sync(cell0);
        return null;
    }

    private static void sync(HostState.Database db) {
        if (db.novaCell == null) {
            db.novaCell = new NovaCellData();
            db.schema = "nova:362";
        }
    }

    private CommandResult cellV2(Call call, OsloConfig cfg, String sub, Args a) {
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, "api_database");
        if (!db.ok()) {
            return error(call, db.error());
        }
        NovaApiData api = db.value().novaApi;
        if (api == null) {
            return error(call, "(pymysql.err.ProgrammingError) (1146, u\"Table 'nova_api.cell_mappings' doesn't exist\")");
        }
        switch (sub) {
            case "map_cell0" -> {
                if (api.cells.stream().anyMatch(c -> c.uuid.equals(CELL0_UUID))) {
                    return call.outln("Cell0 is already setup").exit(0);
                }
                String conn = a.get("--database_connection");
                if (conn == null) {
                    String main = cfg.get("database", "connection").orElse(null);
                    if (main == null) {
                        return call.outln("Must specify --database_connection if [database]/connection is not set "
                                + "in the configuration file.").exit(1);
                    }
                    // sqlalchemy's make_url, database + '_cell0', then urlparse.unquote(str(url)): the stored URL
                    // holds the password percent-decoded
                    conn = unquote(main.replaceFirst("/([^/?]+)(\\?|$)", "/$1_cell0$2"));
                }
                CellMapping m = new CellMapping();
                m.uuid = CELL0_UUID;
                m.name = "cell0";
                m.transportUrl = "none:///";
                m.databaseConnection = conn;
                api.cells.add(0, m);
                return call.exit(0);
            }
            case "create_cell" -> {
                String transport = a.get("--transport-url", cfg.get("DEFAULT", "transport_url").orElse(null));
                String conn = a.get("--database_connection", cfg.get("database", "connection").orElse(null));
                if (transport == null) {
                    return call.outln("Must specify --transport-url if [DEFAULT]/transport_url is not set in the "
                            + "configuration file.").exit(1);
                }
                if (conn == null) {
                    return call.outln("Must specify --database_connection if [database]/connection is not set in the "
                            + "configuration file.").exit(1);
                }
                for (CellMapping c : api.cells) {
                    if (transport.equals(c.transportUrl) && conn.equals(c.databaseConnection)) {
                        return call.outln("Cell with the specified transport_url and database_connection combination "
                                + "already exists").exit(2);
                    }
                }
                CellMapping m = new CellMapping();
                m.uuid = UUID.randomUUID().toString();
                m.name = a.get("--name");
                m.transportUrl = transport;
                m.databaseConnection = conn;
                api.cells.add(m);
                if (a.has("--verbose")) {
                    call.outln(m.uuid);
                }
                return call.exit(0);
            }
            case "list_cells" -> {
                List<List<String>> rows = new ArrayList<>();
                api.cells.stream().sorted(Comparator.comparing(c -> c.name == null ? "" : c.name)).forEach(c ->
                        rows.add(List.of(c.name == null ? "None" : c.name, c.uuid, masked(c.transportUrl),
                                masked(c.databaseConnection))));
                return call.out(Table.renderCentered(List.of("Name", "UUID", "Transport URL", "Database Connection"), rows))
                        .exit(0);
            }
            case "discover_hosts" -> {
                return discover(call, api, a.has("--verbose"));
            }
            case "delete_host" -> {
                return deleteHost(call, api, a);
            }
            default -> {
                if (!CELL_V2_ACTIONS.contains(sub)) {
                    return call.fail(2, "usage: nova-manage cell_v2 [-h]\n                           {"
                            + String.join(",", CELL_V2_ACTIONS) + "}\n                           ...\n"
                            + "nova-manage cell_v2: error: argument action: invalid choice: '" + sub + "' (choose from '"
                            + String.join("', '", CELL_V2_ACTIONS) + "')");
                }
                return call.fail(2, "nova-manage cell_v2: " + sub + " is not modelled");
            }
        }
    }

    /**
     * nova 16.1.8 {@code CellV2Commands.delete_host}: unknown cell (1), host not mapped (2), mapped to another cell
     * (3), instances on the host (4; the twin has no instances), messages on stdout. Compute nodes do not block: the
     * host's live nodes are set mapped=0 and the mapping is destroyed. {@code ComputeNodeList.get_all_by_host} raises
     * ComputeHostNotFound when the host has no live compute node (e.g. after its nova-compute service was deleted),
     * which delete_host does not catch in 16.1.x: an error, exit 1, the mapping stays.
     */
    private CommandResult deleteHost(Call call, NovaApiData api, Args a) {
        String host = a.get("--host");
        String cell = a.get("--cell_uuid");
        if (cell == null || host == null) {
            return call.fail(2, "usage: nova-manage cell_v2 delete_host [-h] --cell_uuid <cell_uuid> --host\n"
                    + "                                       <host>\nnova-manage cell_v2 delete_host: error: argument "
                    + (cell == null ? "--cell_uuid" : "--host") + " is required");
        }
        CellMapping mapping = api.cells.stream().filter(c -> c.uuid.equals(cell)).findFirst().orElse(null);
        if (mapping == null) {
            return call.outln("Cell with uuid " + cell + " was not found.").exit(1);
        }
        String mapped = api.hostMappings.get(host);
        if (mapped == null) {
            return call.outln("The host " + host + " was not found.").exit(2);
        }
        if (!mapped.equals(cell)) {
            return call.outln("The host " + host + " was not found in the cell " + cell + ".").exit(3);
        }
        Nova.Cell target = Nova.cells(call.world(), call.host(), api).stream()
                .filter(c -> c.mapping().uuid.equals(cell)).findFirst().orElseThrow();
        if (target.data() == null) {
            return error(call, target.error());
        }
        List<NovaCellData.ComputeNode> nodes = target.data().computeNodes.stream()
                .filter(n -> !n.deleted && n.host.equals(host)).toList();
        if (nodes.isEmpty()) {
            return uncaught(call, "ComputeHostNotFound: Compute host " + host + " could not be found.");
        }
        nodes.forEach(n -> n.mapped = false);
        api.hostMappings.remove(host);
        return call.exit(0);
    }

    private CommandResult discover(Call call, NovaApiData api, boolean verbose) {
        Nova.heartbeat(call.world());
        StringBuilder log = new StringBuilder("Found " + api.cells.size() + " cell mappings.\n");
        for (Nova.Cell cell : Nova.cells(call.world(), call.host(), api)) {
            if (cell.mapping().uuid.equals(CELL0_UUID)) {
                log.append("Skipping cell0 since it does not contain hosts.\n");
                continue;
            }
            if (cell.data() == null) {
                return error(call, cell.error());
            }
            log.append("Getting computes from cell '").append(cell.mapping().name).append("': ")
                    .append(cell.mapping().uuid).append('\n');
            int found = 0;
            for (NovaCellData.ComputeNode n : cell.data().computeNodes) {
                if (n.deleted || api.hostMappings.containsKey(n.host)) {
                    continue;
                }
                log.append("Checking host mapping for compute host '").append(n.host).append("': ").append(n.uuid).append('\n');
                log.append("Creating host mapping for compute host '").append(n.host).append("': ").append(n.uuid).append('\n');
                api.hostMappings.put(n.host, cell.mapping().uuid);
                n.mapped = true;
                found++;
            }
            log.append("Found ").append(found).append(" unmapped computes in cell: ").append(cell.mapping().uuid).append('\n');
        }
        if (verbose) {
            call.out(log.toString());
        }
        return call.exit(0);
    }

    /** Python 2.7's urlparse.unquote: each %XX decoded (a malformed one kept), '+' left alone. */
    static String unquote(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] in = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && Character.digit(in[i + 1], 16) >= 0 && Character.digit(in[i + 2], 16) >= 0) {
                out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String masked(String url) {
        return MariaDb.DbUrl.masked(url);
    }

    /** nova-manage's {@code main()}: {@code print("An error has occurred:\n" + traceback)} on stdout, exit 1. */
    private static CommandResult error(Call call, String message) {
        return uncaught(call, "DBError: " + message);
    }

    /** As {@link #error}, for an exception given as {@code "Type: message"}. */
    private static CommandResult uncaught(Call call, String last) {
        return call.outln("An error has occurred:\nTraceback (most recent call last):\n  File "
                + "\"/usr/lib/python2.7/site-packages/nova/cmd/manage.py\", line 1800, in main\n    ret = fn(*fn_args, "
                + "**fn_kwargs)\n" + last).exit(1);
    }
}

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

/** nova-manage api_db sync, db sync, cell_v2 map_cell0 / create_cell / list_cells / discover_hosts / list_hosts / delete_host. */
final class NovaManage implements Command {

    static final String CELL0_UUID = "00000000-0000-0000-0000-000000000000";

    @Override
    public CommandResult run(Call call) {
        Args a = Args.parse(call.args(), List.of("--verbose"));
        List<String> p = a.positional;
        OsloConfig cfg = call.host().oslo(Nova.NOVA_CONF);
        try {
            if (p.size() >= 2 && p.get(0).equals("api_db") && p.get(1).equals("sync")) {
                return apiDbSync(call, cfg);
            }
            if (p.size() >= 2 && p.get(0).equals("db") && p.get(1).equals("sync")) {
                return dbSync(call, cfg);
            }
            if (p.size() >= 2 && (p.get(0).equals("api_db") || p.get(0).equals("db")) && p.get(1).equals("version")) {
                return version(call, cfg, p.get(0).equals("api_db"));
            }
            if (p.size() >= 2 && p.get(0).equals("cell_v2")) {
                return cellV2(call, cfg, p.get(1), a);
            }
        } catch (OsloConfig.SubstitutionError e) {
            return call.fail(1, "An error has occurred:\noslo_config.cfg.TemplateSubstitutionError: " + e.getMessage());
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

    private CommandResult dbSync(Call call, OsloConfig cfg) {
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, "database");
        if (!db.ok()) {
            return error(call, db.error());
        }
        sync(db.value());
        Result<HostState.Database> api = Apps.database(call.world(), call.host(), cfg, "api_database");
        if (api.ok() && api.value().novaApi != null) {
            for (CellMapping m : api.value().novaApi.cells) {
                if (m.uuid.equals(CELL0_UUID)) {
                    MariaDb.Connect c = MariaDb.connectUrl(call.world(), call.host(), m.databaseConnection);
                    if (!c.ok()) {
                        return error(call, c.error().pymysql());
                    }
                    HostState.Database cell0 = c.session().db().databases
                            .get(MariaDb.DbUrl.parse(m.databaseConnection).orElseThrow().database());
                    if (cell0 == null) {
                        return error(call, "(pymysql.err.InternalError) (1049, u\"Unknown database 'nova_cell0'\")");
                    }
                    sync(cell0);
                }
            }
        }
        return call.exit(0);
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
                        return call.fail(1, "Must specify --database_connection if [database]/connection is not set "
                                + "in the configuration file.");
                    }
                    conn = main.replaceFirst("/([^/?]+)(\\?|$)", "/$1_cell0$2");
                }
                CellMapping m = new CellMapping();
                m.uuid = CELL0_UUID;
                m.name = "cell0";
                m.transportUrl = "none:/";
                m.databaseConnection = conn;
                api.cells.add(0, m);
                return call.exit(0);
            }
            case "create_cell" -> {
                String transport = a.get("--transport-url", cfg.get("DEFAULT", "transport_url").orElse(null));
                String conn = a.get("--database_connection", cfg.get("database", "connection").orElse(null));
                if (transport == null) {
                    return call.fail(1, "Must specify --transport-url if [DEFAULT]/transport_url is not set in the "
                            + "configuration file.");
                }
                if (conn == null) {
                    return call.fail(1, "Must specify --database_connection if [database]/connection is not set in the "
                            + "configuration file.");
                }
                for (CellMapping c : api.cells) {
                    if (transport.equals(c.transportUrl) && conn.equals(c.databaseConnection)) {
                        return call.fail(2, "The specified transport_url and/or database_connection combination "
                                + "already exists for another cell with uuid " + c.uuid + ".");
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
                return call.out(Table.render(List.of("Name", "UUID", "Transport URL", "Database Connection"), rows))
                        .exit(0);
            }
            case "discover_hosts" -> {
                return discover(call, api, a.has("--verbose"));
            }
            case "list_hosts" -> {
                List<List<String>> rows = new ArrayList<>();
                api.hostMappings.forEach((h, uuid) -> rows.add(List.of(api.cells.stream()
                        .filter(c -> c.uuid.equals(uuid)).map(c -> c.name).findFirst().orElse("?"), uuid, h)));
                return call.out(Table.render(List.of("Cell Name", "Cell UUID", "Hostname"), rows)).exit(0);
            }
            case "delete_host" -> {
                String host = a.get("--host");
                String cell = a.get("--cell_uuid");
                if (host == null || cell == null || !cell.equals(api.hostMappings.get(host))) {
                    return call.fail(2, "The host " + host + " is not mapped to the cell " + cell + ".");
                }
                for (Nova.Cell c : Nova.cells(call.world(), call.host(), api)) {
                    if (c.mapping().uuid.equals(cell) && c.data() != null && c.data().computeNodes.stream()
                            .anyMatch(n -> !n.deleted && n.host.equals(host))) {
                        return call.fail(4, "There are compute nodes on the host " + host
                                + "; delete the nova-compute service first.");
                    }
                }
                api.hostMappings.remove(host);
                return call.exit(0);
            }
            default -> {
                return call.fail(2, "nova-manage cell_v2: " + sub + " is not modelled");
            }
        }
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

    private static String masked(String url) {
        return MariaDb.DbUrl.masked(url);
    }

    private static CommandResult error(Call call, String message) {
        return call.fail(1, "An error has occurred:\nTraceback (most recent call last):\n  File "
                + "\"/usr/lib/python2.7/site-packages/nova/cmd/manage.py\", line 1800, in main\n    ret = fn(*fn_args, "
                + "**fn_kwargs)\nDBError: " + message);
    }
}

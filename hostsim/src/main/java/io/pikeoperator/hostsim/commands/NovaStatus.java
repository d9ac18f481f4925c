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

/** nova-status upgrade check of Pike: Cells v2, Placement API, Resource Providers. */
final class NovaStatus implements Command {

    private record Check(String name, int code, String details) {
        String result() {
            return switch (code) {
                case 0 -> "Success";
                case 1 -> "Warning";
                default -> "Failure";
            };
        }
    }

    @Override
    public CommandResult run(Call call) {
        if (!call.args().equals(List.of("upgrade", "check"))) {
            return call.fail(2, "usage: nova-status upgrade check");
        }
        OsloConfig cfg = call.host().oslo(Nova.NOVA_CONF);
        Result<HostState.Database> db;
        try {
            db = Apps.database(call.world(), call.host(), cfg, "api_database");
        } catch (OsloConfig.SubstitutionError e) {
            return call.fail(255, "Error:\noslo_config.cfg.TemplateSubstitutionError: " + e.getMessage());
        }
        if (!db.ok() || db.value().novaApi == null) {
            return call.fail(255, "Error:\nTraceback (most recent call last):\n  File \"/usr/lib/python2.7/site-packages/"
                    + "nova/cmd/status.py\", line 456, in main\n    ret = fn(*fn_args, **fn_kwargs)\nDBError: "
                    + (db.ok() ? "(pymysql.err.ProgrammingError) (1146, u\"Table 'nova_api.cell_mappings' doesn't exist\")"
                    : db.error()));
        }
        Nova.heartbeat(call.world());
        NovaApiData api = db.value().novaApi;
        int computeNodes = 0;
        for (Nova.Cell c : Nova.cells(call.world(), call.host(), api)) {
            if (c.data() != null) {
                computeNodes += (int) c.data().computeNodes.stream().filter(n -> !n.deleted).count();
            }
        }
        List<Check> checks = new ArrayList<>();
        checks.add(cells(api, computeNodes));
        Result<NovaApiData> placement = placement(call, cfg);
        checks.add(placement.ok() ? new Check("Placement API", 0, null) : new Check("Placement API", 2, placement.error()));
        checks.add(providers(placement, computeNodes));
        call.out(render(checks));
        return call.exit(checks.stream().mapToInt(Check::code).max().orElse(0));
    }

    private static Check cells(NovaApiData api, int computeNodes) {
        boolean cell0 = api.cells.stream().anyMatch(c -> c.uuid.equals(NovaManage.CELL0_UUID));
        if (api.cells.size() < 2 || !cell0) {
            return new Check("Cells v2", 2, cell0 ? "No cell mappings found. Run command 'nova-manage cell_v2 "
                    + "simple_cell_setup' and then retry." : "No cell0 mapping found. Run command 'nova-manage cell_v2 "
                    + "map_cell0' and then retry.");
        }
        if (api.hostMappings.isEmpty()) {
            if (computeNodes == 0) {
                return new Check("Cells v2", 0, "No host mappings or compute nodes were found. Remember to run command "
                        + "'nova-manage cell_v2 discover_hosts' when new compute hosts are deployed.");
            }
            return new Check("Cells v2", 2, "No host mappings found but there are compute nodes. Run command "
                    + "'nova-manage cell_v2 simple_cell_setup' and then retry.");
        }
        return new Check("Cells v2", 0, null);
    }

    private static Result<NovaApiData> placement(Call call, OsloConfig cfg) {
        Apps.Credentials creds;
        try {
            creds = Apps.Credentials.fromSection(cfg, "placement");
        } catch (OsloConfig.SubstitutionError e) {
            return Result.fail("Placement service credentials do not work.");
        }
        if (cfg.get("placement", "auth_type").isEmpty()) {
            return Result.fail("No credentials specified for placement API in nova.conf.");
        }
        Result<Apps.Login> login = Apps.login(call.world(), call.host(), creds);
        if (!login.ok()) {
            return Result.fail(login.error().contains("HTTP 401") ? "Placement service credentials do not work."
                    : "Discovery for placement API URI failed.");
        }
        var url = Keystone.endpointUrl(login.value().data(), "placement", "public", creds.region());
        if (url.isEmpty()) {
            return Result.fail("Placement API endpoint not found.");
        }
        Result<NovaApiData> data = Placement.data(call.world(), call.host(), url.get());
        if (!data.ok()) {
            return Result.fail(data.error().startsWith("403") || data.error().startsWith("Failed")
                    ? "Discovery for placement API URI failed." : "Placement API does not seem to be running.");
        }
        return data;
    }

    private static Check providers(Result<NovaApiData> placement, int computeNodes) {
        if (!placement.ok()) {
            return new Check("Resource Providers", 2, "Placement API is not available: " + placement.error());
        }
        int rps = placement.value().resourceProviders.size();
        if (rps == 0 && computeNodes == 0) {
            return new Check("Resource Providers", 0, "There are no compute resource providers in the Placement "
                    + "service nor are there compute nodes in the database. Remember to configure new compute nodes to "
                    + "report into the Placement service. See http://docs.openstack.org/developer/nova/placement.html "
                    + "for more details.");
        }
        if (rps < computeNodes) {
            return new Check("Resource Providers", 1, "There are " + rps + " compute resource providers and "
                    + computeNodes + " compute nodes in the deployment. Ideally the number of compute resource providers "
                    + "should equal the number of enabled compute nodes otherwise the cloud may be underutilized. See "
                    + "http://docs.openstack.org/developer/nova/placement.html for more details.");
        }
        return new Check("Resource Providers", 0, null);
    }

    /** The table nova-status prints: one column, details wrapped. */
    private static String render(List<Check> checks) {
        List<String> lines = new ArrayList<>();
        for (Check c : checks) {
            List<String> block = new ArrayList<>();
            block.add("Check: " + c.name());
            block.add("Result: " + c.result());
            block.addAll(wrap("Details: " + (c.details() == null ? "None" : c.details()), 66));
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

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line = new StringBuilder("  ");
            }
            line.append(line.length() == 0 || line.toString().equals("  ") ? "" : " ").append(word);
        }
        out.add(line.toString());
        return out;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}

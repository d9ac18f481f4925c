package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.MariaDb;
import io.pikeoperator.hostsim.model.Sql;

import java.util.List;
import java.util.Map;

/**
 * The mysql client (batch mode: no terminal) and mysqladmin ping. Credentials come from options, option files
 * (--defaults-file, --defaults-extra-file, ~/.my.cnf) or, for a bare -p, the first line of stdin.
 */
final class Mysql implements Command {

    @Override
    public boolean readsStdin(CommandContext c) {
        boolean execute = c.args().stream().anyMatch(a -> a.equals("-e") || a.startsWith("--execute")
                || (a.startsWith("-e") && a.length() > 2));
        boolean bareP = c.args().contains("-p") || c.args().contains("--password");
        return c.name().equals("mysql") && (!execute || bareP);
    }

    @Override
    public CommandResult run(Call call) {
        String user = null;
        String password = null;
        boolean prompt = false;
        String host = null;
        String database = null;
        String execute = null;
        String defaultsFile = null;
        String extraFile = null;
        boolean skipNames = false;
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-u") || a.equals("--user")) {
                user = args.get(++i);
            } else if (a.startsWith("--user=")) {
                user = a.substring(7);
            } else if (a.startsWith("-u")) {
                user = a.substring(2);
            } else if (a.equals("-p") || a.equals("--password")) {
                prompt = true;
            } else if (a.startsWith("--password=")) {
                password = a.substring(11);
            } else if (a.startsWith("-p")) {
                password = a.substring(2);
            } else if (a.equals("-h") || a.equals("--host")) {
                host = args.get(++i);
            } else if (a.startsWith("--host=")) {
                host = a.substring(7);
            } else if (a.startsWith("-h")) {
                host = a.substring(2);
            } else if (a.equals("-e") || a.equals("--execute")) {
                execute = args.get(++i);
            } else if (a.startsWith("--execute=")) {
                execute = a.substring(10);
            } else if (a.startsWith("-e")) {
                execute = a.substring(2);
            } else if (a.equals("-D") || a.equals("--database")) {
                database = args.get(++i);
            } else if (a.startsWith("--database=")) {
                database = a.substring(11);
            } else if (a.startsWith("--defaults-file=")) {
                defaultsFile = a.substring(16);
            } else if (a.startsWith("--defaults-extra-file=")) {
                extraFile = a.substring(22);
            } else if (a.equals("-N") || a.equals("--skip-column-names") || a.equals("-sN") || a.equals("-Ns")
                    || a.equals("-s") || a.equals("--silent") || a.equals("-BN") || a.equals("-NB")) {
                skipNames = true;
            } else if (a.equals("-P") || a.equals("--port") || a.equals("-S") || a.equals("--socket")) {
                i++;
            } else if (!a.startsWith("-")) {
                if (call.name().equals("mysqladmin")) {
                    continue;
                }
                database = a;
            }
        }
        if (defaultsFile != null && !call.files().exists(defaultsFile)) {
            return call.fail(1, "Could not open required defaults file: " + defaultsFile
                    + "\nFatal error in defaults handling. Program aborted");
        }
        String home = call.env("HOME") == null ? "/root" : call.env("HOME");
        Map<String, String> options = OptionFiles.read(call.host(), home, defaultsFile, extraFile,
                List.of("client", call.name()));
        user = user != null ? user : options.getOrDefault("user", call.user());
        host = host != null ? host : options.get("host");
        database = database != null ? database : options.get("database");
        String stdin = "";
        if (readsStdin(call.context())) {
            stdin = call.context().stdinText();
        }
        if (prompt) {
            call.err("Enter password: ");
            int nl = stdin.indexOf('\n');
            password = nl < 0 ? stdin : stdin.substring(0, nl);
            stdin = nl < 0 ? "" : stdin.substring(nl + 1);
        } else if (password == null) {
            password = options.get("password");
        }
        if (call.name().equals("mysqladmin")) {
            return admin(call, host, user, password);
        }
        MariaDb.Connect c = MariaDb.connect(call.world(), call.host(), host, user, password, database);
        if (!c.ok()) {
            return call.fail(1, c.error().cli());
        }
        String script = execute != null ? execute : stdin;
        Sql.Outcome outcome = Sql.run(c.session(), script);
        for (Sql.Result r : outcome.results()) {
            if (r.columns().isEmpty()) {
                continue;
            }
            if (!skipNames) {
                call.outln(String.join("\t", r.columns()));
            }
            for (List<String> row : r.rows()) {
                call.outln(String.join("\t", row.stream().map(Mysql::escape).toList()));
            }
        }
        if (outcome.error() != null) {
            MariaDb.Error e = outcome.error();
            return call.fail(1, "ERROR " + e.code() + " (" + (e.state() == null ? "HY000" : e.state()) + ") at line 1: "
                    + e.message());
        }
        return call.exit(0);
    }

    private CommandResult admin(Call call, String host, String user, String password) {
        if (!call.args().contains("ping")) {
            return call.fail(1, "mysqladmin: only 'ping' is modelled");
        }
        MariaDb.Connect c = MariaDb.connect(call.world(), call.host(), host, user, password, null);
        if (c.ok() || c.error().code() == 1045) {
            return call.outln("mysqld is alive").exit(0);
        }
        return call.fail(1, "mysqladmin: connect to server at '" + (host == null ? "localhost" : host)
                + "' failed\nerror: '" + c.error().message() + "'");
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }
}

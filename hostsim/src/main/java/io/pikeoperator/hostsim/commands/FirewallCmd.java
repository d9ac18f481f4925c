package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Firewall;
import io.pikeoperator.hostsim.model.HostState;

import java.util.TreeSet;

/** firewall-cmd for the public zone: state, ports and services, runtime and --permanent, --reload. */
final class FirewallCmd implements Command {

    @Override
    public CommandResult run(Call call) {
        if (!call.host().active("firewalld")) {
            if (call.args().contains("--state")) {
                return call.fail(252, "not running");
            }
            return call.fail(252, "FirewallD is not running");
        }
        HostState.Firewall fw = call.host().state().firewall;
        boolean permanent = call.args().contains("--permanent");
        TreeSet<String> rules = permanent ? fw.permanent : fw.runtime;
        for (String a : call.args()) {
            if (a.equals("--state")) {
                return call.outln("running").exit(0);
            }
            if (a.equals("--reload")) {
                fw.runtime = new TreeSet<>(fw.permanent);
                return call.outln("success").exit(0);
            }
            if (a.equals("--list-ports")) {
                return call.outln(String.join(" ", rules.stream().filter(r -> r.startsWith("port:"))
                        .map(r -> r.substring(5)).toList())).exit(0);
            }
            if (a.equals("--list-services")) {
                return call.outln(String.join(" ", rules.stream().filter(r -> r.startsWith("service:"))
                        .map(r -> r.substring(8)).toList())).exit(0);
            }
            String rule = rule(a);
            if (rule == null) {
                continue;
            }
            if (rule.startsWith("service:") && !Firewall.SERVICES.containsKey(rule.substring(8))) {
                return call.fail(101, "Error: INVALID_SERVICE: " + rule.substring(8));
            }
            if (rule.startsWith("port:") && !rule.matches("port:\\d+(-\\d+)?/(tcp|udp)")) {
                return call.fail(102, "Error: INVALID_PORT: " + rule.substring(5));
            }
            if (a.startsWith("--add-")) {
                if (!rules.add(rule)) {
                    call.errln("Warning: ALREADY_ENABLED: " + rule.substring(rule.indexOf(':') + 1));
                }
                return call.outln("success").exit(0);
            }
            if (a.startsWith("--remove-")) {
                if (!rules.remove(rule)) {
                    call.errln("Warning: NOT_ENABLED: " + rule.substring(rule.indexOf(':') + 1));
                }
                return call.outln("success").exit(0);
            }
            if (a.startsWith("--query-")) {
                boolean yes = rules.contains(rule);
                return call.outln(yes ? "yes" : "no").exit(yes ? 0 : 1);
            }
        }
        return call.fail(2, "usage: see firewall-cmd --help");
    }

    private static String rule(String arg) {
        for (String kind : new String[]{"port", "service"}) {
            for (String op : new String[]{"--add-", "--remove-", "--query-"}) {
                if (arg.startsWith(op + kind + "=")) {
                    return kind + ":" + arg.substring((op + kind + "=").length());
                }
            }
        }
        return null;
    }
}

package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.World;

import java.util.ArrayList;
import java.util.List;

/** nmap-ncat in port-scan mode ({@code nc -z [-w secs] host port}): can this host open a TCP connection there? */
final class Nc implements Command {

    @Override
    public CommandResult run(Call call) {
        List<String> operands = new ArrayList<>();
        boolean zero = false;
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-w") || a.equals("--wait")) {
                i++;
            } else if (a.startsWith("-")) {
                zero |= a.contains("z");
            } else {
                operands.add(a);
            }
        }
        if (!zero || operands.size() != 2) {
            return call.fail(2, "Ncat: only 'nc -z HOST PORT' is modelled. QUITTING.");
        }
        World.Connection c = call.world().connect(call.host(), operands.get(0), Integer.parseInt(operands.get(1)));
        if (c.ok()) {
            return call.exit(0);
        }
        if (c.errno() == -2) {
            return call.fail(2, "Ncat: Could not resolve hostname \"" + operands.get(0)
                    + "\": Name or service not known. QUITTING.");
        }
        return call.fail(1, "Ncat: " + c.error() + ".");
    }
}

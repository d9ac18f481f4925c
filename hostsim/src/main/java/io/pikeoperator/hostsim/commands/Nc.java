package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.World;

import java.util.ArrayList;
import java.util.List;

/**
 * CentOS 7's nmap-ncat 6.40 in connect mode with nothing to send ({@code nc --send-only [-w secs] host port
 * </dev/null}): can this host open a TCP connection there? Ncat 6.40 has no {@code -z} (it came in 7.25); it
 * refuses the option as getopt does.
 */
final class Nc implements Command {

    @Override
    public CommandResult run(Call call) {
        List<String> operands = new ArrayList<>();
        boolean sendOnly = false;
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-w") || a.equals("--wait")) {
                i++;
            } else if (a.equals("--send-only")) {
                sendOnly = true;
            } else if (a.startsWith("-") && !a.startsWith("--") && a.contains("z")) {
                return call.fail(2, "nc: invalid option -- 'z'\nNcat: Try `--help' or man(1) ncat for more information, "
                        + "usage options and help. QUITTING.");
            } else if (a.startsWith("-")) {
                return call.fail(2, "Ncat: option " + a + " is not modelled. QUITTING.");
            } else {
                operands.add(a);
            }
        }
        if (!sendOnly || operands.size() != 2) {
            return call.fail(2, "Ncat: only 'nc --send-only [-w SECS] HOST PORT' is modelled. QUITTING.");
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

package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Chrony;

import java.util.List;

/** chronyc sources / tracking, in chrony 3's format. */
final class Chronyc implements Command {

    @Override
    public CommandResult run(Call call) {
        if (!call.host().active("chronyd")) {
            // chrony 3.x client.c prints it with printf: stdout
            call.outln("506 Cannot talk to daemon");
            return call.exit(1);
        }
        List<String> args = call.args().stream().filter(a -> !a.startsWith("-")).toList();
        String sub = args.isEmpty() ? "" : args.get(0);
        List<Chrony.Source> sources = Chrony.sources(call.world(), call.host());
        switch (sub) {
            case "sources" -> {
                call.outln("210 Number of sources = " + sources.size());
                call.outln("MS Name/IP address         Stratum Poll Reach LastRx Last sample");
                call.outln("===============================================================================");
                for (Chrony.Source s : sources) {
                    boolean reached = s.reach() > 0;
                    call.outln(String.format("%s %-27s %2d %3d %5o %6s %s", s.state(), s.name(), s.stratum(),
                            reached ? 6 : 10, s.reach(), reached ? "35" : "-",
                            reached ? "   +12us[  +15us] +/-   30ms" : "    +0ns[   +0ns] +/-    0ns"));
                }
                return call.exit(0);
            }
            case "tracking" -> {
                Chrony.Source selected = sources.stream().filter(s -> s.state().equals("^*")).findFirst().orElse(null);
                call.outln("Reference ID    : " + (selected == null ? "00000000 ()" : "0A00000B (" + selected.name() + ")"));
                call.outln("Stratum         : " + (selected == null ? 0 : selected.stratum() + 1));
                call.outln("Leap status     : " + (selected == null ? "Not synchronised" : "Normal"));
                return call.exit(0);
            }
            case "waitsync" -> {
                boolean synced = sources.stream().anyMatch(s -> s.state().equals("^*"));
                return synced ? call.exit(0) : call.fail(1, "chronyc: not synchronised");
            }
            default -> {
                return call.fail(1, "Unrecognized command");
            }
        }
    }
}

package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Host;
import io.pikeoperator.hostsim.model.HostState;
import io.pikeoperator.hostsim.model.Systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** systemctl of systemd 219 for the units the packages ship. */
final class Systemctl implements Command {

    @Override
    public CommandResult run(Call call) {
        List<String> units = new ArrayList<>();
        String verb = null;
        boolean now = false;
        boolean quiet = false;
        for (String a : call.args()) {
            if (a.equals("--now")) {
                now = true;
            } else if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.startsWith("-")) {
                continue;
            } else if (verb == null) {
                verb = a;
            } else {
                units.add(a.endsWith(".service") ? a.substring(0, a.length() - 8) : a);
            }
        }
        if (verb == null) {
            return call.fail(1, "systemctl: listing units is not modelled; name a verb");
        }
        if (verb.equals("daemon-reload")) {
            return call.exit(0);
        }
        if (units.isEmpty()) {
            return call.fail(1, "Too few arguments.");
        }
        Host host = call.host();
        int exit = 0;
        boolean anyActive = false;
        for (String unit : units) {
            boolean known = Systemd.known(host, unit);
            HostState.Unit u = known ? host.unit(unit) : null;
            switch (verb) {
                case "start", "restart", "try-restart", "reload", "reload-or-restart" -> {
                    if (!known) {
                        call.errln("Failed to " + verb + " " + unit + ".service: Unit not found.");
                        exit = 5;
                        continue;
                    }
                    if (verb.equals("try-restart") && !host.active(unit)) {
                        continue;
                    }
                    Optional<String> failure = verb.equals("start") ? Systemd.start(call.world(), host, unit)
                            : Systemd.restart(call.world(), host, unit);
                    if (failure.isPresent()) {
                        call.errln("Job for " + unit + ".service failed because the control process exited with error "
                                + "code. See \"systemctl status " + unit + ".service\" and \"journalctl -xe\" for details.");
                        exit = 1;
                    }
                }
                case "stop" -> {
                    if (!known) {
                        call.errln("Failed to stop " + unit + ".service: Unit " + unit + ".service not loaded.");
                        exit = 5;
                        continue;
                    }
                    Systemd.stop(call.world(), host, unit);
                }
                case "enable", "disable" -> {
                    if (!known) {
                        call.errln("Failed to execute operation: No such file or directory");
                        exit = 1;
                        continue;
                    }
                    boolean enable = verb.equals("enable");
                    String link = "/etc/systemd/system/multi-user.target.wants/" + unit + ".service";
                    if (enable && !u.enabled) {
                        call.files().symlink(link, "/usr/lib/systemd/system/" + unit + ".service");
                        call.errln("Created symlink from " + link + " to /usr/lib/systemd/system/" + unit + ".service.");
                    } else if (!enable && u.enabled) {
                        call.files().delete(link);
                        call.errln("Removed symlink " + link + ".");
                    }
                    u.enabled = enable;
                    if (now) {
                        if (enable && Systemd.start(call.world(), host, unit).isPresent()) {
                            call.errln("Job for " + unit + ".service failed because the control process exited with "
                                    + "error code. See \"systemctl status " + unit + ".service\" and \"journalctl -xe\" "
                                    + "for details.");
                            exit = 1;
                        } else if (!enable) {
                            Systemd.stop(call.world(), host, unit);
                        }
                    }
                }
                case "is-active" -> {
                    String state = u == null ? "unknown" : u.state;
                    if (!quiet) {
                        call.outln(state);
                    }
                    if (state.equals("active")) {
                        anyActive = true; // systemd 219 check_unit_generic: 0 when any of the units is active
                    } else {
                        exit = 3;
                    }
                }
                case "is-failed" -> {
                    String state = u == null ? "unknown" : u.state;
                    if (!quiet) {
                        call.outln(state);
                    }
                    if (!state.equals("failed")) {
                        exit = 1;
                    }
                }
                case "is-enabled" -> {
                    if (u == null) {
                        call.errln("Failed to get unit file state for " + unit + ".service: No such file or directory");
                        exit = 1;
                        continue;
                    }
                    if (!quiet) {
                        call.outln(u.enabled ? "enabled" : "disabled");
                    }
                    if (!u.enabled) {
                        exit = 1;
                    }
                }
                case "status" -> {
                    if (u == null) {
                        call.errln("Unit " + unit + ".service could not be found.");
                        exit = 4;
                        continue;
                    }
                    call.outln("● " + unit + ".service - " + unit);
                    call.outln("   Loaded: loaded (/usr/lib/systemd/system/" + unit + ".service; "
                            + (u.enabled ? "enabled" : "disabled") + "; vendor preset: disabled)");
                    String since = u.since == null ? "" : " since " + u.since;
                    call.outln("   Active: " + switch (u.state) {
                        case "active" -> "active (running)" + since;
                        case "failed" -> "failed (Result: exit-code)" + since;
                        default -> "inactive (dead)" + since;
                    });
                    if (u.failure != null && u.state.equals("failed")) {
                        for (String line : u.failure.split("\n")) {
                            call.outln(call.host().name() + " " + unit + "[1]: " + line);
                        }
                    }
                    if (!u.state.equals("active")) {
                        exit = 3;
                    }
                }
                default -> {
                    return call.fail(1, "Unknown operation '" + verb + "'.");
                }
            }
        }
        return call.exit("is-active".equals(verb) && anyActive ? 0 : exit);
    }
}

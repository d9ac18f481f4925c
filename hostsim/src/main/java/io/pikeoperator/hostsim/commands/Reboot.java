package io.pikeoperator.hostsim.commands;

import java.time.Duration;

/** reboot: the host goes down shortly after (connections drop) and comes back after its downtime. */
final class Reboot implements Command {

    /** How long a reboot keeps a host away unless a fault says otherwise. */
    static final Duration DEFAULT_DOWNTIME = Duration.ofSeconds(2);

    @Override
    public CommandResult run(Call call) {
        call.world().requestReboot(call.host(), DEFAULT_DOWNTIME);
        return call.exit(0);
    }
}

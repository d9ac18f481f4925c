package io.pikeoperator.hostsim.commands;

/** A twin-backed command (yum, systemctl, openstack, ...). */
@FunctionalInterface
public interface Command {

    CommandResult run(Call call);

    /**
     * Whether this invocation will read standard input. It is then read before the model lock is taken, so a client
     * that is slow to send it (or never closes it) stalls only itself.
     */
    default boolean readsStdin(CommandContext context) {
        return false;
    }
}

package io.pikeoperator.hostsim.commands;

import java.util.Set;

/**
 * The model side of the twin as the SSH/sandbox side sees it: the set of commands that are twin-backed (they are
 * put on the simulated host's PATH as shims) and a dispatcher that runs one invocation against the model.
 * Everything else a shell runs (bash, coreutils, grep, sed, ...) is the machine's real binary inside the host's
 * sandboxed root.
 */
public interface TwinCommands {

    /** Names of the commands to put on PATH as shims (e.g. "yum", "systemctl", "openstack"). */
    Set<String> commandNames();

    /** Runs one invocation. Never throws for a command-level failure: that is a non-zero exit with stderr. */
    CommandResult run(CommandContext context);
}

package io.pikeoperator.hostsim.commands;

/**
 * The model side of the twin as the sandbox sees it: a dispatcher that runs one invocation of a twin-backed
 * command (a shim on the simulated host's PATH) against the model. Everything else a shell runs (bash, coreutils,
 * grep, sed, ...) is the machine's real binary inside the host's sandboxed root.
 */
public interface TwinCommands {

    /** Runs one invocation. Never throws for a command-level failure: that is a non-zero exit with stderr. */
    CommandResult run(CommandContext context);
}

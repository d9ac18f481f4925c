package io.pikeoperator.hostsim.commands;

import java.util.List;
import java.util.Map;

/**
 * One invocation of a twin-backed command (yum, systemctl, mysql, openstack, ...) from a simulated host's shell.
 *
 * @param host   the simulated host the command runs on (its name is the key in the twin)
 * @param argv   argv[0] is the command name as invoked, the rest its arguments, exactly as the shell passed them
 * @param env    the process environment (OS_* variables for the openstack CLI, for example)
 * @param cwd    the working directory, as a path inside the host (e.g. "/root")
 * @param stdin  everything the caller wrote to the command's standard input (empty when none)
 */
public record CommandContext(String host, List<String> argv, Map<String, String> env, String cwd, byte[] stdin) {

    public String name() {
        return argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    }

    public List<String> args() {
        return argv.subList(1, argv.size());
    }
}

package io.pikeoperator.hostsim.commands;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One invocation of a twin-backed command (yum, systemctl, mysql, openstack, ...) from a simulated host's shell.
 * Standard input is fetched from the caller only when a command asks for it, so that a command which ignores
 * stdin never waits for an end of input that the SSH client may never send.
 */
public final class CommandContext {

    private final String host;
    private final List<String> argv;
    private final Map<String, String> env;
    private final String cwd;
    private final boolean stdinIsTerminal;
    private final Supplier<byte[]> stdinSource;
    private byte[] stdin;

    /**
     * @param host        the simulated host the command runs on
     * @param argv        argv[0] is the command name as invoked, the rest its arguments, exactly as the shell passed them
     * @param env         the process environment (OS_* variables for the openstack CLI, for example)
     * @param cwd         the working directory, as a path inside the host (e.g. "/root")
     * @param stdinIsTerminal whether the command's standard input is a terminal (the shim's isatty(0))
     * @param stdinSource reads the whole standard input when first asked
     */
    public CommandContext(String host, List<String> argv, Map<String, String> env, String cwd,
                          boolean stdinIsTerminal, Supplier<byte[]> stdinSource) {
        this.host = host;
        this.argv = List.copyOf(argv);
        this.env = Map.copyOf(env);
        this.cwd = cwd;
        this.stdinIsTerminal = stdinIsTerminal;
        this.stdinSource = stdinSource;
    }

    /** A command whose standard input is a pipe carrying {@code stdin}. */
    public static CommandContext of(String host, List<String> argv, Map<String, String> env, String stdin) {
        return of(host, argv, env, stdin, false);
    }

    /** A command whose standard input carries {@code stdin}; a terminal when {@code terminal} (lines typed). */
    public static CommandContext of(String host, List<String> argv, Map<String, String> env, String stdin,
                                    boolean terminal) {
        byte[] bytes = stdin.getBytes(StandardCharsets.UTF_8);
        return new CommandContext(host, argv, env, "/root", terminal, () -> bytes);
    }

    public String host() {
        return host;
    }

    public List<String> argv() {
        return argv;
    }

    public Map<String, String> env() {
        return env;
    }

    public String cwd() {
        return cwd;
    }

    /**
     * Whether standard input is a terminal, as isatty(0) tells the shim. Programs that prompt for secrets (osc-lib's
     * get_password and prompt_for_password) refuse to read anything else.
     */
    public boolean stdinIsTerminal() {
        return stdinIsTerminal;
    }

    public String name() {
        return argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    }

    public List<String> args() {
        return argv.subList(1, argv.size());
    }

    /** The whole standard input; read from the caller on first use. */
    public synchronized byte[] stdin() {
        if (stdin == null) {
            stdin = stdinSource.get();
        }
        return stdin;
    }

    public String stdinText() {
        return new String(stdin(), StandardCharsets.UTF_8);
    }
}

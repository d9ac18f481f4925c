package io.pikeoperator.hostsim.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts processes "on" a simulated host: the machine's own bash and coreutils inside the host's root, entered
 * through {@code twin-enter} (its own mount, network, PID and UTS namespaces; no network but a down loopback).
 * The environment is built here, never inherited from the JVM.
 */
public final class Sandbox {

    /** root's PATH on CentOS 7. Twin-backed commands live at their real paths (e.g. /usr/bin/yum). */
    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin";

    private final Path enter;
    private final Path hostDir;
    private final Path socket;
    private final String hostname;

    /**
     * @param enter    the twin-enter binary
     * @param hostDir  the host's directory (root/, usr/upper, usr/work, twin/)
     * @param socket   the model's unix socket for this host
     * @param hostname the name the host's UTS namespace gets
     */
    public Sandbox(Path enter, Path hostDir, Path socket, String hostname) {
        this.enter = enter;
        this.hostDir = hostDir;
        this.socket = socket;
        this.hostname = hostname;
    }

    /** {@code bash -c command}, as sshd runs an exec request. */
    public Process exec(String command, Map<String, String> clientEnv) throws IOException {
        return start(List.of("/bin/bash", "-c", command), clientEnv);
    }

    /** A login shell without a terminal, as sshd runs a shell request. */
    public Process shell(Map<String, String> clientEnv) throws IOException {
        return start(List.of("/bin/bash", "-l"), clientEnv);
    }

    private Process start(List<String> program, Map<String, String> clientEnv) throws IOException {
        List<String> argv = new ArrayList<>(List.of(enter.toString(), hostDir.toString(), hostname,
                socket.toString()));
        argv.addAll(program);
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        env.clear();
        clientEnv.forEach((k, v) -> {
            if (k.equals("LANG") || k.startsWith("LC_")) {
                env.put(k, v);
            }
        });
        env.put("PATH", PATH);
        env.put("HOME", "/root");
        env.put("USER", "root");
        env.put("LOGNAME", "root");
        env.put("SHELL", "/bin/bash");
        env.put("HOSTNAME", hostname);
        env.putIfAbsent("LANG", "en_US.UTF-8");
        return pb.start();
    }
}

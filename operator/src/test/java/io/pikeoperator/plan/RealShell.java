package io.pikeoperator.plan;

import io.pikeoperator.ssh.ExecResult;
import io.pikeoperator.ssh.RemoteShell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * This machine's bash as the "host" of a real daemon: every command runs in a private mount namespace where
 * the paths the operator writes (e.g. /root, /etc/rabbitmq) are bind mounts of a test's temp dirs, so the
 * operator's scripts run unchanged and the machine's own files are never touched. Inputs arrive on stdin as
 * with SSH. A rewrite hook lets a test adapt a script to a newer server version, explicitly.
 */
final class RealShell implements RemoteShell {

    private final Map<Path, String> binds;
    private final Map<String, String> env;
    final List<String> commands = new ArrayList<>();
    private UnaryOperator<Exec> rewrite = UnaryOperator.identity();

    record Exec(String command, byte[] stdin) {
    }

    RealShell(Map<Path, String> binds, Map<String, String> env) {
        this.binds = new LinkedHashMap<>(binds);
        this.env = new LinkedHashMap<>(env);
    }

    void rewriting(UnaryOperator<Exec> value) {
        this.rewrite = value;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
        Exec e = rewrite.apply(new Exec(command, stdin == null ? new byte[0] : stdin));
        commands.add(e.command());
        StringBuilder mounts = new StringBuilder();
        binds.forEach((from, to) -> mounts.append("mount --bind '").append(from).append("' '").append(to).append("' && "));
        List<String> argv = List.of("unshare", "-m", "--propagation", "private", "bash", "-c",
                mounts + "cd / && exec bash -c \"$1\"", "bash", e.command());
        try {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().putAll(env);
            Process p = pb.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            try {
                p.getOutputStream().write(e.stdin());
                p.getOutputStream().close();
            } catch (IOException closedEarly) {
                // the command did not read its input
            }
            Duration max = timeout == null ? Duration.ofMinutes(2) : timeout;
            if (!p.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("command ran longer than " + max + ": " + e.command());
            }
            return new ExecResult(p.exitValue(), out.join(), err.join(), false, Duration.ZERO);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Runs a command and gives its exit status and stdout+stderr, as a probe would see them. */
    Result run(String command) {
        ExecResult r = exec(command, new byte[0], null);
        return new Result(r.exitStatus(), r.stdout() + r.stderr());
    }

    record Result(int exit, String output) {
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void awaitReconnect(Duration max) {
    }

    @Override
    public String describe() {
        return "local bash (real daemon)";
    }

    @Override
    public void close() {
    }
}

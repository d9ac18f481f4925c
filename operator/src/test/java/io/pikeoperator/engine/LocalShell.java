package io.pikeoperator.engine;

import io.pikeoperator.ssh.ExecResult;
import io.pikeoperator.ssh.RemoteShell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The machine's own bash standing in for a host's shell: every command line it ran is kept. */
final class LocalShell implements RemoteShell {

    final List<String> commands = new ArrayList<>();

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
        commands.add(command);
        try {
            Process p = new ProcessBuilder("bash", "-c", command).start();
            p.getOutputStream().write(stdin);
            p.getOutputStream().close();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new ExecResult(p.waitFor(), out, err, false, Duration.ZERO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void awaitReconnect(Duration max) {
    }

    @Override
    public String describe() {
        return "local bash";
    }

    @Override
    public void close() {
    }
}

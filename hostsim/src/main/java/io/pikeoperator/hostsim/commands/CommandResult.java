package io.pikeoperator.hostsim.commands;

import java.nio.charset.StandardCharsets;

/** What a twin-backed command produced: exit status and the bytes it wrote to stdout and stderr. */
public record CommandResult(int exit, byte[] stdout, byte[] stderr) {

    public static CommandResult ok(String stdout) {
        return new CommandResult(0, bytes(stdout), new byte[0]);
    }

    public static CommandResult fail(int exit, String stderr) {
        return new CommandResult(exit, new byte[0], bytes(stderr));
    }

    public static CommandResult of(int exit, String stdout, String stderr) {
        return new CommandResult(exit, bytes(stdout), bytes(stderr));
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}

package io.pikeoperator.engine;

import io.pikeoperator.ssh.ExecResult;
import io.pikeoperator.ssh.RemoteShell;
import io.pikeoperator.ssh.SshException;

import java.time.Duration;
import java.util.List;

/** The changes a step may make on its host: commands, atomic file writes, restarts, a reboot. */
public final class Actions {

    private final RemoteShell shell;
    private final Redactor redactor;
    private final RunContext context;
    private final Duration rebootWait;
    private final Duration commandTimeout;
    private int execs;
    private boolean reached;

    Actions(RemoteShell shell, Redactor redactor, RunContext context, Duration rebootWait, Duration commandTimeout) {
        this.shell = shell;
        this.redactor = redactor;
        this.context = context;
        this.rebootWait = rebootWait;
        this.commandTimeout = commandTimeout;
    }

    int execs() {
        return execs;
    }

    /** Whether a command of this run got an answer from the host (a host never reached is not waited for). */
    boolean reached() {
        return reached;
    }

    /** Runs {@code script} within {@code timeout} (null: the run's command timeout). */
    ExecResult exec(Script script, Duration timeout) throws SshException {
        execs++;
        ExecResult r = shell.exec(script.command(), script.stdin(), timeout == null ? commandTimeout : timeout);
        reached = true;
        return r;
    }

    public ExecResult run(Script script) throws SshException {
        return exec(script, null);
    }

    /** Runs {@code script}; a non-zero exit fails the step with {@code reason} and the output's last lines. */
    public ExecResult require(Script script, String reason, String what) throws SshException, StepFailure {
        ExecResult r = run(script);
        if (!r.ok()) {
            throw new StepFailure(reason, what + " failed (exit " + r.exitStatus() + "): " + tail(r));
        }
        return r;
    }

    /** Where a pending restart of a unit is recorded on its host: one empty file per unit, removed once restarted. */
    public static final String PENDING_RESTART_DIR = "/var/lib/pike-operator/pending-restart";

    /** Shell lines that record a pending restart of {@code units} on the host (nothing for none). */
    public static String markPending(List<String> units) {
        if (units.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("{ mkdir -p " + Shell.quote(PENDING_RESTART_DIR));
        units.forEach(u -> s.append(" && : > ").append(Shell.quote(PENDING_RESTART_DIR + "/" + u)));
        return s.append("; } || exit 1\n").toString();
    }

    /** Writes {@code content} to a temp file beside the target, sets owner, group and mode, then renames it. */
    public void writeFile(ManagedFile file, String content) throws SshException, StepFailure {
        writeFile(file, content, List.of());
    }

    /**
     * As {@link #writeFile(ManagedFile, String)}, and in the same script, before the rename, records a pending restart
     * of {@code restart} on the host: a restart lost with the connection (or the operator) is found on the next pass.
     */
    public void writeFile(ManagedFile file, String content, List<String> restart) throws SshException, StepFailure {
        String dir = Shell.quote(file.directory());
        String path = Shell.quote(file.path());
        Script s = Script.of("set -e\nmkdir -p " + dir + "\n"
                + "tmp=$(mktemp " + Shell.quote(file.directory() + "/.pike-XXXXXX") + ")\n"
                + "trap 'rm -f \"$tmp\"' EXIT\n"
                + "printf '%s' \"$FILE_CONTENT\" > \"$tmp\"\n"
                + "chown " + Shell.quote(file.owner() + ":" + file.group()) + " \"$tmp\"\n"
                + "chmod " + file.modeOctal() + " \"$tmp\"\n"
                + markPending(restart)
                + "mv -f \"$tmp\" " + path + "\ntrap - EXIT\n"
                + "if command -v restorecon >/dev/null 2>&1; then restorecon " + path + " || true; fi")
                .with("FILE_CONTENT", content);
        require(s, "ConfigWriteFailed", "writing " + file.path());
    }

    /** The units that read a changed file restart once, at their service step. */
    public void notifyUnits(List<String> units) {
        context.notifyUnits(units);
    }

    /**
     * Reboots the host and waits until {@code booted} holds for the output of {@code probe} (e.g. the new kernel
     * runs): the command may return before the host goes down, so answering SSH alone proves nothing.
     */
    public void reboot(Script probe, java.util.function.Predicate<String> booted) throws SshException, StepFailure {
        try {
            run(Script.of("reboot"));
        } catch (SshException.ConnectionDropped expected) {
            // The host went down under the command, as it should.
        }
        long deadline = System.nanoTime() + rebootWait.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (booted.test(run(probe).stdout())) {
                    return;
                }
                Thread.sleep(500);
            } catch (SshException.ConnectionDropped | SshException.ConnectFailed down) {
                shell.awaitReconnect(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailure("RebootFailed", "interrupted while waiting for the reboot");
            }
        }
        throw new StepFailure("RebootFailed", "the host did not come back from its reboot within " + rebootWait);
    }

    /**
     * The last 3 lines of a command's output, at most 300 characters, redacted. Redaction comes before every cut:
     * each stream's end is redacted first (a secret the output limit cut in half is masked too), then lines are
     * picked and the text shortened.
     */
    public String tail(ExecResult r) {
        String text = (visibleEnd(r.stdout(), r.truncated()) + "\n" + visibleEnd(r.stderr(), r.truncated())).strip();
        List<String> lines = text.lines().toList();
        String last = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        if (last.length() > 300) {
            last = last.substring(last.length() - 300);
        }
        return last;
    }

    /** Longest stretch of one stream that is redacted for {@link #tail}; more is cut off (and its cut masked). */
    private static final int TAIL_WINDOW = 8192;

    /**
     * The end of one stream, redacted: its last 3 non-blank lines (no secret spans lines: passwords are one line
     * of printable ASCII and none of their forms holds a newline), at most {@link #TAIL_WINDOW} characters.
     */
    private String visibleEnd(String stream, boolean cutAtEnd) {
        int end = stream.length();
        int content = end;
        while (content > 0 && Character.isWhitespace(stream.charAt(content - 1))) {
            content--;
        }
        int start = content;
        int newlines = 0;
        while (start > 0 && !(stream.charAt(start - 1) == '\n' && ++newlines == 3)) {
            start--;
        }
        boolean cutAtStart = false;
        if (end - start > TAIL_WINDOW) {
            start = end - TAIL_WINDOW;
            cutAtStart = true;
        }
        return redactor.redactCut(stream.substring(start, end), cutAtStart, cutAtEnd);
    }
}

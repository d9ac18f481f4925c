package io.pikeoperator.plan.step;

import io.pikeoperator.engine.Actions;
import io.pikeoperator.engine.ManagedFile;
import io.pikeoperator.engine.Observation;
import io.pikeoperator.engine.Observations;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.RunContext;
import io.pikeoperator.engine.Shell;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepFailure;
import io.pikeoperator.ssh.SshException;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A file brought to its target by an edit of its current content (an INI merge, a line edit, or a whole new
 * content), with its owner, group and mode. A content change notifies the units that read the file.
 */
public final class FileStep extends Step {

    private static final String ABSENT = "@absent";

    private final ManagedFile file;
    private final BiFunction<String, RunContext, String> edit;
    private final List<String> notifies;
    private final Probe probe;

    public FileStep(String service, ManagedFile file, BiFunction<String, RunContext, String> edit, List<String> notifies) {
        super(service, file.path());
        this.file = file;
        this.edit = edit;
        this.notifies = List.copyOf(notifies);
        String p = Shell.quote(file.path());
        this.probe = Probe.of("if [ -f " + p + " ]; then stat -c '%U %G %a' " + p + " && cat " + p
                + "; else echo " + ABSENT + "; fi");
    }

    public ManagedFile file() {
        return file;
    }

    /** The content this step writes over {@code current}: what the plan means the file to hold. */
    public String wanted(String current, RunContext context) {
        return edit.apply(current, context);
    }

    @Override
    public List<Probe> probes() {
        return List.of(probe);
    }

    private record Current(boolean exists, String owner, String group, int mode, String content) {
    }

    private Current current(Observations seen) throws StepFailure {
        Observation o = seen.get(probe);
        String out = o.output();
        if (out.strip().equals(ABSENT)) {
            return new Current(false, null, null, 0, "");
        }
        int nl = out.indexOf('\n');
        String[] stat = (nl < 0 ? out : out.substring(0, nl)).strip().split(" ");
        if (!o.ok() || stat.length != 3) {
            throw new StepFailure("CheckFailed", "cannot read " + file.path() + " (exit " + o.exit() + ")");
        }
        return new Current(true, stat[0], stat[1], Integer.parseInt(stat[2], 8), nl < 0 ? "" : out.substring(nl + 1));
    }

    @Override
    public String difference(Observations seen, RunContext context) throws StepFailure {
        Current c = current(seen);
        if (!c.exists()) {
            return "missing";
        }
        String wanted = edit.apply(c.content(), context);
        if (!wanted.equals(c.content())) {
            return changedLines(c.content(), wanted) + " line(s) differ";
        }
        if (!c.owner().equals(file.owner()) || !c.group().equals(file.group()) || c.mode() != file.mode()) {
            return "owner/mode " + c.owner() + ":" + c.group() + " " + Integer.toOctalString(c.mode()) + ", wanted "
                    + file.owner() + ":" + file.group() + " " + Integer.toOctalString(file.mode());
        }
        return null;
    }

    @Override
    public void apply(Observations seen, RunContext context, Actions actions) throws StepFailure, SshException {
        Current c = current(seen);
        String wanted = edit.apply(c.content(), context);
        boolean changed = !c.exists() || !wanted.equals(c.content());
        actions.writeFile(file, wanted, changed ? notifies : List.of());
        if (changed) {
            actions.notifyUnits(notifies);
        }
    }

    @Override
    public List<String> notifies() {
        return notifies;
    }

    @Override
    public boolean canActEarly(Observations seen, RunContext context) throws StepFailure {
        Current c = current(seen);
        return c.exists() && !notifies.isEmpty() && !edit.apply(c.content(), context).equals(c.content());
    }

    @Override
    public String failureReason() {
        return "ConfigWriteFailed";
    }

    private static long changedLines(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        return y.stream().filter(l -> !x.contains(l)).count() + x.stream().filter(l -> !y.contains(l)).count();
    }
}

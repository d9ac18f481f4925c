package io.pikeoperator.plan.step;

import io.pikeoperator.engine.Observation;
import io.pikeoperator.engine.Probe;
import io.pikeoperator.engine.Script;
import io.pikeoperator.engine.Step;

import java.util.List;
import java.util.function.Predicate;

/**
 * A schema sync guarded by the service's own version command, read as upstream answers it (hostsim/FIDELITY.md).
 * Neither answer of an unsynced database is an error: sqlalchemy-migrate repositories (Keystone, Nova) place an
 * empty database under version control and print the initial version; Glance's alembic prints a sentence.
 */
public final class SchemaSync {

    private SchemaSync() {
    }

    /** A sqlalchemy-migrate repository: synced once the version printed last is above the initial one. */
    public static Predicate<Observation> versionAbove(int initial) {
        return o -> {
            String last = lastLine(o);
            return o.ok() && last.matches("\\d{1,6}") && Integer.parseInt(last) > initial;
        };
    }

    /** Glance's alembic: synced once the last line is a revision name (one word), not the "please run db sync" text. */
    public static Predicate<Observation> alembicRevision() {
        return o -> o.ok() && lastLine(o).matches("[a-z][a-z0-9_]*");
    }

    public static Step step(String service, String name, String versionCommand, Predicate<Observation> synced, String missing,
                     String syncCommand) {
        Probe version = Probe.of(versionCommand);
        return GuardedStep.action(service, name, List.of(version),
                (seen, ctx) -> synced.test(seen.get(version)) ? null : missing,
                (seen, ctx) -> Script.of(syncCommand), "CommandFailed");
    }

    private static String lastLine(Observation o) {
        List<String> lines = o.lines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}

package io.pikeoperator.engine;

import java.util.Collection;
import java.util.stream.Collectors;

/** Quoting for the remote bash: every value that reaches a command line goes through here. */
public final class Shell {

    private Shell() {
    }

    /** One single-quoted word; a quote inside becomes '\'' so any byte sequence survives. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    public static String quoteAll(Collection<String> values) {
        return values.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}

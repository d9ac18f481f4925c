package io.pikeoperator.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Whether stdout is a person's terminal, and how wide it is. */
final class Terminal {

    private static final int DEFAULT_COLUMNS = 100;

    private Terminal() {
    }

    /** A terminal on stdin and stdout (Java 17: System.console() is null otherwise) that understands cursor moves. */
    static boolean isInteractive() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** $COLUMNS, else what {@code stty size} says of the terminal, else 100. */
    static int columns() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
        } catch (NumberFormatException e) {
            // not exported by most shells: ask the terminal
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] size = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().split(" ");
            return p.waitFor() == 0 && size.length == 2 ? Integer.parseInt(size[1]) : DEFAULT_COLUMNS;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_COLUMNS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_COLUMNS;
        }
    }
}

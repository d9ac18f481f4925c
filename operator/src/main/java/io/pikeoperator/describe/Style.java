package io.pikeoperator.describe;

/**
 * Colour for a terminal, none otherwise: green when ready, red for an Error, yellow for a Warning, cyan for Info.
 * Only on a console and when NO_COLOR is not set (https://no-color.org).
 */
public record Style(boolean colour) {

    public static final Style PLAIN = new Style(false);

    private static final String RESET = "\u001b[0m";

    /** Colour when standard output is a terminal and NO_COLOR is unset or empty. */
    public static Style forTerminal() {
        String noColor = System.getenv("NO_COLOR");
        return new Style(System.console() != null && (noColor == null || noColor.isEmpty()));
    }

    String ready(String status, Severity severity) {
        return paint(status, "True".equals(status) ? "32" : code(severity));
    }

    String severity(String label, Severity severity) {
        return paint(label, code(severity));
    }

    private static String code(Severity severity) {
        return switch (severity) {
            case ERROR -> "31";
            case WARNING -> "33";
            case INFO -> "36";
            case NONE -> null;
        };
    }

    private String paint(String text, String code) {
        return !colour || code == null || text.isEmpty() ? text : "\u001b[" + code + "m" + text + RESET;
    }
}

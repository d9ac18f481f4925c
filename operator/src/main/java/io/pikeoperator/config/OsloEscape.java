package io.pikeoperator.config;

/**
 * oslo.config's '$' escaping: '$' starts a substitution, so it is doubled; but oslo.config (4.11, Pike's pin, as
 * today: ConfigOpts._substitute) first turns every backslash-dollar into "$$", so a '$' that follows a backslash is
 * written as a second backslash and the '$' ("\$" becomes "\\$", read as "\$$", then "\$").
 */
public final class OsloEscape {

    private OsloEscape() {
    }

    public static String dollars(String value) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '$') {
                escaped.append(c);
            } else {
                escaped.append(i > 0 && value.charAt(i - 1) == '\\' ? "\\$" : "$$");
            }
        }
        return escaped.toString();
    }
}

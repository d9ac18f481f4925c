package io.pikeoperator.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets keys in an INI file (oslo.config, MySQL option files) in place, as the guide's hand edits do: an active
 * {@code key = value} line is replaced, a missing key is added under its section's header, a missing section
 * is appended. Comments, other keys and other sections stay as they are; an unchanged file stays byte-equal.
 */
public final class IniFile {

    private final List<String> lines;
    private final boolean trailingNewline;

    private IniFile(String text) {
        this.trailingNewline = text.isEmpty() || text.endsWith("\n");
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        this.lines = text.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(body.split("\n", -1)));
    }

    public static IniFile parse(String text) {
        return new IniFile(text);
    }

    /** The active value of {@code key} in {@code section}, or null. */
    public String get(String section, String key) {
        int header = header(section);
        if (header < 0) {
            return null;
        }
        for (int i = header + 1; i < lines.size() && !isHeader(lines.get(i)); i++) {
            String k = keyOf(lines.get(i));
            if (key.equals(k)) {
                String l = lines.get(i);
                return l.substring(l.indexOf('=') + 1).strip();
            }
        }
        return null;
    }

    public IniFile set(String section, String key, String value) {
        String wanted = key + " = " + value;
        int header = header(section);
        if (header < 0) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                lines.add("");
            }
            lines.add("[" + section + "]");
            lines.add(wanted);
            return this;
        }
        boolean found = false;
        for (int i = header + 1; i < lines.size() && !isHeader(lines.get(i)); i++) {
            if (key.equals(keyOf(lines.get(i)))) {
                if (found) {
                    lines.remove(i--);
                } else {
                    found = true;
                    if (!(lines.get(i).strip().replaceAll("\\s*=\\s*", " = ").equals(wanted))) {
                        lines.set(i, wanted);
                    }
                }
            }
        }
        if (!found) {
            lines.add(header + 1, wanted);
        }
        return this;
    }

    public String text() {
        String body = String.join("\n", lines);
        return trailingNewline && !lines.isEmpty() ? body + "\n" : body;
    }

    private int header(String section) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("[" + section + "]")) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isHeader(String line) {
        String l = line.strip();
        return l.startsWith("[") && l.endsWith("]");
    }

    private static String keyOf(String line) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || !l.contains("=")) {
            return null;
        }
        return l.substring(0, l.indexOf('=')).strip();
    }
}

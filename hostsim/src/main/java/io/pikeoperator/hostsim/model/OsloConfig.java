package io.pikeoperator.hostsim.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenStack configuration file read the way oslo.config reads it: sections, "key = value" (or ':'), comment
 * lines starting with '#' or ';' (no inline comments), continuation lines, surrounding whitespace dropped, a value
 * wrapped in matching quotes unwrapped (a lone quote too: it is its own matching pair), the last occurrence of a
 * key winning, and {@code $name}/{@code ${name}}/{@code ${group.name}} substituted from the same section or
 * [DEFAULT] ({@code $$} is a literal '$', and so is a backslash-dollar: oslo.config turns every "\$" into "$$"
 * first; a '$' not followed by a name that starts with a letter or '_' stays as it is: string.Template's
 * safe_substitute). A reference to an unknown name is an error, as in oslo.config (NoSuchOptError; the twin
 * reports it as TemplateSubstitutionError). Source: openstack/oslo.config@4.11.2 (Pike's pin):
 * oslo_config/iniparser.py BaseParser.parse/_split_key_value, oslo_config/cfg.py ConfigOpts._substitute.
 */
public final class OsloConfig {

    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    private final List<String> parseErrors = new ArrayList<>();

    private OsloConfig() {
    }

    public static OsloConfig parse(String text) {
        OsloConfig cfg = new OsloConfig();
        String section = null;
        String lastKey = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                lastKey = null;
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && lastKey != null && section != null) {
                Map<String, String> s = cfg.sections.get(section);
                s.put(lastKey, s.get(lastKey) + "\n" + stripped);
                continue;
            }
            if (stripped.startsWith("[")) {
                if (!stripped.endsWith("]")) {
                    cfg.parseErrors.add("line " + lineNo + ": invalid section header");
                    continue;
                }
                section = stripped.substring(1, stripped.length() - 1).strip();
                cfg.sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int eq = indexOfSeparator(stripped);
            if (eq <= 0 || section == null) {
                cfg.parseErrors.add("line " + lineNo + ": " + (section == null ? "no section header" : "no value"));
                continue;
            }
            String key = stripped.substring(0, eq).strip();
            String value = unquote(stripped.substring(eq + 1).strip());
            cfg.sections.get(section).put(key, value);
            lastKey = key;
        }
        return cfg;
    }

    /** Problems a service would refuse to start with (oslo.config ParseError). */
    public List<String> parseErrors() {
        return parseErrors;
    }

    /** The raw value (no substitution). */
    public Optional<String> raw(String section, String key) {
        return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(key));
    }

    /**
     * The value as a service sees it, substitutions applied.
     *
     * @throws SubstitutionError when the value names an option that does not exist
     */
    public Optional<String> get(String section, String key) {
        Optional<String> raw = raw(section, key);
        if (raw.isEmpty() && !"DEFAULT".equals(section)) {
            return Optional.empty();
        }
        return raw.map(v -> substitute(section, v, 0));
    }

    public String get(String section, String key, String fallback) {
        return get(section, key).orElse(fallback);
    }

    public boolean has(String section, String key) {
        return raw(section, key).isPresent();
    }

    private String substitute(String section, String original, int depth) {
        if (depth > 10) {
            throw new SubstitutionError("substitution loop in " + original);
        }
        String value = original.replace("\\$", "$$");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '$') {
                out.append(c);
                continue;
            }
            if (i + 1 < value.length() && value.charAt(i + 1) == '$') {
                out.append('$');
                i++;
                continue;
            }
            int start = i + 1;
            boolean braced = start < value.length() && value.charAt(start) == '{';
            int from = braced ? start + 1 : start;
            int end = from;
            while (end < value.length() && isNameChar(value.charAt(end), end == from)) {
                end++;
            }
            String name = value.substring(from, end);
            if (name.isEmpty() || (braced && (end >= value.length() || value.charAt(end) != '}'))) {
                out.append('$'); // an invalid placeholder: safe_substitute leaves it as it is
                continue;
            }
            i = braced ? end : end - 1;
            String group = name.contains(".") ? name.substring(0, name.indexOf('.')) : section;
            String option = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
            String ref = raw(group, option).or(() -> raw("DEFAULT", name)).orElseThrow(
                    () -> new SubstitutionError("Could not find name " + name));
            out.append(substitute(group, ref, depth + 1));
        }
        return out.toString();
    }

    /** string.Template with oslo.config's idpattern {@code [_a-z][\._a-z0-9]*}, case-insensitive (ASCII). */
    private static boolean isNameChar(char c, boolean first) {
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        return first ? letter : letter || (c >= '0' && c <= '9') || c == '.';
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon >= 0 && colon < eq ? colon : eq;
    }

    private static String unquote(String value) {
        if (!value.isEmpty() && value.charAt(0) == value.charAt(value.length() - 1)
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            return value.length() == 1 ? "" : value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** oslo.config's TemplateSubstitutionError. */
    public static final class SubstitutionError extends RuntimeException {
        public SubstitutionError(String message) {
            super(message);
        }
    }
}

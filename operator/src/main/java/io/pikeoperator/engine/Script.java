package io.pikeoperator.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A bash script for one exec channel plus its inputs. Inputs (passwords, file contents) never appear in the
 * script text: they travel on stdin as NUL-separated name/value pairs and a short preamble reads them into
 * shell variables with builtins only, so they show up in no process's argv. The script refers to them as
 * {@code "$NAME"}.
 */
public final class Script {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final String PREAMBLE = "while IFS= read -r -d '' __k && IFS= read -r -d '' __v; do "
            + "printf -v \"$__k\" '%s' \"$__v\"; done; unset __k __v\n";

    private final String text;
    private final Map<String, String> inputs;

    private Script(String text, Map<String, String> inputs) {
        this.text = text;
        this.inputs = inputs;
    }

    public static Script of(String text) {
        return new Script(text, Map.of());
    }

    /** The same script with one more input, available to it as {@code "$name"}. */
    public Script with(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("input names are upper-case shell names: " + name);
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("input " + name + " contains a NUL byte");
        }
        Map<String, String> more = new LinkedHashMap<>(inputs);
        String before = more.put(name, value);
        if (before != null && !before.equals(value)) {
            throw new IllegalArgumentException("input " + name + " given twice with different values");
        }
        return new Script(text, Collections.unmodifiableMap(more));
    }

    public Script withAll(Map<String, String> more) {
        Script s = this;
        for (Map.Entry<String, String> e : more.entrySet()) {
            s = s.with(e.getKey(), e.getValue());
        }
        return s;
    }

    public String text() {
        return text;
    }

    public Map<String, String> inputs() {
        return inputs;
    }

    /** The command line sent to the host: no input values in it. */
    public String command() {
        return inputs.isEmpty() ? text : PREAMBLE + text;
    }

    public byte[] stdin() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            out.writeBytes(e.getKey().getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.writeBytes(e.getValue().getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return text;
    }
}

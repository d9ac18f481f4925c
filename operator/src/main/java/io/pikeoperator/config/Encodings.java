package io.pikeoperator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How a value (usually a password) is written into each kind of file, statement or request so it arrives
 * unchanged. The plan writes with these and the redactor masks what these produce, so the two cannot drift apart.
 * The {@code *Escaped} forms are what stands between the quotes of the quoted forms.
 */
public final class Encodings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Encodings() {
    }

    /**
     * An oslo.config value: '$' escaped as oslo.config reads it ({@link OsloEscape}); surrounding whitespace or
     * quotes would be stripped by the parser, so such a value is wrapped in double quotes (the parser removes one
     * pair).
     */
    public static String oslo(String value) {
        String v = OsloEscape.dollars(value);
        boolean wrap = v.isEmpty() || !v.strip().equals(v) || v.startsWith("\"") || v.startsWith("'");
        return wrap ? "\"" + v + "\"" : v;
    }

    /** A URL's userinfo part: everything but unreserved characters percent-encoded. */
    public static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }

    /** A MySQL string literal. */
    public static String sql(String value) {
        return "'" + sqlEscaped(value) + "'";
    }

    /** The inside of {@link #sql}. */
    public static String sqlEscaped(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    /** A quoted value in a MySQL option file. */
    public static String optionFile(String value) {
        return "\"" + doubleQuoteEscaped(value) + "\"";
    }

    /** The inside of {@link #optionFile} and of {@link #curlConfig}: '\\' and '"' escaped. */
    public static String doubleQuoteEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** A JSON document (a request body). */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON", e);
        }
    }

    /** A string as it stands inside a JSON document written by {@link #json}, without its quotes. */
    public static String jsonEscaped(String value) {
        String quoted = json(value);
        return quoted.substring(1, quoted.length() - 1);
    }

    /** One line of a curl config file ({@code -K}): the parameter in double quotes, '\\' and '"' escaped. */
    public static String curlConfig(String option, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a curl config parameter is one line");
        }
        return option + " = \"" + doubleQuoteEscaped(value) + "\"";
    }
}

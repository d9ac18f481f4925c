package io.pikeoperator.plan;

import io.pikeoperator.config.OsloEscape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How a value (usually a password) is written into each kind of file or statement so it arrives unchanged. */
final class Values {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private Values() {
    }

    /**
     * An oslo.config value: '$' escaped as oslo.config reads it ({@link OsloEscape}); surrounding whitespace or
     * quotes would be stripped by the parser, so such a value is wrapped in double quotes (the parser removes one
     * pair).
     */
    static String oslo(String value) {
        String v = OsloEscape.dollars(value);
        boolean wrap = v.isEmpty() || !v.strip().equals(v) || v.startsWith("\"") || v.startsWith("'");
        return wrap ? "\"" + v + "\"" : v;
    }

    /** A URL's userinfo part: everything but unreserved characters percent-encoded. */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }

    /** A MySQL string literal. */
    static String sql(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A quoted value in a MySQL option file. */
    static String optionFile(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** An SQLAlchemy URL to a database on the controller, as an oslo.config value. */
    static String dbUrl(String user, String password, String host, String database) {
        return oslo("mysql+pymysql://" + user + ":" + url(password) + "@" + host + "/" + database);
    }

    /** A JSON document (a request body). */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON", e);
        }
    }

    /** One line of a curl config file ({@code -K}): the parameter in double quotes, '\\' and '"' escaped. */
    static String curlConfig(String option, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a curl config parameter is one line");
        }
        return option + " = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Shell variable name of a password input, e.g. PW_NOVA_DB. */
    static String inputName(String passwordKey) {
        return "PW_" + passwordKey.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}

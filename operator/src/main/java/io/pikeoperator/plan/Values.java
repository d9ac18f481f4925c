package io.pikeoperator.plan;

import io.pikeoperator.config.Encodings;

/**
 * How a value (usually a password) is written into each kind of file or statement so it arrives unchanged: the
 * plan's names for {@link Encodings}, which the redactor uses too.
 */
public final class Values {

    private Values() {
    }

    /** {@link Encodings#oslo}. */
    public static String oslo(String value) {
        return Encodings.oslo(value);
    }

    /** {@link Encodings#url}. */
    public static String url(String value) {
        return Encodings.url(value);
    }

    /** {@link Encodings#sql}. */
    public static String sql(String value) {
        return Encodings.sql(value);
    }

    /** {@link Encodings#optionFile}. */
    public static String optionFile(String value) {
        return Encodings.optionFile(value);
    }

    /** An SQLAlchemy URL to a database on the controller, as an oslo.config value. */
    public static String dbUrl(String user, String password, String host, String database) {
        return oslo(sqlAlchemyUrl(user, password, host, database));
    }

    /** An SQLAlchemy URL to a database on the controller, as nova reads it (and stores it in a cell mapping). */
    public static String sqlAlchemyUrl(String user, String password, String host, String database) {
        return "mysql+pymysql://" + user + ":" + url(password) + "@" + host + "/" + database;
    }

    /** {@link Encodings#json}. */
    public static String json(Object value) {
        return Encodings.json(value);
    }

    /** {@link Encodings#curlConfig}. */
    public static String curlConfig(String option, String value) {
        return Encodings.curlConfig(option, value);
    }

    /** Shell variable name of a password input, e.g. PW_NOVA_DB. */
    public static String inputName(String passwordKey) {
        return "PW_" + passwordKey.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}

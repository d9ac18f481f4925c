package io.pikeoperator.plan;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every service password of a cluster, keyed as in the passwords Secret (SPEC §3). Missing keys are generated:
 * 32 random letters and digits from a SecureRandom. Given passwords may hold any printable ASCII character.
 * {@link #toString()} never shows a value.
 */
public final class Passwords {

    public static final String ADMIN = "admin";
    public static final String DEMO = "demo";
    public static final String MARIADB_ROOT = "mariadb-root";
    public static final String RABBITMQ = "rabbitmq";
    public static final String KEYSTONE_DB = "keystone-db";
    public static final String GLANCE_DB = "glance-db";
    public static final String GLANCE = "glance";
    public static final String NOVA_DB = "nova-db";
    public static final String NOVA = "nova";
    public static final String PLACEMENT = "placement";
    public static final List<String> KEYS = List.of(ADMIN, DEMO, MARIADB_ROOT, RABBITMQ, KEYSTONE_DB, GLANCE_DB, GLANCE,
            NOVA_DB, NOVA, PLACEMENT);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Map<String, String> values;

    private Passwords(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The passwords given, with the missing ones generated; {@code generated} receives the keys that were. */
    public static Passwords completing(Map<String, String> given, Collection<String> generated) throws InvalidPasswordException {
        Map<String, String> all = new LinkedHashMap<>();
        for (String key : KEYS) {
            String v = given.get(key);
            if (v == null || v.isEmpty()) {
                v = generate();
                generated.add(key);
            }
            validate(key, v);
            all.put(key, v);
        }
        return new Passwords(all);
    }

    public static Passwords of(Map<String, String> given) throws InvalidPasswordException {
        List<String> generated = new ArrayList<>();
        Passwords p = completing(given, generated);
        if (!generated.isEmpty()) {
            throw new InvalidPasswordException("missing passwords: " + String.join(", ", generated));
        }
        return p;
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no password " + key);
        }
        return v;
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Collection<String> all() {
        return values.values();
    }

    static String generate() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static void validate(String key, String value) throws InvalidPasswordException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidPasswordException("password '" + key + "' contains a character that is not printable "
                        + "ASCII (at position " + (i + 1) + ")");
            }
        }
    }

    @Override
    public String toString() {
        return "Passwords" + values.keySet();
    }

    /** A password that cannot be used; the message names the key, never the value. */
    public static final class InvalidPasswordException extends Exception {
        public InvalidPasswordException(String message) {
            super(message);
        }
    }
}

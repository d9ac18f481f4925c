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
 * {@link #toString()} never shows a value. During a rotation it also carries the previous value of each rotating key
 * (the last set applied to every host), for the steps that must authenticate with the old password to set the new
 * one (MariaDB root), and for redaction.
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
    private final Map<String, String> previous;

    private Passwords(Map<String, String> values, Map<String, String> previous) {
        this.values = Map.copyOf(values);
        this.previous = Map.copyOf(previous);
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
        return new Passwords(all, Map.of());
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

    /**
     * These passwords, rotating from {@code applied} (the last set every host converged with): each key whose applied
     * value differs from the current one keeps that value as its previous one. Unknown keys, empty or unusable
     * values are ignored.
     */
    public Passwords rotatingFrom(Map<String, String> applied) {
        Map<String, String> old = new LinkedHashMap<>();
        for (String key : KEYS) {
            String v = applied.get(key);
            if (v != null && !v.isEmpty() && !v.equals(values.get(key)) && printable(v)) {
                old.put(key, v);
            }
        }
        return new Passwords(values, old);
    }

    /** The value {@code key} had before the rotation under way, if it is rotating. */
    public java.util.Optional<String> previous(String key) {
        return java.util.Optional.ofNullable(previous.get(key));
    }

    /** The keys being rotated, in {@link #KEYS} order. */
    public List<String> rotating() {
        return KEYS.stream().filter(previous::containsKey).toList();
    }

    /** Every value to keep out of output: the current ones and, during a rotation, the previous ones. */
    public Collection<String> all() {
        List<String> all = new ArrayList<>(values.values());
        all.addAll(previous.values());
        return all;
    }

    static String generate() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static boolean printable(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
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
        return "Passwords" + values.keySet() + (previous.isEmpty() ? "" : " rotating " + rotating());
    }

    /** A password that cannot be used; the message names the key, never the value. */
    public static final class InvalidPasswordException extends Exception {
        public InvalidPasswordException(String message) {
            super(message);
        }
    }
}

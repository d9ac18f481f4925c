package io.pikeoperator.api.v1alpha1;

/**
 * Validation patterns shared by the three kinds. They end up in the CRD's OpenAPI schema, so the API server
 * (1.20 and later) refuses a bad object before the operator sees it; they are RE2/ECMA compatible.
 */
public final class Patterns {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

    /** An RFC 1123 host name: lower-case labels of letters, digits and '-', separated by dots. */
    public static final String HOSTNAME = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$";

    /** A dotted-quad IPv4 address. */
    public static final String IPV4 = "^" + OCTET + "(\\." + OCTET + "){3}$";

    /** An IPv4 CIDR block such as 10.0.0.0/24. */
    public static final String IPV4_CIDR = "^" + OCTET + "(\\." + OCTET + "){3}/(3[0-2]|[12]?[0-9])$";

    /** A POSIX login name. */
    public static final String LOGIN = "^[a-z_][a-z0-9_-]{0,31}$";

    /** One OpenSSH public key line: type, base64 body, optional comment. */
    public static final String SSH_PUBLIC_KEY =
            "^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521) [A-Za-z0-9+/]+={0,3}( .*)?$";

    /** A Kubernetes object name (RFC 1123 subdomain). */
    public static final String OBJECT_NAME = HOSTNAME;

    /** A key inside a Secret's data. */
    public static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";

    /**
     * An http(s) URL: no white space and no control character (C0, DEL, C1). Spelled out rather than {@code \\s},
     * whose meaning differs between Go's regexp (the API server) and Java's (the command line).
     */
    public static final String HTTP_URL = "^https?://[^\\x00-\\x20\\x7f-\\x9f]+$";

    /** An upstream NTP server as chrony.conf's {@code server NAME iburst} takes it: a host name or IPv4 address. */
    public static final String NTP_SERVER = HOSTNAME;

    /**
     * A Glance image name as {@code openstack image list -f value} prints it on one line: no control character, no
     * line or paragraph separator, no '/', and no white space at either end. Inner spaces are fine (the install guide's
     * scripts quote the name).
     */
    public static final String IMAGE_NAME = "^[^\\x00-\\x20\\x7f-\\x9f\\x{2028}\\x{2029}/]"
            + "([^\\x00-\\x1f\\x7f-\\x9f\\x{2028}\\x{2029}/]*[^\\x00-\\x20\\x7f-\\x9f\\x{2028}\\x{2029}/])?$";

    /** A Keystone region id: letters, digits, '-', '_' and '.', starting with a letter or digit. */
    public static final String REGION = "^[A-Za-z0-9][-A-Za-z0-9_.]*$";

    /** [glance_store] stores: lower-case store names separated by commas. */
    public static final String GLANCE_STORES = "^[a-z]+(,[a-z]+)*$";

    /** One lower-case word, such as a store name. */
    public static final String WORD = "^[a-z]+$";

    /** An absolute path without white space or control characters. */
    public static final String ABSOLUTE_PATH = "^/[^\\x00-\\x20\\x7f-\\x9f]*$";

    /** What each pattern means, for messages: "is not " + the description. */
    public static String describe(String pattern) {
        return switch (pattern) {
            case HOSTNAME -> "a host name (RFC 1123) or IPv4 address: lower-case letters, digits, '-' and '.'";
            case IPV4 -> "an IPv4 address";
            case IPV4_CIDR -> "an IPv4 CIDR block such as 10.0.0.0/24";
            case LOGIN -> "a login name: lower-case letters, digits, '_' and '-'";
            case SSH_PUBLIC_KEY -> "one OpenSSH public key line (type, base64 key, optional comment)";
            case SECRET_KEY -> "a Secret key: letters, digits, '-', '_' and '.'";
            case HTTP_URL -> "an http or https URL without white space or control characters";
            case IMAGE_NAME -> "an image name on one line: no control character, no '/', no white space at either end";
            case REGION -> "a region id: letters, digits, '-', '_' and '.', starting with a letter or digit";
            case GLANCE_STORES -> "lower-case store names separated by commas";
            case WORD -> "one lower-case word";
            case ABSOLUTE_PATH -> "an absolute path without white space or control characters";
            default -> "a match of " + pattern;
        };
    }

    private Patterns() {
    }
}

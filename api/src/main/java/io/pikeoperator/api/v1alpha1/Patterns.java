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

    /** An http(s) URL. */
    public static final String HTTP_URL = "^https?://[^\\s]+$";

    private Patterns() {
    }
}

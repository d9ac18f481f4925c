package io.pikeoperator.ssh;

import java.util.Objects;

/**
 * Where and as whom to connect, and how to trust the host. {@code knownHosts} is the content of an OpenSSH
 * known_hosts file and {@code pinnedHostKey} one OpenSSH public key line; a host key is accepted when known_hosts
 * holds it for this host and port and, if a key is pinned, it is the pinned key (a pin narrows, never widens; with
 * no known_hosts no key is ever accepted). {@code privateKey} is the OpenSSH or PEM text of an
 * ed25519 or RSA key. {@code sudo} wraps every command in {@code sudo -n -H bash -c}.
 */
public record SshTarget(String host, int port, String user, String knownHosts, String pinnedHostKey,
        String privateKey, boolean sudo) {

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKey, "privateKey");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A target that uses sudo unless it logs in as root. */
    public static SshTarget of(String host, int port, String user, String knownHosts, String pinnedHostKey,
            String privateKey) {
        return new SshTarget(host, port, user, knownHosts, pinnedHostKey, privateKey, !"root".equals(user));
    }

    /** "user@host:port": the cache key of a connection and the name in messages. */
    public String key() {
        return user + "@" + host + ":" + port;
    }

    /** "host:port": what {@link SshConnections#lockHost} serialises on, whoever logs in. */
    String hostAndPort() {
        return host + ":" + port;
    }

    /** Never shows the private key; the trust material is public but long, so only its presence is shown. */
    @Override
    public String toString() {
        return "SshTarget[" + key() + ", sudo=" + sudo + ", knownHosts=" + (knownHosts != null)
                + ", pinnedHostKey=" + (pinnedHostKey != null) + "]";
    }
}

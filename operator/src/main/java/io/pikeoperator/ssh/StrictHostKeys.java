package io.pikeoperator.ssh;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Accepts a host key only when it is the pinned key or a known_hosts line for that host and port holds it
 * ({@link KnownHosts} has the matching rules). A key on a matching {@code @revoked} line is refused whatever
 * else vouches for it; {@code @cert-authority} lines are ignored (we do not trust host certificates). Nothing is
 * accepted on first use. sshj reports a refusal only as a TransportException, so the refusal is kept here for
 * {@link #rejection()}; use one instance per connect attempt.
 */
final class StrictHostKeys implements HostKeyVerifier {

    private final List<KnownHosts.Entry> entries;
    private final PublicKey pinned;
    private volatile SshException.HostKeyRejected rejection;

    /**
     * @param knownHosts    known_hosts content, or null
     * @param pinnedHostKey one OpenSSH public key line, or null
     * @throws IllegalArgumentException when the pinned key is not a public key line
     */
    StrictHostKeys(String knownHosts, String pinnedHostKey) {
        this.entries = KnownHosts.parse(knownHosts);
        this.pinned = pinnedHostKey == null || pinnedHostKey.isBlank() ? null : PublicKeys.parseLine(pinnedHostKey);
    }

    /** Why the last {@link #verify} said no, if it did. */
    Optional<SshException.HostKeyRejected> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        List<KnownHosts.Entry> applicable = applicable(hostname, port);
        boolean revoked = applicable.stream().anyMatch(e -> e.revoked() && PublicKeys.same(e.key(), key));
        boolean vouched = (pinned != null && PublicKeys.same(pinned, key))
                || applicable.stream().anyMatch(e -> !e.revoked() && PublicKeys.same(e.key(), key));
        if (vouched && !revoked) {
            rejection = null;
            return true;
        }
        String name = hostname + ":" + port;
        boolean known = pinned != null || applicable.stream().anyMatch(e -> !e.revoked());
        rejection = known || revoked
                ? new SshException.HostKeyRejected("HostKeyMismatch", "host key of " + name
                        + " does not match the known key" + (revoked ? " (it is revoked)" : "") + " (got "
                        + PublicKeys.describe(key) + ")")
                : new SshException.HostKeyRejected("HostKeyUnknown", "host key of " + name
                        + " is not known: no pinned key and no known_hosts entry for it (got "
                        + PublicKeys.describe(key) + ")");
        return false;
    }

    /** The key types we know for the host, so that sshj asks the server for one of those first. */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        Set<String> types = new LinkedHashSet<>();
        if (pinned != null) {
            types.add(KeyType.fromKey(pinned).toString());
        }
        for (KnownHosts.Entry e : applicable(hostname, port)) {
            if (!e.revoked()) {
                types.add(KeyType.fromKey(e.key()).toString());
            }
        }
        return new ArrayList<>(types);
    }

    private List<KnownHosts.Entry> applicable(String hostname, int port) {
        String name = KnownHosts.lookupName(hostname, port);
        return entries.stream()
                .filter(e -> !e.marker().equals("@cert-authority") && e.appliesTo(name))
                .toList();
    }
}

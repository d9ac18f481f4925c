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
 * Accepts a host key only when a known_hosts line for that host and port holds it ({@link KnownHosts} has the
 * matching rules) and, when a key is pinned, it is also the pinned key. A pin narrows known_hosts and never widens
 * it: a pinned key that no known_hosts line for that host and port holds is refused whatever the host presents
 * ({@code HostKeyNotTrusted}), because whoever may write a node's spec is not trusted to choose where passwords go
 * (docs/security.md). A key on a matching {@code @revoked} line is refused whatever else vouches for it;
 * {@code @cert-authority} lines are ignored (we do not trust host certificates). Nothing is accepted on first use.
 * sshj reports a refusal only as a TransportException, so the refusal is kept here for {@link #rejection()}; use
 * one instance per connect attempt.
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

    /**
     * Why the pinned key cannot be trusted for this host and port, whatever key the host presents: it is not in
     * known_hosts for them, or it is revoked. Checked before connecting, and again in {@link #verify}.
     */
    Optional<SshException.HostKeyRejected> pinProblem(String hostname, int port) {
        if (pinned == null) {
            return Optional.empty();
        }
        List<KnownHosts.Entry> applicable = applicable(hostname, port);
        boolean revoked = applicable.stream().anyMatch(e -> e.revoked() && PublicKeys.same(e.key(), pinned));
        boolean known = applicable.stream().anyMatch(e -> !e.revoked() && PublicKeys.same(e.key(), pinned));
        if (known && !revoked) {
            return Optional.empty();
        }
        String name = hostname + ":" + port;
        return Optional.of(new SshException.HostKeyRejected("HostKeyNotTrusted", "the pinned hostKey of " + name
                + " (" + PublicKeys.describe(pinned) + ") "
                + (revoked ? "is revoked in the cluster's known_hosts" : "is not in the cluster's known_hosts for " + name)
                + ": a pin may narrow known_hosts, never add to it"));
    }

    /** Why the last {@link #verify} said no, if it did. */
    Optional<SshException.HostKeyRejected> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        Optional<SshException.HostKeyRejected> pin = pinProblem(hostname, port);
        if (pin.isPresent()) {
            rejection = pin.get();
            return false;
        }
        List<KnownHosts.Entry> applicable = applicable(hostname, port);
        boolean revoked = applicable.stream().anyMatch(e -> e.revoked() && PublicKeys.same(e.key(), key));
        boolean vouched = applicable.stream().anyMatch(e -> !e.revoked() && PublicKeys.same(e.key(), key));
        boolean pinMatches = pinned == null || PublicKeys.same(pinned, key);
        if (vouched && !revoked && pinMatches) {
            rejection = null;
            return true;
        }
        String name = hostname + ":" + port;
        boolean known = applicable.stream().anyMatch(e -> !e.revoked());
        if (pinned != null) {
            // the pin is in known_hosts (pinProblem said so): any other key is narrowed away
            rejection = new SshException.HostKeyRejected("HostKeyMismatch", "host key of " + name
                    + " does not match the pinned key (got " + PublicKeys.describe(key) + ")");
        } else if (known || revoked) {
            rejection = new SshException.HostKeyRejected("HostKeyMismatch", "host key of " + name
                    + " does not match the known key" + (revoked ? " (it is revoked)" : "") + " (got "
                    + PublicKeys.describe(key) + ")");
        } else {
            rejection = new SshException.HostKeyRejected("HostKeyUnknown", "host key of " + name
                    + " is not known: no known_hosts entry for it (got " + PublicKeys.describe(key) + ")");
        }
        return false;
    }

    /** The key types we may accept for the host, so that sshj asks the server for one of those first. */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        if (pinned != null) {
            return List.of(KeyType.fromKey(pinned).toString());
        }
        Set<String> types = new LinkedHashSet<>();
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

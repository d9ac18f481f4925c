package io.pikeoperator.ssh;

import java.io.IOException;

import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes one authenticated sshj connection to a target, or says in a typed exception why it could not. */
final class SshConnector {

    private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);

    /** Unanswered keep-alives in a row after which the connection counts as dead. */
    private static final int MAX_MISSED_KEEPALIVES = 4;

    private final SshSettings settings;

    SshConnector(SshSettings settings) {
        this.settings = settings;
    }

    /**
     * @throws SshException.HostKeyRejected      the host's key is not the known one, or the pinned key is not in
     *                                           known_hosts (never worth retrying)
     * @throws SshException.AuthenticationFailed the key was refused or cannot be read (never worth retrying)
     * @throws SshException.ConnectFailed        anything else: refused, timed out, reset (worth retrying)
     */
    SSHClient connect(SshTarget target) throws SshException {
        String where = target.key();
        StrictHostKeys hostKeys;
        try {
            hostKeys = new StrictHostKeys(target.knownHosts(), target.pinnedHostKey());
        } catch (IllegalArgumentException e) {
            throw new SshException.HostKeyRejected("HostKeyUnknown",
                    "the pinned host key of " + where + " is not an OpenSSH public key line");
        }
        // a pin that known_hosts does not vouch for is refused before any connection is made
        var untrusted = hostKeys.pinProblem(target.host(), target.port());
        if (untrusted.isPresent()) {
            throw untrusted.get();
        }
        SSHClient client = newClient();
        client.addHostKeyVerifier(hostKeys);
        KeyProvider key = loadKey(client, target);
        boolean done = false;
        try {
            try {
                client.connect(target.host(), target.port());
            } catch (IOException e) {
                throw hostKeyOr(hostKeys, new SshException.ConnectFailed(
                        "cannot connect to " + where + ": " + e.getMessage(), e));
            }
            try {
                client.authPublickey(target.user(), key);
            } catch (UserAuthException e) {
                throw new SshException.AuthenticationFailed(
                        "public key authentication as " + where + " was refused", e);
            } catch (IOException e) {
                throw new SshException.ConnectFailed(
                        "connection to " + where + " broke during authentication: " + e.getMessage(), e);
            }
            startKeepAlive(client);
            done = true;
            LOG.debug("{}: connected from local port {}", where, client.getLocalPort());
            return client;
        } finally {
            if (!done) {
                disconnectQuietly(client);
            }
        }
    }

    private SSHClient newClient() {
        DefaultConfig config = new DefaultConfig();
        // KEEP_ALIVE asks for replies, so a dead peer is noticed; the default HEARTBEAT only sends
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient client = new SSHClient(config);
        client.setSocketFactory(new NoDelaySocketFactory());
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
        client.setConnectTimeout(timeoutMs);
        // bounds each wait for the server during KEX, auth and channel open (sshj's default is 30 s)
        client.getTransport().setTimeoutMs(timeoutMs);
        client.getConnection().setTimeoutMs(timeoutMs);
        return client;
    }

    private static KeyProvider loadKey(SSHClient client, SshTarget target) throws SshException {
        try {
            KeyProvider key = client.loadKeys(target.privateKey(), null, null);
            // parse now: a bad key is a configuration error, not something to discover mid-handshake
            key.getPrivate();
            key.getPublic();
            return key;
        } catch (IOException | RuntimeException e) {
            // no cause: parser messages may quote the key text
            throw new SshException.AuthenticationFailed("the private key for " + target.key()
                    + " cannot be read (expected an unencrypted OpenSSH or PEM ed25519 or RSA key)", null);
        }
    }

    private void startKeepAlive(SSHClient client) {
        KeepAlive keepAlive = client.getConnection().getKeepAlive();
        if (keepAlive instanceof KeepAliveRunner runner) {
            runner.setMaxAliveCount(MAX_MISSED_KEEPALIVES);
        }
        keepAlive.setKeepAliveInterval((int) Math.max(1, settings.keepAliveInterval().toSeconds()));
    }

    private static SshException hostKeyOr(StrictHostKeys hostKeys, SshException otherwise) {
        // sshj only says "could not verify"; the verifier knows whether the key was unknown or different
        return hostKeys.rejection().<SshException>map(r -> r).orElse(otherwise);
    }

    static void disconnectQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.debug("disconnect: {}", e.toString());
        }
    }
}

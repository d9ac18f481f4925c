package io.pikeoperator.ssh;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
        // sshj reads the server's identification line without a timeout: a peer that accepts TCP and never speaks
        // would hold this thread for ever, so the socket is closed under it once the connect timeout has passed
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            closeSocketQuietly(client);
        }, settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            try {
                client.connect(target.host(), target.port());
            } catch (IOException e) {
                throw hostKeyOr(hostKeys, connectFailed(expired, where, "cannot connect to " + where + ": " + e.getMessage(), e));
            }
            try {
                client.authPublickey(target.user(), key);
            } catch (UserAuthException e) {
                if (expired.get()) {
                    throw connectFailed(expired, where, "", e);
                }
                throw new SshException.AuthenticationFailed(
                        "public key authentication as " + where + " was refused", e);
            } catch (IOException e) {
                throw connectFailed(expired, where,
                        "connection to " + where + " broke during authentication: " + e.getMessage(), e);
            }
            watchdog.cancel(false);
            if (expired.get()) {
                throw connectFailed(expired, where, "", null);
            }
            startKeepAlive(client);
            done = true;
            LOG.debug("{}: connected from local port {}", where, client.getLocalPort());
            return client;
        } finally {
            watchdog.cancel(false);
            if (!done) {
                disconnectQuietly(client);
            }
        }
    }

    private SshException.ConnectFailed connectFailed(AtomicBoolean expired, String where, String message, Throwable cause) {
        return new SshException.ConnectFailed(expired.get() ? "no SSH handshake with " + where + " within "
                + settings.connectTimeout().toMillis() + " ms (the port accepts connections but the server does not answer)"
                : message, cause);
    }

    private static void closeSocketQuietly(SSHClient client) {
        try {
            java.net.Socket socket = client.getSocket();
            if (socket != null) {
                socket.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a socket: {}", e.toString());
        }
    }

    /** Closes the sockets of handshakes that take longer than the connect timeout. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssh-connect-watchdog");
        t.setDaemon(true);
        return t;
    });

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

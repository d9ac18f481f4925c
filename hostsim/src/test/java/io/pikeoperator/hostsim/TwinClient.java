package io.pikeoperator.hostsim;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/** An SSH client for tests (Apache MINA's), strict about host keys: it trusts only the twin's known_hosts. */
final class TwinClient implements AutoCloseable {

    static final KeyPair KEY = generate();

    private final Twin twin;
    private final SshClient client;
    private final Map<String, ClientSession> sessions = new HashMap<>();

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    TwinClient(Twin twin) {
        this.twin = twin;
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE,
                twin.knownHosts()));
        client.start();
    }

    static KeyPair generate() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Result exec(String host, String command) {
        return exec(host, command, null);
    }

    Result exec(String host, String command, String stdin) {
        try {
            ClientSession s = session(host);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ChannelExec ch = s.createExecChannel(command)) {
                ch.setOut(out);
                ch.setErr(err);
                if (stdin != null) {
                    ch.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
                }
                ch.open().verify(Duration.ofSeconds(10));
                ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofMinutes(2));
                Integer exit = ch.getExitStatus();
                return new Result(exit == null ? -1 : exit, out.toString(StandardCharsets.UTF_8),
                        err.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads a file over SFTP. */
    void upload(String host, String path, byte[] content) {
        try (org.apache.sshd.sftp.client.SftpClient sftp =
                     org.apache.sshd.sftp.client.SftpClientFactory.instance().createSftpClient(session(host));
             java.io.OutputStream out = sftp.write(path)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command and fails the test when it does not exit 0. */
    String ok(String host, String command) {
        return ok(host, command, null);
    }

    String ok(String host, String command, String stdin) {
        Result r = exec(host, command, stdin);
        if (r.exit() != 0) {
            throw new AssertionError("`" + command + "` on " + host + " exited " + r.exit() + "\n" + r.all());
        }
        return r.out();
    }

    private ClientSession session(String host) throws IOException {
        ClientSession s = sessions.get(host);
        if (s != null && s.isOpen()) {
            return s;
        }
        SimHost h = twin.host(host);
        s = client.connect("root", h.options().bindHost(), h.port()).verify(Duration.ofSeconds(10)).getSession();
        s.addPublicKeyIdentity(KEY);
        s.auth().verify(Duration.ofSeconds(10));
        sessions.put(host, s);
        return s;
    }

    void forget(String host) throws IOException {
        ClientSession s = sessions.remove(host);
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void close() {
        client.stop();
    }
}

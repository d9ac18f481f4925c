package io.pikeoperator.hostsim.ssh;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.List;

/** A host's ed25519 key, kept in OpenSSH format in the state dir (so a restarted twin keeps it), rotatable. */
public final class HostKeys implements KeyPairProvider {

    private final Path file;
    private volatile KeyPair current;

    public HostKeys(Path file) {
        this.file = file;
        this.current = Files.exists(file) ? load(file) : generate(file);
    }

    @Override
    public Iterable<KeyPair> loadKeys(SessionContext session) {
        return List.of(current);
    }

    /** A new key replaces the old one for all later connections (the "changed host key" fault). */
    public void rotate() {
        current = generate(file);
    }

    /** "ssh-ed25519 AAAA..." */
    public String publicKeyLine() {
        return PublicKeyEntry.toString(current.getPublic());
    }

    private static KeyPair generate(Path file) {
        try {
            KeyPair kp = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "host-twin", null, out);
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return kp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ed25519 host key", e);
        }
    }

    private static KeyPair load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Iterator<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()),
                    in, null).iterator();
            return keys.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read host key " + file, e);
        }
    }
}

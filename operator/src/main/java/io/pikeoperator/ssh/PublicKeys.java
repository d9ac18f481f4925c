package io.pikeoperator.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.SSHException;

/** OpenSSH public key lines, wire blobs and fingerprints. */
final class PublicKeys {

    private PublicKeys() {
    }

    /** Parses "type base64 [comment]", as in an id_*.pub file or a known_hosts line without its host field. */
    static PublicKey parseLine(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key line: expected \"type base64 [comment]\"");
        }
        PublicKey key;
        try {
            key = new Buffer.PlainBuffer(Base64.getDecoder().decode(parts[1])).readPublicKey();
        } catch (IllegalArgumentException | SSHException e) {
            throw new IllegalArgumentException("not an OpenSSH public key line: " + e.getMessage(), e);
        }
        if (!KeyType.fromKey(key).toString().equals(parts[0])) {
            throw new IllegalArgumentException("public key line says " + parts[0] + " but holds "
                    + KeyType.fromKey(key));
        }
        return key;
    }

    /** The key as it travels in SSH (type name and parameters): equal blobs are equal keys. */
    static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    static boolean same(PublicKey a, PublicKey b) {
        return Arrays.equals(blob(a), blob(b));
    }

    /** "ssh-ed25519 SHA256:…", the way ssh-keygen -l prints it. */
    static String describe(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
            return KeyType.fromKey(key) + " SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}

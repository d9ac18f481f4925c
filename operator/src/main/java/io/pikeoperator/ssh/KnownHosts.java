package io.pikeoperator.ssh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenSSH known_hosts content, parsed in memory. Host matching follows OpenSSH (sshd(8) "SSH_KNOWN_HOSTS FILE
 * FORMAT"): comma-separated patterns with {@code *} and {@code ?}, a {@code !pattern} that vetoes the line, one
 * hashed {@code |1|salt|hash} name, {@code [host]:port} for ports other than 22. sshj's own matcher treats a
 * lone {@code !pattern} as "every other host", which would trust a key for hosts the line never named.
 */
final class KnownHosts {

    /** One usable line. {@code marker} is "" or "@revoked" / "@cert-authority". */
    record Entry(String marker, String hosts, PublicKey key) {

        boolean revoked() {
            return marker.equals("@revoked");
        }

        /** @param name "host" for port 22, else "[host]:port", lower case */
        boolean appliesTo(String name) {
            if (hosts.startsWith("|1|")) {
                return hashedMatches(hosts, name);
            }
            boolean positive = false;
            for (String pattern : hosts.split(",")) {
                boolean negated = pattern.startsWith("!");
                String p = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
                if (wildcardMatches(p, name)) {
                    if (negated) {
                        return false;
                    }
                    positive = true;
                }
            }
            return positive;
        }
    }

    private KnownHosts() {
    }

    /** The name a known_hosts line uses for a host and port. */
    static String lookupName(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return port == 22 ? lower : "[" + lower + "]:" + port;
    }

    /** The lines that hold a key we can read; comments, blank lines and unreadable lines are skipped. */
    static List<Entry> parse(String content) {
        List<Entry> entries = new ArrayList<>();
        if (content == null) {
            return entries;
        }
        for (String raw : content.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            int i = f[0].startsWith("@") ? 1 : 0;
            if (f.length < i + 3) {
                continue;
            }
            try {
                entries.add(new Entry(i == 1 ? f[0] : "", f[i], PublicKeys.parseLine(f[i + 1] + " " + f[i + 2])));
            } catch (IllegalArgumentException unreadable) {
                // a line we cannot read vouches for nothing
            }
        }
        return entries;
    }

    static boolean wildcardMatches(String pattern, String name) {
        return wildcard(pattern, 0, name, 0);
    }

    private static boolean wildcard(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (wildcard(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }

    private static boolean hashedMatches(String hashed, String name) {
        String[] parts = hashed.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(parts[2]), "HmacSHA1"));
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}

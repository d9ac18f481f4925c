package io.pikeoperator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;

import org.junit.jupiter.api.Test;

class StrictHostKeysTest {

    // made with ssh-keygen -t ed25519 / -t rsa; fingerprints as ssh-keygen -l prints them
    static final String A = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHTvSU8rwu9mgUOaGPe4Fz2KHHAA71jet3Wa6FRfQCgF";
    static final String A_FP = "ssh-ed25519 SHA256:K3eE2R9fYwUe+B5Wg0+G8O+jcYbLjD+yB4flFXXs89Q";
    static final String B = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE0Bv8VsGrlkEl00t8JwguvuoBhLJHcyoogvtAB0VGK8";
    static final String B_FP = "ssh-ed25519 SHA256:MeiFIjCYza0MDTZZhD7qgpwmggSl/Pt8/q9c8fk/I+g";
    static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDFYKTWYkul3D3mZni7YsCP4sf4dW/hW2kQN2eBHqac8DXPU"
            + "inYmwuQ+tLjq24e5QmEe6teJVq+BJRIQkN8MomTKnbXTkX4MnqdJPlZiJxBhKdH8EVde5rSb2cUNirYljB2ywWGbCF0xT+xZWTNYzl3L"
            + "CStlV0+ZRRsI4Jrgb0OMD0Joiy5o5okx8lDpQAIm4++Cqefzs23TqZT0MVVi9x2dyBQRYkkNwFuvHjsCJ087QktaThrGln4Wbku2EPVD"
            + "HwsCMOKs3BfVcfdgNFHUl2pN9nSYE5ewYyQFwEhwvTdqkgTUZERnLesF18dx/z8YnRwKjEaUncbPbVDojBDCffB";
    static final String RSA_FP = "ssh-rsa SHA256:QLqBMHwZkE76XKlHuKcqOZmaH7nCRs3/6oMjlsC0GAg";
    // ssh-keygen -H of "[127.0.0.1]:2201 A" and "example.org B"
    static final String HASHED = """
            |1|VBoGWVBJmrNiOL114MstKZpNEy4=|+2SOrknKRLxQPLgP08rOoW6sJr4= %s
            |1|oxU1MY7dppi/Mf0BXNuxuTcTW28=|3ySenX4QX178Lv5LYWWP9AjDtI8= %s
            """.formatted(A, B);

    static PublicKey key(String line) {
        return PublicKeys.parseLine(line);
    }

    @Test
    void fingerprintsAreTheOnesSshKeygenPrints() {
        assertThat(PublicKeys.describe(key(A))).isEqualTo(A_FP);
        assertThat(PublicKeys.describe(key(RSA))).isEqualTo(RSA_FP);
    }

    @Test
    void aPinThatNarrowsKnownHostsIsAcceptedAndNothingElse() {
        // known_hosts vouches for A and RSA; the node pins A: only A is accepted
        StrictHostKeys keys = new StrictHostKeys("[127.0.0.1]:2201 " + A + "\n[127.0.0.1]:2201 " + RSA + "\n",
                A + " comment is ignored");
        assertThat(keys.pinProblem("127.0.0.1", 2201)).isEmpty();
        assertThat(keys.verify("127.0.0.1", 2201, key(A))).isTrue();
        assertThat(keys.rejection()).isEmpty();

        assertThat(keys.verify("127.0.0.1", 2201, key(RSA))).isFalse();
        assertThat(keys.rejection()).get().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("HostKeyMismatch");
            assertThat(r.getMessage()).isEqualTo(
                    "host key of 127.0.0.1:2201 does not match the pinned key (got " + RSA_FP + ")");
        });
        assertThat(keys.verify("127.0.0.1", 2201, key(B))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyMismatch");
        // the pin narrows: only its key type is asked for
        assertThat(keys.findExistingAlgorithms("127.0.0.1", 2201)).containsExactly("ssh-ed25519");
    }

    @Test
    void aPinNotInKnownHostsIsRefusedWhateverTheHostPresents() {
        // the node's author pins the key of a host of their choosing (B); the cluster's known_hosts knows A only
        for (String knownHosts : new String[] {"[127.0.0.1]:2201 " + A + "\n",
                // B is known, but for another host and another port: still not for this one
                "[127.0.0.1]:2201 " + A + "\n[127.0.0.1]:2202 " + B + "\nexample.org " + B + "\n",
                "", null}) {
            StrictHostKeys keys = new StrictHostKeys(knownHosts, B);
            assertThat(keys.pinProblem("127.0.0.1", 2201)).get().satisfies(r -> {
                assertThat(r.reason()).isEqualTo("HostKeyNotTrusted");
                assertThat(r.getMessage()).isEqualTo("the pinned hostKey of 127.0.0.1:2201 (" + B_FP
                        + ") is not in the cluster's known_hosts for 127.0.0.1:2201: a pin may narrow known_hosts, "
                        + "never add to it");
            });
            // the host presenting the pinned key is refused, and so is one presenting the known key
            assertThat(keys.verify("127.0.0.1", 2201, key(B))).isFalse();
            assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyNotTrusted");
            assertThat(keys.verify("127.0.0.1", 2201, key(A))).isFalse();
            assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyNotTrusted");
        }
    }

    @Test
    void withoutAPinKnownHostsDecides() {
        StrictHostKeys keys = new StrictHostKeys("[127.0.0.1]:2201 " + A + "\n[127.0.0.1]:2201 " + RSA + "\n", null);
        assertThat(keys.pinProblem("127.0.0.1", 2201)).isEmpty();
        assertThat(keys.verify("127.0.0.1", 2201, key(A))).isTrue();
        assertThat(keys.verify("127.0.0.1", 2201, key(RSA))).isTrue();
        assertThat(keys.verify("127.0.0.1", 2201, key(B))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyMismatch");
        assertThat(keys.rejection().get().getMessage()).isEqualTo(
                "host key of 127.0.0.1:2201 does not match the known key (got " + B_FP + ")");
    }

    @Test
    void nothingKnownMeansUnknownNeverAccepted() {
        for (StrictHostKeys keys : new StrictHostKeys[] {new StrictHostKeys(null, null),
                new StrictHostKeys("", " "), new StrictHostKeys("# only a comment\n\n", null)}) {
            assertThat(keys.verify("127.0.0.1", 2201, key(A))).isFalse();
            assertThat(keys.rejection()).get().satisfies(r -> {
                assertThat(r.reason()).isEqualTo("HostKeyUnknown");
                assertThat(r.getMessage()).contains("127.0.0.1:2201").contains(A_FP);
            });
        }
    }

    @Test
    void knownHostsEntryForHostAndPort() {
        StrictHostKeys keys = new StrictHostKeys("[127.0.0.1]:2201 " + A + "\n", null);
        assertThat(keys.verify("127.0.0.1", 2201, key(A))).isTrue();
        assertThat(keys.verify("127.0.0.1", 2201, key(B))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyMismatch");
        // the entry names port 2201 only
        assertThat(keys.verify("127.0.0.1", 22, key(A))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyUnknown");
        assertThat(keys.verify("127.0.0.2", 2201, key(A))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyUnknown");
    }

    @Test
    void plainNameIsPort22AndMatchesCaseInsensitively() {
        StrictHostKeys keys = new StrictHostKeys("ctl1.example.org,10.0.0.11 " + A + "\n", null);
        assertThat(keys.verify("CTL1.example.org", 22, key(A))).isTrue();
        assertThat(keys.verify("10.0.0.11", 22, key(A))).isTrue();
        assertThat(keys.verify("10.0.0.11", 2222, key(A))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyUnknown");
    }

    @Test
    void patternsAndNegationFollowOpenSsh() {
        StrictHostKeys keys = new StrictHostKeys("*.example.org,!bad.example.org " + A + "\n", null);
        assertThat(keys.verify("ctl1.example.org", 22, key(A))).isTrue();
        assertThat(keys.verify("bad.example.org", 22, key(A))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyUnknown");
        assertThat(new StrictHostKeys("[10.0.0.?]:2201 " + A, null).verify("10.0.0.7", 2201, key(A))).isTrue();
        // a negation alone names no host (sshj's own matcher would apply it to every other host)
        StrictHostKeys onlyNegated = new StrictHostKeys("!bad.example.org " + A + "\n", null);
        assertThat(onlyNegated.verify("good.example.org", 22, key(A))).isFalse();
        assertThat(onlyNegated.rejection().get().reason()).isEqualTo("HostKeyUnknown");
    }

    @Test
    void hashedEntries() {
        StrictHostKeys keys = new StrictHostKeys(HASHED, null);
        assertThat(keys.verify("127.0.0.1", 2201, key(A))).isTrue();
        assertThat(keys.verify("example.org", 22, key(B))).isTrue();
        assertThat(keys.verify("127.0.0.1", 2201, key(B))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyMismatch");
        assertThat(keys.verify("example.com", 22, key(B))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyUnknown");
    }

    @Test
    void anEntryOfAnotherKeyTypeIsStillAMismatch() {
        // the host is known, just not with this key: a changed key, not a new host
        StrictHostKeys keys = new StrictHostKeys("[127.0.0.1]:2201 " + RSA + "\n", null);
        assertThat(keys.verify("127.0.0.1", 2201, key(A))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyMismatch");
        assertThat(keys.verify("127.0.0.1", 2201, key(RSA))).isTrue();
    }

    @Test
    void revokedKeyIsRefusedEvenWhenAlsoListedOrPinned() {
        String knownHosts = "@revoked * " + A + "\n[127.0.0.1]:2201 " + A + "\n";
        StrictHostKeys keys = new StrictHostKeys(knownHosts, null);
        assertThat(keys.verify("127.0.0.1", 2201, key(A))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyMismatch");
        assertThat(keys.rejection().get().getMessage()).contains("revoked");
        // a pin cannot bring a revoked key back
        StrictHostKeys pinned = new StrictHostKeys(knownHosts, A);
        assertThat(pinned.verify("127.0.0.1", 2201, key(A))).isFalse();
        assertThat(pinned.rejection().get().reason()).isEqualTo("HostKeyNotTrusted");
        assertThat(pinned.rejection().get().getMessage()).contains("revoked");
    }

    @Test
    void certificateAuthorityLinesAndGarbageAreIgnored() {
        String knownHosts = "@cert-authority * " + A + "\nnot a known hosts line\n[127.0.0.1]:2201 ssh-ed25519 @@@\n"
                + "|1|bad|hash " + A + "\n";
        StrictHostKeys keys = new StrictHostKeys(knownHosts, null);
        assertThat(keys.verify("127.0.0.1", 2201, key(A))).isFalse();
        assertThat(keys.rejection().get().reason()).isEqualTo("HostKeyUnknown");
    }

    @Test
    void knownKeyTypesAreOfferedFirst() {
        StrictHostKeys keys = new StrictHostKeys("[127.0.0.1]:2201 " + RSA + "\n[127.0.0.1]:2201 " + A + "\nother "
                + B + "\n", null);
        assertThat(keys.findExistingAlgorithms("127.0.0.1", 2201)).containsExactly("ssh-rsa", "ssh-ed25519");
        assertThat(new StrictHostKeys(null, null).findExistingAlgorithms("127.0.0.1", 2201)).isEmpty();
    }

    @Test
    void badPinnedKeyIsAConfigurationError() {
        assertThatThrownBy(() -> new StrictHostKeys(null, "ssh-ed25519")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StrictHostKeys(null, "ssh-ed25519 !!notbase64"))
                .isInstanceOf(IllegalArgumentException.class);
        // the type word must name the key it goes with
        assertThatThrownBy(() -> new StrictHostKeys(null, "ssh-rsa " + A.split(" ")[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.pikeoperator.cli;

import io.pikeoperator.engine.Engine;
import io.pikeoperator.ssh.SshTarget;

import java.util.List;
import java.util.Optional;

/** What a person can do about a failure, by its reason, where the remedy is known. Lines, without secrets. */
final class Hints {

    /**
     * Where the SSH material comes from: {@code knownHosts} and {@code privateKey} describe the Secret key or the
     * file given on the command line.
     */
    record Sources(String knownHosts, String privateKey) {
    }

    private Hints() {
    }

    static Optional<List<String>> of(String reason, SshTarget target, Sources sources) {
        if (reason == null || target == null) {
            return Optional.empty();
        }
        String port = target.port() == 22 ? "" : "-p " + target.port() + " ";
        String scan = "ssh-keyscan " + port + target.host();
        String entry = target.port() == 22 ? target.host() : "[" + target.host() + "]:" + target.port();
        return Optional.ofNullable(switch (reason) {
            case "HostKeyMismatch" -> List.of(
                    "the host offered another key than the one trusted for " + entry + " (reinstalled, or not the",
                    "host you think). Compare the offered key with the host's own, read on its console:",
                    "  " + scan + " 2>/dev/null | ssh-keygen -lf -        # what the network offers",
                    "  ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub    # on the host itself",
                    "If they match, replace the line for " + entry + " in " + sources.knownHosts() + " with the",
                    "output of '" + scan + "' (and any spec.ssh.hostKey pin of the node).");
            case "HostKeyUnknown" -> List.of(
                    "nothing trusts a key for " + entry + " yet. Fetch it, check its fingerprint on the host's console",
                    "(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), and add it to " + sources.knownHosts() + ":",
                    "  " + scan + " 2>/dev/null | ssh-keygen -lf -",
                    "  " + scan + " >> known_hosts");
            case "HostKeyNotTrusted" -> List.of(
                    "the node's spec.ssh.hostKey pins a key that " + sources.knownHosts() + " does not hold:",
                    "a pin narrows known_hosts, it never adds to it. Add the host's line (" + scan + ") there.");
            case "HostUnreachable" -> List.of(
                    "no SSH answer from " + target.host() + " port " + target.port() + ". Check the node's spec.ssh.host and",
                    "port, that the host is up and sshd runs, and that no firewall is in between:",
                    "  ssh " + port + target.user() + "@" + target.host() + " true");
            case "AuthenticationFailed" -> List.of(
                    "the host refused the key of " + sources.privateKey() + " for " + target.user() + ". Add its public half",
                    "(ssh-keygen -y -f KEYFILE) to ~" + target.user() + "/.ssh/authorized_keys on the host.");
            case "ConnectionDropped" -> List.of(
                    "the host closed the SSH connection in the middle of the run and did not come back in time;",
                    "check that it is up, then run apply again: steps already done are not repeated.");
            case Engine.STEP_TIMED_OUT -> List.of(
                    "the host answers but this step's command did not finish within spec.ssh.commandTimeoutSeconds.",
                    "Look at the host (journalctl -xe, systemctl status) or raise the timeout, then run apply again.");
            case "UnsupportedOperatingSystem", "UnsupportedArchitecture" -> List.of(
                    "OpenStack Pike is installed on CentOS Linux 7 (x86_64) only: reinstall the host or remove the node.");
            case "DatabaseRootPasswordMismatch" -> List.of(
                    "MariaDB holds another root password than the passwords file: restore the file the host was",
                    "provisioned with (or give the Secret in -f); the operator does not reset a database password.");
            default -> null;
        });
    }
}

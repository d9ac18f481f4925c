package io.pikeoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** How the operator reaches every host of the cluster over SSH; nodes may override user, port and host. */
public class ClusterSshSpec {

    public static final String DEFAULT_USER = "root";
    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_PRIVATE_KEY_KEY = "ssh-privatekey";
    public static final String DEFAULT_KNOWN_HOSTS_KEY = "known_hosts";
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;
    public static final int DEFAULT_COMMAND_TIMEOUT_SECONDS = 900;

    @Default(DEFAULT_USER)
    @Pattern(Patterns.LOGIN)
    @JsonPropertyDescription("Login user on the hosts. A user other than root runs every command through 'sudo -n'.")
    public String user;

    @Default("22")
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("SSH port on the hosts.")
    public Integer port;

    @Required
    @JsonPropertyDescription("Secret key holding the private key (ed25519 or RSA, OpenSSH or PEM format); "
            + "key defaults to 'ssh-privatekey' (the kubernetes.io/ssh-auth convention).")
    public SecretKeyRef privateKeySecretRef;

    @JsonPropertyDescription("Secret key holding known_hosts lines for every host; key defaults to 'known_hosts'. "
            + "Host keys are checked strictly: a host whose key is not here for its host and port is refused; a "
            + "node's spec.ssh.hostKey may narrow this list, never add to it. Required in practice: without it no "
            + "host is trusted.")
    public SecretKeyRef knownHostsSecretRef;

    @Default("15")
    @Min(1)
    @Max(600)
    @JsonPropertyDescription("Seconds to wait for a TCP connection and the SSH handshake.")
    public Integer connectTimeoutSeconds;

    @Default("900")
    @Min(1)
    @Max(86400)
    @JsonPropertyDescription("Seconds one remote command may run before it is cancelled (package installs are the slowest).")
    public Integer commandTimeoutSeconds;
}

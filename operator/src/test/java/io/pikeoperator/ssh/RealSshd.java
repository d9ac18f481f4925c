package io.pikeoperator.ssh;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH sshd on 127.0.0.1 for tests, with everything (host key, config, authorized_keys, log) in one
 * directory. Logins are as root with keys; the test process must be root. Start, stop and restart keep the port
 * and the host key, as a rebooted host would.
 */
final class RealSshd implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    static final String LOOPBACK = "127.0.0.1";

    /** A client key pair as text. */
    record ClientKey(String privateKey, String publicKey) {
    }

    private final Path dir;
    private final int port;
    private final Path config;
    private final Path authorizedKeys;
    private final Path log;
    private final String hostKeyLine;
    private Process process;

    private RealSshd(Path dir) throws IOException {
        if (!Files.isExecutable(SSHD) || !Files.isExecutable(SSH_KEYGEN)) {
            throw new IllegalStateException("these tests need Debian's openssh-server and openssh-client ("
                    + SSHD + ", " + SSH_KEYGEN + ")");
        }
        this.dir = dir;
        this.port = freePort();
        this.config = dir.resolve("sshd_config");
        this.authorizedKeys = dir.resolve("authorized_keys");
        this.log = dir.resolve("sshd.log");
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        keygen("-t", "ed25519", "-f", hostKey.toString());
        this.hostKeyLine = firstTwoFields(Files.readString(hostKey.resolveSibling(hostKey.getFileName() + ".pub")));
        Files.writeString(authorizedKeys, "");
        Files.writeString(config, String.join("\n",
                "ListenAddress " + LOOPBACK,
                "Port " + port,
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys,
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "LogLevel VERBOSE",
                "Subsystem sftp internal-sftp",
                ""));
        // sshd's privilege separation directory; a booted Debian makes it, a container may not have
        Files.createDirectories(Path.of("/run/sshd"));
    }

    static RealSshd start(Path dir) throws IOException {
        RealSshd sshd = new RealSshd(dir);
        // a JVM that dies without close() must not leave sshd holding the port
        Runtime.getRuntime().addShutdownHook(new Thread(sshd::stop, "stop-sshd-" + sshd.port));
        sshd.start();
        return sshd;
    }

    int port() {
        return port;
    }

    /** "ssh-ed25519 AAAA…", for a pinned key. */
    String hostKeyLine() {
        return hostKeyLine;
    }

    /** The known_hosts line OpenSSH would write for this server. */
    String knownHostsLine() {
        return "[" + LOOPBACK + "]:" + port + " " + hostKeyLine;
    }

    /** "SHA256:…" as ssh-keygen -l prints it. */
    String hostKeyFingerprint() throws IOException {
        Path pub = dir.resolve("ssh_host_ed25519_key.pub");
        return run(SSH_KEYGEN.toString(), "-l", "-f", pub.toString()).split("\\s+")[1];
    }

    /** Generates a key pair in the directory, not yet authorized. {@code pem} writes the old PEM format. */
    ClientKey newClientKey(String name, String type, boolean pem) throws IOException {
        Path file = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-t", type, "-f", file.toString()));
        if (pem) {
            args.addAll(List.of("-m", "PEM"));
        }
        keygen(args.toArray(String[]::new));
        return new ClientKey(Files.readString(file), firstTwoFields(Files.readString(Path.of(file + ".pub"))));
    }

    void authorize(ClientKey key) throws IOException {
        Files.writeString(authorizedKeys, key.publicKey() + "\n", StandardOpenOption.APPEND);
    }

    /** Hashes a known_hosts content with ssh-keygen -H, as HashKnownHosts would have written it. */
    String hashed(String knownHosts) throws IOException {
        Path file = Files.createTempFile(dir, "known_hosts", "");
        Files.writeString(file, knownHosts);
        run(SSH_KEYGEN.toString(), "-H", "-f", file.toString());
        return Files.readString(file);
    }

    /** Starts sshd and waits until it accepts connections. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process p = process;
        await("sshd listening on " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .failFast("sshd exited; its log:\n" + logTail(), () -> !p.isAlive())
                .until(this::accepts);
    }

    /** Stops the listener and every connection it serves, as a host going down would. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        killConnections();
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    void restart() {
        stop();
        start();
    }

    /** Kills the per-connection sshd processes (and their commands); the listener keeps running. */
    synchronized void killConnections() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        children.forEach(h -> h.onExit().join());
    }

    /** Whether a process {@code program args…} (program by file name) runs under this sshd. */
    boolean runs(String program, String... args) {
        Process p = process;
        return p != null && p.descendants().anyMatch(h -> h.info().command()
                .map(c -> Path.of(c).getFileName().toString().equals(program)).orElse(false)
                && Arrays.equals(h.info().arguments().orElse(new String[0]), args));
    }

    String logTail() {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "";
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    private static void keygen(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SSH_KEYGEN.toString(), "-q", "-N", "", "-C", ""));
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
    }

    private static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    private static String firstTwoFields(String publicKeyFile) {
        String[] f = publicKeyFile.trim().split("\\s+");
        return f[0] + " " + f[1];
    }
}

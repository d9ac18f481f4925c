package io.pikeoperator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSH layer against a real OpenSSH sshd on 127.0.0.1. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SshConnectionsIT {

    static final SshSettings SETTINGS = new SshSettings(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(15), 1 << 20, 16, Duration.ofMillis(100), Duration.ofSeconds(1));

    static Path dir;
    static RealSshd sshd;
    static RealSshd.ClientKey ed25519;
    static RealSshd.ClientKey rsaPem;
    static RealSshd.ClientKey rsaOpenSsh;
    static RealSshd.ClientKey stranger;

    SshConnections connections;

    @BeforeAll
    static void startSshd() throws Exception {
        dir = Files.createTempDirectory("ssh-it-");
        sshd = RealSshd.start(dir);
        ed25519 = sshd.newClientKey("id_ed25519", "ed25519", false);
        rsaPem = sshd.newClientKey("id_rsa_pem", "rsa", true);
        rsaOpenSsh = sshd.newClientKey("id_rsa", "rsa", false);
        stranger = sshd.newClientKey("id_stranger", "ed25519", false);
        sshd.authorize(ed25519);
        sshd.authorize(rsaPem);
        sshd.authorize(rsaOpenSsh);
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void open() {
        sshd.start(); // a test that stopped it may have failed before starting it again
        connections = new SshConnections(SETTINGS);
    }

    @AfterEach
    void close() {
        connections.close();
    }

    static SshTarget target(RealSshd.ClientKey key) {
        return new SshTarget(RealSshd.LOOPBACK, sshd.port(), "root", sshd.knownHostsLine(), null, key.privateKey(),
                false);
    }

    static String sshConnection(RemoteShell shell) throws SshException {
        return shell.exec("echo $SSH_CONNECTION", null, null).stdout().strip();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "rsaPem", "rsaOpenSsh"})
    void keyAuthentication(String which) throws Exception {
        RealSshd.ClientKey key = switch (which) {
            case "ed25519" -> ed25519;
            case "rsaPem" -> rsaPem;
            default -> rsaOpenSsh;
        };
        assertThat(key.privateKey()).contains(which.equals("rsaPem") ? "BEGIN RSA PRIVATE KEY" : "BEGIN OPENSSH");
        ExecResult r = connections.shell(target(key)).exec("whoami", null, null);
        assertThat(r.exitStatus()).isZero();
        assertThat(r.stdout()).isEqualTo("root\n");
        assertThat(r.ok()).isTrue();
    }

    @Test
    void refusedKeyIsAuthenticationFailedAndNotRetried() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> connections.shell(target(stranger)).exec("true", null, null))
                .isInstanceOfSatisfying(SshException.AuthenticationFailed.class, e -> {
                    assertThat(e.reason()).isEqualTo("AuthenticationFailed");
                    assertThat(e.getMessage()).contains("root@127.0.0.1:" + sshd.port());
                    assertNoKeyMaterial(e);
                });
        // the reconnect window is 15 s with 100 ms backoff: a retry loop would take far longer
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void unreadablePrivateKeyIsAuthenticationFailedWithoutTheKey() {
        String broken = ed25519.privateKey().replace("b3BlbnNzaC1rZXktdjE", "garbage");
        SshTarget t = new SshTarget(RealSshd.LOOPBACK, sshd.port(), "root", sshd.knownHostsLine(), null, broken,
                false);
        assertThatThrownBy(() -> connections.shell(t).exec("true", null, null))
                .isInstanceOfSatisfying(SshException.AuthenticationFailed.class, e -> {
                    assertThat(e.getMessage()).contains("cannot be read");
                    assertNoKeyMaterial(e);
                });
    }

    @Test
    void unknownHostKeyIsRefused() throws Exception {
        String fingerprint = sshd.hostKeyFingerprint();
        for (String knownHosts : new String[] {"", null, "[127.0.0.1]:22 " + sshd.hostKeyLine()}) {
            SshTarget t = new SshTarget(RealSshd.LOOPBACK, sshd.port(), "root", knownHosts, null,
                    ed25519.privateKey(), false);
            assertThatThrownBy(() -> connections.shell(t).exec("true", null, null))
                    .isInstanceOfSatisfying(SshException.HostKeyRejected.class, e -> {
                        assertThat(e.reason()).isEqualTo("HostKeyUnknown");
                        assertThat(e.getMessage()).contains("127.0.0.1:" + sshd.port())
                                .contains("ssh-ed25519 " + fingerprint);
                    });
        }
    }

    @Test
    void differentKnownKeyIsAMismatch() throws Exception {
        String otherKey = sshd.newClientKey("other_host_key", "ed25519", false).publicKey();
        SshTarget t = new SshTarget(RealSshd.LOOPBACK, sshd.port(), "root",
                "[127.0.0.1]:" + sshd.port() + " " + otherKey + "\n", null, ed25519.privateKey(), false);
        RemoteShell shell = connections.shell(t);
        String fingerprint = sshd.hostKeyFingerprint();
        assertThatThrownBy(() -> shell.exec("true", null, null))
                .isInstanceOfSatisfying(SshException.HostKeyRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo("HostKeyMismatch");
                    assertThat(e.getMessage()).isEqualTo("host key of 127.0.0.1:" + sshd.port()
                            + " does not match the known key (got ssh-ed25519 " + fingerprint + ")");
                });
        // waiting for a reboot does not wait out a wrong key either
        long start = System.nanoTime();
        assertThatThrownBy(() -> shell.awaitReconnect(Duration.ofSeconds(30)))
                .isInstanceOf(SshException.HostKeyRejected.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        // a pin that known_hosts vouches for, but not the host's key, is a mismatch too
        SshTarget pinnedWrong = new SshTarget(RealSshd.LOOPBACK, sshd.port(), "root",
                sshd.knownHostsLine() + "\n[127.0.0.1]:" + sshd.port() + " " + otherKey + "\n", otherKey,
                ed25519.privateKey(), false);
        assertThatThrownBy(() -> connections.shell(pinnedWrong).exec("true", null, null))
                .isInstanceOfSatisfying(SshException.HostKeyRejected.class,
                        e -> assertThat(e.reason()).isEqualTo("HostKeyMismatch"));
    }

    @Test
    void aPinAloneTrustsNothing() throws Exception {
        // the right key pinned, but no known_hosts line for it: refused before connecting
        for (String knownHosts : new String[] {null, "[127.0.0.1]:1 " + sshd.hostKeyLine() + "\n"}) {
            SshTarget t = new SshTarget(RealSshd.LOOPBACK, sshd.port(), "root", knownHosts, sshd.hostKeyLine(),
                    ed25519.privateKey(), false);
            assertThatThrownBy(() -> connections.shell(t).exec("true", null, null))
                    .isInstanceOfSatisfying(SshException.HostKeyRejected.class, e -> {
                        assertThat(e.reason()).isEqualTo("HostKeyNotTrusted");
                        assertThat(e.getMessage()).contains("not in the cluster's known_hosts");
                    });
        }
    }

    @Test
    void pinnedKeyInKnownHostsOrHashedKnownHostsAreTrusted() throws Exception {
        SshTarget pinned = new SshTarget(RealSshd.LOOPBACK, sshd.port(), "root", sshd.knownHostsLine() + "\n",
                sshd.hostKeyLine() + " comment", ed25519.privateKey(), false);
        assertThat(connections.shell(pinned).exec("true", null, null).exitStatus()).isZero();

        String hashed = sshd.hashed(sshd.knownHostsLine() + "\n");
        assertThat(hashed).startsWith("|1|").doesNotContain("127.0.0.1");
        SshTarget hashedTarget = new SshTarget(RealSshd.LOOPBACK, sshd.port(), "root", hashed, null,
                rsaPem.privateKey(), false);
        assertThat(connections.shell(hashedTarget).exec("true", null, null).exitStatus()).isZero();
    }

    @Test
    void exitStatusesAndStreams() throws Exception {
        RemoteShell shell = connections.shell(target(ed25519));
        assertThat(shell.exec("exit 7", null, null).exitStatus()).isEqualTo(7);
        ExecResult r = shell.exec("echo out; echo err >&2; exit 3", null, Duration.ofSeconds(10));
        assertThat(r.exitStatus()).isEqualTo(3);
        assertThat(r.ok()).isFalse();
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.truncated()).isFalse();
        assertThat(r.duration()).isPositive().isLessThan(Duration.ofSeconds(10));
        // killed by a signal: no exit status
        assertThat(shell.exec("kill -9 $$", null, null).exitStatus()).isEqualTo(-1);
        // no stdin: the command sees EOF at once
        assertThat(shell.exec("cat", null, null).stdout()).isEmpty();
        assertThat(shell.exec("wc -c", new byte[0], null).stdout().strip()).isEqualTo("0");
    }

    @Test
    void stdinArrivesByteForByte() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(42).nextBytes(data);
        RemoteShell shell = connections.shell(target(ed25519));

        ExecResult sum = shell.exec("sha256sum", data, null);
        assertThat(sum.stdout().split(" ")[0])
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));

        // the "upload": the same machine, so the file can be compared directly
        Path uploaded = dir.resolve("uploaded.bin");
        ExecResult cat = shell.exec("umask 077 && cat > " + uploaded, data, null);
        assertThat(cat.exitStatus()).isZero();
        assertThat(Files.readAllBytes(uploaded)).isEqualTo(data);
    }

    @Test
    void stdinWaitsForACommandThatReadsLate() throws Exception {
        // more than OpenSSH's 2 MiB channel window, and a reader that starts after sshj's window wait (1 s here)
        // has given up once: the upload must still arrive whole, never cut and closed
        SshSettings quick = new SshSettings(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(15),
                1 << 20, 4, Duration.ofMillis(100), Duration.ofMillis(500));
        byte[] data = new byte[4 << 20];
        new Random(3).nextBytes(data);
        try (SshConnections c = new SshConnections(quick)) {
            ExecResult r = c.shell(target(ed25519)).exec("sleep 2.5; sha256sum", data, null);
            assertThat(r.exitStatus()).isZero();
            assertThat(r.stdout().split(" ")[0])
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        }
    }

    @Test
    void stdinAndStdoutFlowTogetherAndOutputIsCapped() throws Exception {
        // 3 MiB through cat: stdin must be written while stdout is read, or both windows fill up
        byte[] data = new byte[3 << 20];
        Random random = new Random(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + random.nextInt(26));
        }
        ExecResult r = connections.shell(target(ed25519)).exec("cat; echo done >&2", data, null);
        assertThat(r.exitStatus()).isZero();
        assertThat(r.truncated()).isTrue();
        assertThat(r.stdout()).hasSize(1 << 20)
                .isEqualTo(new String(data, 0, 1 << 20, StandardCharsets.US_ASCII));
        assertThat(r.stderr()).isEqualTo("done\n");
    }

    @Test
    void eachStreamIsCappedOnItsOwn() throws Exception {
        SshSettings small = new SshSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(15),
                1000, 4, Duration.ofMillis(100), Duration.ofSeconds(1));
        try (SshConnections c = new SshConnections(small)) {
            RemoteShell shell = c.shell(target(ed25519));
            ExecResult r = shell.exec("head -c 5000000 /dev/zero | tr '\\0' a; head -c 3000 /dev/zero | tr '\\0' b >&2;"
                    + " exit 4", null, null);
            assertThat(r.exitStatus()).isEqualTo(4);
            assertThat(r.truncated()).isTrue();
            assertThat(r.stdout()).isEqualTo("a".repeat(1000));
            assertThat(r.stderr()).isEqualTo("b".repeat(1000));
            ExecResult fits = shell.exec("printf %0999d 0", null, null);
            assertThat(fits.truncated()).isFalse();
            assertThat(fits.stdout()).hasSize(999);
        }
    }

    @Test
    void timeoutClosesTheChannelAndTheConnectionStaysUsable() throws Exception {
        RemoteShell shell = connections.shell(target(ed25519));
        String before = sshConnection(shell);
        long start = System.nanoTime();
        assertThatThrownBy(() -> shell.exec("sleep 5.25", "secret-stdin".getBytes(), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(SshException.CommandTimeout.class, e -> {
                    assertThat(e.reason()).isEqualTo("CommandTimeout");
                    assertThat(e.getMessage()).doesNotContain("secret-stdin");
                });
        // nobody waits for the channel's close: OpenSSH confirms it only when the command has ended
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
                Duration.ofSeconds(3));
        assertThat(shell.exec("echo ok", null, null).stdout()).isEqualTo("ok\n");
        assertThat(sshConnection(shell)).isEqualTo(before);
    }

    @Test
    void oneConnectionPerTargetIsReused() throws Exception {
        RemoteShell shell = connections.shell(target(ed25519));
        assertThat(connections.shell(target(ed25519))).isSameAs(shell);
        assertThat(shell.describe()).isEqualTo("root@127.0.0.1:" + sshd.port());
        String first = sshConnection(shell);
        assertThat(first).startsWith("127.0.0.1 ").endsWith(" 127.0.0.1 " + sshd.port());
        assertThat(shell.exec("true", null, null).ok()).isTrue();
        assertThat(sshConnection(shell)).isEqualTo(first);
        // close() drops the connection; the next exec makes a new one
        shell.close();
        String second = sshConnection(shell);
        assertThat(second).isNotEqualTo(first);
        // the same user@host:port with another key (a rotated secret) is the same shell, connected again
        assertThat(connections.shell(target(rsaPem))).isSameAs(shell);
        String third = sshConnection(shell);
        assertThat(third).isNotEqualTo(second);
        assertThat(sshConnection(shell)).isEqualTo(third);
    }

    @Test
    void sessionsRunInParallelOnOneConnection() throws Exception {
        RemoteShell shell = connections.shell(target(ed25519));
        String conn = sshConnection(shell);
        // more than OpenSSH's MaxSessions (10) at once: the per-connection cap queues the rest
        List<CompletableFuture<String>> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(14);
        for (int i = 0; i < 14; i++) {
            int n = i;
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return shell.exec("sleep 0.2; echo " + n + " $SSH_CONNECTION", null, null).stdout().strip();
                } catch (SshException e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        try {
            for (int i = 0; i < runs.size(); i++) {
                assertThat(runs.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + " " + conn);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void globalCapSerialisesSessions() throws Exception {
        SshSettings one = new SshSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(15),
                1 << 20, 1, Duration.ofMillis(100), Duration.ofSeconds(1));
        try (SshConnections c = new SshConnections(one)) {
            // one shell, which alone would allow 8 sessions at once
            RemoteShell shell = c.shell(target(ed25519));
            String cmd = "date +%s%N; sleep 0.3; date +%s%N";
            CompletableFuture<String> ra = CompletableFuture.supplyAsync(() -> run(shell, cmd));
            CompletableFuture<String> rb = CompletableFuture.supplyAsync(() -> run(shell, cmd));
            long[] x = times(ra.get(30, TimeUnit.SECONDS));
            long[] y = times(rb.get(30, TimeUnit.SECONDS));
            assertThat(x[1] <= y[0] || y[1] <= x[0]).as("the two commands overlapped").isTrue();
        }
    }

    @Test
    void aHostThatDoesNotAnswerHoldsNoSessionPermitWhileConnecting() throws Exception {
        SshSettings one = new SshSettings(Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(15),
                1 << 20, 1, Duration.ofMillis(100), Duration.ofSeconds(1));
        try (java.net.ServerSocket blackHole = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
             SshConnections c = new SshConnections(one)) {
            // accepts TCP and never speaks: the SSH handshake hangs until the connect timeout
            SshTarget silent = new SshTarget(RealSshd.LOOPBACK, blackHole.getLocalPort(), "root", sshd.knownHostsLine(),
                    null, ed25519.privateKey(), false);
            CompletableFuture<String> hung = CompletableFuture.supplyAsync(() -> run(c.shell(silent), "true"));
            blackHole.setSoTimeout(10_000);
            try (java.net.Socket accepted = blackHole.accept()) {
                // the only session permit is free for a live host while the dead one is still connecting
                assertThat(run(c.shell(target(ed25519)), "echo live")).isEqualTo("live\n");
                assertThat(hung).isNotDone();
                // and the handshake that never comes is given up after the connect timeout
                assertThat(hung).failsWithin(Duration.ofSeconds(40)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                        .withMessageContaining("no SSH handshake");
            }
        }
    }

    @Test
    void aHostNotReachedYetIsTriedOnceNotForTheWholeReconnectWindow() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SshTarget refused = new SshTarget(RealSshd.LOOPBACK, port, "root", sshd.knownHostsLine(), null,
                ed25519.privateKey(), false);
        RemoteShell shell = connections.shell(refused);
        for (int i = 0; i < 2; i++) {
            SshException e = org.assertj.core.api.Assertions.catchThrowableOfType(SshException.class,
                    () -> shell.exec("true", null, null));
            assertThat(e).isInstanceOf(SshException.ConnectFailed.class);
            assertThat(e.getMessage()).contains("(1 attempts");
        }
    }

    @Test
    void reconnectsAfterSshdRestart() throws Exception {
        RemoteShell shell = connections.shell(target(ed25519));
        String before = sshConnection(shell);
        sshd.restart();
        ExecResult r = shell.exec("echo $SSH_CONNECTION", null, null);
        assertThat(r.exitStatus()).isZero();
        assertThat(r.stdout().strip()).isNotEqualTo(before).endsWith(" " + sshd.port());
    }

    @Test
    void connectionLostDuringACommandIsConnectionDropped() throws Exception {
        RemoteShell shell = connections.shell(target(ed25519));
        shell.exec("true", null, null);
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> run(shell, "sleep 20.5"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sshd.runs("sleep", "20.5"));
        sshd.killConnections();
        assertThat(running).failsWithin(Duration.ofSeconds(15)).withThrowableOfType(Exception.class)
                .satisfies(e -> assertThat(rootSsh(e)).isInstanceOf(SshException.ConnectionDropped.class)
                        .extracting(SshException::reason).isEqualTo("ConnectionDropped"));
        // the listener still runs: the next command connects again by itself
        assertThat(shell.exec("echo back", null, null).stdout()).isEqualTo("back\n");
    }

    @Test
    void awaitReconnectWaitsForTheHostToComeBack() throws Exception {
        RemoteShell shell = connections.shell(target(ed25519));
        String before = sshConnection(shell);
        sshd.stop();
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            later.schedule((Runnable) sshd::start, 1500, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            shell.awaitReconnect(Duration.ofSeconds(30));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1000));
        } finally {
            later.shutdown();
            later.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertThat(sshConnection(shell)).isNotEqualTo(before);
    }

    @Test
    void awaitReconnectGivesUpAfterMax() throws Exception {
        // connect timeout 1 s: exec's reconnect window is 3 s
        SshSettings quick = new SshSettings(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(15),
                1 << 20, 4, Duration.ofMillis(100), Duration.ofMillis(500));
        try (SshConnections c = new SshConnections(quick)) {
            RemoteShell shell = c.shell(target(ed25519));
            shell.exec("true", null, null);
            sshd.stop();
            try {
                // exec does not hang on a host that is down: a host that was up gets its reconnect window
                long start = System.nanoTime();
                assertThatThrownBy(() -> shell.exec("true", null, null))
                        .isInstanceOf(SshException.ConnectFailed.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2500),
                        Duration.ofSeconds(6));
                // ... and once known down, one try per exec
                assertThatThrownBy(() -> shell.exec("true", null, null))
                        .isInstanceOf(SshException.ConnectFailed.class).hasMessageContaining("(1 attempts");
                start = System.nanoTime();
                assertThatThrownBy(() -> shell.awaitReconnect(Duration.ofSeconds(1)))
                        .isInstanceOfSatisfying(SshException.ConnectFailed.class,
                                e -> assertThat(e.reason()).isEqualTo("HostUnreachable"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            } finally {
                sshd.start();
            }
            assertThat(shell.exec("echo up", null, null).stdout()).isEqualTo("up\n");
        }
    }

    @Test
    void refusedChannelMovesToANewConnectionWithoutCuttingRunningCommands() throws Exception {
        RemoteShell shell = connections.shell(target(ed25519));
        String first = sshConnection(shell);
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> run(shell, "sleep 3; echo survived"));
        // timed-out commands go on running (OpenSSH does not signal root sessions) and keep their sessions:
        // with the one above they fill OpenSSH's MaxSessions of 10
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> shell.exec("sleep 10.5", null, Duration.ofMillis(300)))
                    .isInstanceOf(SshException.CommandTimeout.class);
        }
        String second = sshConnection(shell);
        assertThat(second).isNotEqualTo(first);
        assertThat(running.get(20, TimeUnit.SECONDS)).isEqualTo("survived\n");
        assertThat(sshConnection(shell)).isEqualTo(second);
    }

    @Test
    void sudoWrapsTheCommand() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is not installed");
        SshTarget viaSudo = new SshTarget(RealSshd.LOOPBACK, sshd.port(), "root", sshd.knownHostsLine(), null,
                ed25519.privateKey(), true);
        RemoteShell shell = connections.shell(viaSudo);
        assertThat(shell.exec("id -u", null, null).stdout()).isEqualTo("0\n");
        // it really went through sudo, and the quoting survived
        ExecResult r = shell.exec("echo \"$SUDO_USER:$HOME\"; printf '%s\\n' \"it's\"; cat", "in".getBytes(), null);
        assertThat(r.stdout()).isEqualTo("root:/root\nit's\nin");
        assertThat(shell.exec("exit 5", null, null).exitStatus()).isEqualTo(5);
    }

    @Test
    void closedConnectionsRefuseWork() throws Exception {
        RemoteShell shell = connections.shell(target(ed25519));
        shell.exec("true", null, null);
        connections.close();
        assertThatThrownBy(() -> shell.exec("true", null, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connections.shell(target(ed25519))).isInstanceOf(IllegalStateException.class);
    }

    private static String run(RemoteShell shell, String command) {
        try {
            return shell.exec(command, null, null).stdout();
        } catch (SshException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] times(String out) {
        String[] lines = out.strip().split("\n");
        return new long[] {Long.parseLong(lines[0]), Long.parseLong(lines[1])};
    }

    private static SshException rootSsh(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SshException s) {
                return s;
            }
        }
        throw new AssertionError("no SshException in", e);
    }

    private static void assertNoKeyMaterial(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("PRIVATE KEY").doesNotContain("b3BlbnNz");
        }
    }
}

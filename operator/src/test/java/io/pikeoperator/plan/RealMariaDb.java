package io.pikeoperator.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's MariaDB server (10.11), started by the test: a fresh datadir from mariadb-install-db, a unix socket in
 * the temp dir and TCP on 127.0.0.1 at a free port, running as root, no systemd, no option files of the machine.
 * {@link #shell()} is a bash whose /root (the operator's ~/.my.cnf) and /etc/mysql are the test's own, with the
 * client pointed at this server by MYSQL_UNIX_PORT / MYSQL_TCP_PORT (what a CentOS client has compiled in).
 */
final class RealMariaDb implements AutoCloseable {

    final Path dir;
    final Path socket;
    final int port;
    private final RealDaemon daemon;

    private RealMariaDb(Path dir, Path socket, int port, RealDaemon daemon) {
        this.dir = dir;
        this.socket = socket;
        this.port = port;
        this.daemon = daemon;
    }

    static RealMariaDb start(Path dir) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(dir.resolve("etc-mysql"));
        // Version difference: since 10.4 mariadb-install-db gives root@localhost unix_socket authentication (no
        // password works); 10.1's mysql_install_db gave it an empty password, which the operator's secure
        // installation detects ("root has no password"). "normal" restores 10.1's initial accounts.
        Map<String, String> env = Map.of("LC_ALL", "C");
        RealDaemon.run(env, "mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=root",
                "--auth-root-authentication-method=normal");
        Path socket = dir.resolve("mysql.sock");
        int port = RealDaemon.freePort();
        RealDaemon d = RealDaemon.start("mariadbd", "exec /usr/sbin/mariadbd --no-defaults --datadir=" + data
                + " --user=root --socket=" + socket + " --port=" + port + " --bind-address=127.0.0.1"
                + " --pid-file=" + dir.resolve("mariadbd.pid") + " --skip-log-bin --innodb-buffer-pool-size=16M"
                + " --character-set-server=utf8 --collation-server=utf8_general_ci",
                env, dir.resolve("mariadbd.log"));
        try {
            d.awaitPort(port, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return new RealMariaDb(dir, socket, port, d);
    }

    /** A shell on "the database host": the operator's scripts run here unchanged. */
    RealShell shell() {
        return new RealShell(Map.of(dir.resolve("root"), "/root", dir.resolve("etc-mysql"), "/etc/mysql"),
                Map.of("HOME", "/root", "MYSQL_UNIX_PORT", socket.toString(), "MYSQL_TCP_PORT", String.valueOf(port),
                        "LC_ALL", "C"));
    }

    String log() {
        return daemon.tail();
    }

    @Override
    public void close() {
        daemon.close();
    }
}

package io.pikeoperator.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Debian's RabbitMQ (3.10), started by the test as node rabbit@localhost: AMQP, distribution and its own epmd on
 * 127.0.0.1 at free ports, mnesia and logs in the temp dir, no plugins, a cookie in a temp HOME. The node sees
 * the test's dir as /etc/rabbitmq (a bind mount in its mount namespace), as does {@link #shell()}, so the
 * operator's secret file and its {@code rabbitmqctl eval} that reads it run unchanged. The shell's rabbitmqctl is
 * /usr/lib/rabbitmq/bin's (Debian's /usr/sbin wrapper would switch to the rabbitmq user and its own cookie).
 */
final class RealRabbitMq implements AutoCloseable {

    final Path dir;
    final int amqpPort;
    private final Map<String, String> env;
    private final RealDaemon daemon;

    private RealRabbitMq(Path dir, int amqpPort, Map<String, String> env, RealDaemon daemon) {
        this.dir = dir;
        this.amqpPort = amqpPort;
        this.env = env;
        this.daemon = daemon;
    }

    static RealRabbitMq start(Path dir) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("mnesia"));
        Files.createDirectories(dir.resolve("log"));
        Path cookie = home.resolve(".erlang.cookie");
        Files.writeString(cookie, "PIKECONTRACT" + Long.toHexString(System.nanoTime()).toUpperCase());
        Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
        Files.writeString(etc.resolve("enabled_plugins"), "[].\n");
        int amqp = RealDaemon.freePort();
        int dist = RealDaemon.freePort();
        int epmd = RealDaemon.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/lib/rabbitmq/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LC_ALL", "C.UTF-8");
        env.put("RABBITMQ_NODENAME", "rabbit@localhost");
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", String.valueOf(amqp));
        env.put("RABBITMQ_DIST_PORT", String.valueOf(dist));
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("ERL_EPMD_PORT", String.valueOf(epmd));
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", etc.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_CONFIG_FILE", etc.resolve("rabbitmq").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbit.pid").toString());
        Map<String, String> server = new LinkedHashMap<>(env);
        server.put("RABBITMQ_SERVER_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        // epmd started inside the namespace, so it dies with the node (the CLI would otherwise start one outside)
        RealDaemon d = RealDaemon.start("rabbitmq-server", "mount --bind '" + etc + "' /etc/rabbitmq"
                + " && epmd -daemon -address 127.0.0.1 -port " + epmd
                + " && exec /usr/lib/rabbitmq/bin/rabbitmq-server", server, dir.resolve("rabbitmq-server.log"));
        try {
            d.awaitPort(amqp, Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return new RealRabbitMq(dir, amqp, env, d);
    }

    RealShell shell() {
        return new RealShell(Map.of(dir.resolve("etc"), "/etc/rabbitmq"), env);
    }

    String log() {
        return daemon.tail();
    }

    @Override
    public void close() {
        daemon.close();
    }
}

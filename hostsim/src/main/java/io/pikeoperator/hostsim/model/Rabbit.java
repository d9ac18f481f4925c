package io.pikeoperator.hostsim.model;

import io.pikeoperator.hostsim.model.HostState.RabbitState;
import io.pikeoperator.hostsim.model.HostState.RabbitUser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RabbitMQ 3.6: users with salted SHA-256 passwords, permissions on vhost "/", and AMQP logins over the model. */
public final class Rabbit {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Rabbit() {
    }

    static RabbitState initialState() {
        RabbitState s = new RabbitState();
        RabbitUser guest = newUser("guest");
        guest.tags.add("administrator");
        guest.permissions = List.of(".*", ".*", ".*");
        s.users.put("guest", guest);
        return s;
    }

    public static RabbitUser newUser(String password) {
        RabbitUser u = new RabbitUser();
        setPassword(u, password);
        return u;
    }

    public static void setPassword(RabbitUser u, String password) {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        u.salt = HexFormat.of().formatHex(salt);
        u.passwordHash = hash(u.salt, password);
    }

    public static boolean checkPassword(RabbitUser u, String password) {
        return u.passwordHash.equals(hash(u.salt, password));
    }

    private static String hash(String salt, String password) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(HexFormat.of().parseHex(salt));
            return HexFormat.of().formatHex(d.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An oslo.messaging transport URL: rabbit://user:pass@host:port/vhost (user and password percent-decoded). */
    public record TransportUrl(String user, String password, String host, int port, String vhost) {

        public static Optional<TransportUrl> parse(String url) {
            if (url == null) {
                return Optional.empty();
            }
            Matcher m = Pattern.compile("^rabbit://(?:([^:@/]*)(?::([^@/]*))?@)?([^:/,]+)(?::(\\d+))?(?:/(.*))?$")
                    .matcher(url.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new TransportUrl(
                    m.group(1) == null ? "guest" : MariaDb.decode(m.group(1)),
                    m.group(2) == null ? "guest" : MariaDb.decode(m.group(2)),
                    m.group(3), m.group(4) == null ? 5672 : Integer.parseInt(m.group(4)),
                    m.group(5) == null || m.group(5).isEmpty() ? "/" : MariaDb.decode(m.group(5))));
        }
    }

    /** Where a service's messages go once it is logged in: the broker host and the user. */
    public record Login(Host broker, String user, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Logs in as a service on {@code from} with its transport_url would; the error is what oslo.messaging logs.
     */
    public static Login login(World world, Host from, String transportUrl) {
        Optional<TransportUrl> parsed = TransportUrl.parse(transportUrl);
        if (parsed.isEmpty()) {
            return new Login(null, null, "Invalid transport URL: " + MariaDb.DbUrl.masked(transportUrl));
        }
        TransportUrl t = parsed.get();
        World.Connection c = world.connect(from, t.host(), t.port());
        if (!c.ok()) {
            return new Login(null, null, "AMQP server on " + t.host() + ":" + t.port() + " is unreachable: "
                    + c.pythonError() + ". Trying again in 1 seconds.");
        }
        Host broker = c.server();
        if (!broker.active("rabbitmq-server") || broker.state().rabbit == null) {
            return new Login(null, null, "AMQP server on " + t.host() + ":" + t.port()
                    + " is unreachable: [Errno 111] ECONNREFUSED. Trying again in 1 seconds.");
        }
        RabbitUser u = broker.state().rabbit.users.get(t.user());
        if (u == null || !checkPassword(u, t.password())) {
            return new Login(null, null, "AMQP server " + t.host() + ":" + t.port() + " closed the connection. "
                    + "Check login credentials: Socket closed");
        }
        if (!t.vhost().equals("/") || u.permissions == null) {
            return new Login(null, null, "AMQP server " + t.host() + ":" + t.port() + " refused access to vhost '"
                    + t.vhost() + "' for user '" + t.user() + "'");
        }
        return new Login(broker, t.user(), null);
    }
}

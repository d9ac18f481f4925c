package io.pikeoperator.hostsim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pikeoperator.hostsim.commands.TwinShell;
import io.pikeoperator.hostsim.model.Host;
import io.pikeoperator.hostsim.model.HostState;
import io.pikeoperator.hostsim.model.World;
import io.pikeoperator.hostsim.sandbox.NativeTools;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host twin: simulated CentOS 7 hosts, each behind its own SSH server on loopback, sharing one model world.
 * This is the Java API tests, the demo and the benchmarks use; {@link HostSim} is its command line.
 */
public final class Twin implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Twin.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path stateDir;
    private final World world;
    private final Map<String, SimHost> hosts = new LinkedHashMap<>();
    private final Map<String, String> persisted = new LinkedHashMap<>();
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Path socketDir;
    private final AtomicLong changes = new AtomicLong();
    private long flushed = -1;

    private Twin(Path stateDir, Collection<PublicKey> authorized, List<HostOptions> options) throws IOException {
        if (stateDir.toAbsolutePath().toString().matches(".*[,:].*")) {
            throw new IllegalArgumentException("the state dir may not contain ',' or ':' (overlay mount options): "
                    + stateDir);
        }
        this.stateDir = stateDir.toAbsolutePath();
        Files.createDirectories(this.stateDir);
        this.world = new World(Clock.systemUTC());
        this.executor = Executors.newCachedThreadPool(daemon("twin"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("twin-timer"));
        this.socketDir = Files.createTempDirectory(Path.of("/tmp"), "twin-");
        NativeTools tools = NativeTools.prepare(NativeTools.defaultCacheDir());
        TwinShell shell = new TwinShell(world, h -> changes.incrementAndGet());
        for (HostOptions o : options) {
            Path dir = this.stateDir.resolve(o.name());
            Files.createDirectories(dir.resolve("root"));
            Files.createDirectories(dir.resolve("usr/upper"));
            Path modelFile = dir.resolve("model.json");
            boolean restored = Files.exists(modelFile);
            HostState state = restored ? JSON.readValue(modelFile.toFile(), HostState.class) : new HostState();
            Host model = new Host(state, dir.resolve("root"), dir.resolve("usr/upper"));
            if (!restored) {
                HostImage.create(model, o);
            }
            world.add(model);
            hosts.put(o.name(), new SimHost(o, dir, model, world, tools, socketDir.resolve(o.name() + ".sock"),
                    shell, authorized, executor));
        }
        world.onReboot((h, downtime) -> scheduler.schedule(() -> hosts.get(h.name()).reboot(downtime), 150,
                TimeUnit.MILLISECONDS));
        writeKnownHosts();
        persist();
        scheduler.scheduleWithFixedDelay(this::flushQuietly, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Starts the hosts; a state dir from an earlier run is reused (same files, model and host keys). */
    public static Twin start(Path stateDir, Collection<PublicKey> authorizedKeys, List<HostOptions> hosts) {
        try {
            return new Twin(stateDir, List.copyOf(authorizedKeys), hosts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #start(Path, Collection, List)}, with the authorized keys read from an OpenSSH public key file. */
    public static Twin start(Path stateDir, Path authorizedKeyFile, List<HostOptions> hosts) {
        return start(stateDir, readKeys(authorizedKeyFile), hosts);
    }

    public static List<PublicKey> readKeys(Path file) {
        try {
            List<PublicKey> keys = new ArrayList<>();
            for (AuthorizedKeyEntry e : AuthorizedKeyEntry.readAuthorizedKeys(file)) {
                keys.add(e.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no public key in " + file);
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read public key " + file + ": " + e.getMessage(), e);
        }
    }

    public SimHost host(String name) {
        SimHost h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no simulated host " + name);
        }
        return h;
    }

    public List<SimHost> hosts() {
        return new ArrayList<>(hosts.values());
    }

    public World world() {
        return world;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path knownHosts() {
        return stateDir.resolve("known_hosts");
    }

    /** Rewrites known_hosts (after a host key rotation the file still holds the old key unless this is called). */
    public void writeKnownHosts() {
        StringBuilder sb = new StringBuilder();
        hosts.values().forEach(h -> sb.append(h.knownHostsLine()).append('\n'));
        try {
            Files.writeString(knownHosts(), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes each host's model.json if it changed. */
    public void persist() {
        world.lock().lock();
        try {
            for (SimHost h : hosts.values()) {
                String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(h.model().state());
                if (!json.equals(persisted.get(h.name()))) {
                    Path file = h.dir().resolve("model.json");
                    Path tmp = h.dir().resolve("model.json.tmp");
                    Files.writeString(tmp, json);
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    persisted.put(h.name(), json);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            world.lock().unlock();
        }
    }

    private void flushQuietly() {
        long now = changes.get();
        if (now == flushed) {
            return;
        }
        try {
            persist();
            flushed = now;
        } catch (RuntimeException e) {
            LOG.warn("could not persist the twin's model: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (SimHost h : hosts.values()) {
            h.close();
        }
        persist();
        executor.shutdownNow();
        try (var files = Files.list(socketDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(socketDir);
        } catch (IOException e) {
            LOG.debug("cleaning {}: {}", socketDir, e.toString());
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

package io.pikeoperator.hostsim;

import io.pikeoperator.hostsim.commands.TwinCommands;
import io.pikeoperator.hostsim.model.Host;
import io.pikeoperator.hostsim.model.Systemd;
import io.pikeoperator.hostsim.model.World;
import io.pikeoperator.hostsim.sandbox.NativeTools;
import io.pikeoperator.hostsim.sandbox.Sandbox;
import io.pikeoperator.hostsim.sandbox.ShimServer;
import io.pikeoperator.hostsim.ssh.ExecCommand;
import io.pikeoperator.hostsim.ssh.HostKeys;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * One simulated host: its directory ({@code root/}, {@code usr/}, {@code twin/}, {@code commands.jsonl},
 * {@code model.json}, its host key), its SSH server on loopback, its sandbox and shim socket, its faults.
 */
public final class SimHost implements Closeable {

    private final HostOptions options;
    private final Path dir;
    private final Host model;
    private final World world;
    private final Sandbox sandbox;
    private final ShimServer shims;
    private final HostKeys hostKeys;
    private final Faults faults = new Faults();
    private final CommandLog commandLog;
    private final ArgvLog argvLog;
    private final Collection<PublicKey> authorized;
    private final ExecutorService executor;
    private volatile SshServer sshd;
    private volatile int port;

    SimHost(HostOptions options, Path dir, Host model, World world, NativeTools tools, Path socket,
            TwinCommands commands, Collection<PublicKey> authorized, ExecutorService executor) {
        this.options = options;
        this.dir = dir;
        this.model = model;
        this.world = world;
        this.authorized = authorized;
        this.executor = executor;
        try {
            Path twin = dir.resolve("twin");
            Files.createDirectories(twin.resolve("proc"));
            Files.createDirectories(dir.resolve("usr/upper"));
            Files.createDirectories(dir.resolve("usr/work"));
            for (String mountPoint : List.of("usr", "proc", "dev", ".twin")) {
                Files.createDirectories(dir.resolve("root").resolve(mountPoint));
            }
            Files.copy(tools.shim(), twin.resolve("twin-shim"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(twin.resolve("proc/cpuinfo"), HostImage.cpuinfo(model.state().cpu));
            Files.writeString(twin.resolve("proc/meminfo"), HostImage.meminfo(model.state().memoryMiB));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.commandLog = new CommandLog(dir.resolve("commands.jsonl"));
        this.hostKeys = new HostKeys(dir.resolve("ssh_host_ed25519_key"));
        this.argvLog = new ArgvLog(dir.resolve("argv.jsonl"));
        this.shims = new ShimServer(options.name(), socket, commands, executor, argvLog::add);
        this.sandbox = new Sandbox(tools.enter(), dir, socket, options.name());
        this.port = options.port();
        startSsh();
    }

    private synchronized void startSsh() {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(options.bindHost());
        server.setPort(port);
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> "root".equals(user)
                && authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setCommandFactory((channel, command) -> new ExecCommand(this, command, executor));
        server.setShellFactory(channel -> new ExecCommand(this, null, executor));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(dir.resolve("root")));
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ofHours(1));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.bindHost() + ":" + port, e);
        }
        port = server.getPort();
        sshd = server;
    }

    public String name() {
        return options.name();
    }

    public HostOptions options() {
        return options;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path root() {
        return dir.resolve("root");
    }

    public Host model() {
        return model;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public Faults faults() {
        return faults;
    }

    public CommandLog commandLog() {
        return commandLog;
    }

    /** The argv of every modelled command run on this host. */
    public ArgvLog argvLog() {
        return argvLog;
    }

    /** {@code [127.0.0.1]:2201 ssh-ed25519 AAAA...} */
    public String knownHostsLine() {
        return "[" + options.bindHost() + "]:" + port + " " + hostKeys.publicKeyLine();
    }

    public String hostKey() {
        return hostKeys.publicKeyLine();
    }

    /** The "changed host key" fault: later connections see a new key. */
    public void rotateHostKey() {
        hostKeys.rotate();
    }

    /** A file of the host as it is now (follows the host's own symlinks). */
    public Optional<String> file(String path) {
        world.lock().lock();
        try {
            return model.read(path);
        } finally {
            world.lock().unlock();
        }
    }

    /** Edits a file behind the operator's back (drift); keeps owner, group and mode when the file exists. */
    public void editFile(String path, String content) {
        world.lock().lock();
        try {
            model.files().replace(path, content, model);
        } finally {
            world.lock().unlock();
        }
    }

    /** Stops a service behind the operator's back (drift). */
    public void stopService(String unit) {
        world.lock().lock();
        try {
            Systemd.stop(world, model, unit);
        } finally {
            world.lock().unlock();
        }
    }

    /**
     * Reboots: connections drop at once, the host refuses connections for {@code downtime}, then comes back with
     * the newest kernel, empty /run and /tmp, and its enabled services started.
     */
    public void reboot(Duration downtime) {
        world.lock().lock();
        try {
            model.setDown(true);
        } finally {
            world.lock().unlock();
        }
        SshServer old = sshd;
        try {
            old.stop(true);
        } catch (IOException e) {
            // stopping is best effort: the sessions are gone either way
        }
        executor.execute(() -> {
            try {
                Thread.sleep(downtime.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            world.lock().lock();
            try {
                model.files().clear("/run");
                model.files().clear("/tmp");
                model.state().kernel = model.state().packages.getOrDefault("kernel", model.state().kernel);
                model.state().boots++;
                Systemd.boot(world, model);
                model.setDown(false);
            } finally {
                world.lock().unlock();
            }
            startSsh();
        });
    }

    public boolean isDown() {
        return model.isDown();
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            // closing anyway
        }
        shims.close();
    }
}

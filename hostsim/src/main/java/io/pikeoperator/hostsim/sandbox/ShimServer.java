package io.pikeoperator.hostsim.sandbox;

import io.pikeoperator.hostsim.commands.CommandContext;
import io.pikeoperator.hostsim.commands.CommandResult;
import io.pikeoperator.hostsim.commands.TwinCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The model's end of the shims: a unix socket per simulated host (bound into its root as /.twin/sock). Each
 * connection is one command invocation, framed as documented in twin-shim.c.
 */
public final class ShimServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ShimServer.class);
    private static final int CHUNK = 60 * 1024;

    private final String host;
    private final Path socket;
    private final TwinCommands commands;
    /** Told the argv and exit status of every call (the host's argv log). */
    private final java.util.function.ObjIntConsumer<List<String>> calls;
    private final ExecutorService executor;
    private final ServerSocketChannel server;
    private volatile boolean closed;

    public ShimServer(String host, Path socket, TwinCommands commands, ExecutorService executor,
                      java.util.function.ObjIntConsumer<List<String>> calls) {
        this.calls = calls;
        this.host = host;
        this.socket = socket;
        this.commands = commands;
        this.executor = executor;
        try {
            Files.deleteIfExists(socket);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + socket, e);
        }
        executor.execute(this::acceptLoop);
    }

    public Path socket() {
        return socket;
    }

    private void acceptLoop() {
        Thread.currentThread().setName("shim-accept-" + host);
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                executor.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("shim socket of {} failed: {}", host, e.toString());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(client));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
            List<String> argv = new ArrayList<>();
            Map<String, String> env = new LinkedHashMap<>();
            String cwd = "/";
            boolean terminal = false;
            for (boolean go = false; !go; ) {
                int type = in.readUnsignedByte();
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                String text = new String(payload, StandardCharsets.UTF_8);
                switch (type) {
                    case 'A' -> argv.add(text);
                    case 'E' -> {
                        int eq = text.indexOf('=');
                        if (eq > 0) {
                            env.put(text.substring(0, eq), text.substring(eq + 1));
                        }
                    }
                    case 'C' -> cwd = text;
                    case 'T' -> terminal = text.equals("1");
                    case 'G' -> go = true;
                    default -> throw new IOException("unexpected frame " + (char) type);
                }
            }
            CommandContext context = new CommandContext(host, argv, env, cwd, terminal,
                    () -> requestStdin(in, out));
            CommandResult result;
            try {
                result = commands.run(context);
            } catch (RuntimeException e) {
                LOG.error("twin command {} on {} crashed", argv, host, e);
                result = CommandResult.fail(70, argv.get(0) + ": internal error in the host twin: " + e + "\n");
            }
            calls.accept(List.copyOf(argv), result.exit());
            send(out, 'O', result.stdout());
            send(out, 'R', result.stderr());
            out.writeByte('X');
            out.writeInt(4);
            out.writeInt(result.exit());
            out.flush();
        } catch (EOFException e) {
            LOG.debug("shim client of {} went away", host);
        } catch (IOException e) {
            LOG.debug("shim connection of {} failed: {}", host, e.toString());
        }
    }

    private static byte[] requestStdin(DataInputStream in, DataOutputStream out) {
        try {
            out.writeByte('S');
            out.writeInt(0);
            out.flush();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            for (; ; ) {
                int type = in.readUnsignedByte();
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                if (type == 'Z') {
                    return buffer.toByteArray();
                }
                buffer.write(payload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(DataOutputStream out, char type, byte[] bytes) throws IOException {
        for (int off = 0; off < bytes.length; off += CHUNK) {
            int n = Math.min(CHUNK, bytes.length - off);
            out.writeByte(type);
            out.writeInt(n);
            out.write(bytes, off, n);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("closing shim socket of {}: {}", host, e.toString());
        }
    }
}

package io.pikeoperator.hostsim.ssh;

import io.pikeoperator.hostsim.CommandLog;
import io.pikeoperator.hostsim.Faults;
import io.pikeoperator.hostsim.SimHost;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One SSH exec (or shell) request of a simulated host: faults first (latency, fail, hang, drop), then the command
 * runs in the host's sandbox with its streams wired to the channel, and is logged with its exit status.
 */
public final class ExecCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(ExecCommand.class);

    private final SimHost host;
    private final String command;
    private final ExecutorService executor;
    private final CountDownLatch destroyed = new CountDownLatch(1);
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    /** @param command the exec request's command, or null for a shell request */
    public ExecCommand(SimHost host, String command, ExecutorService executor) {
        this.host = host;
        this.command = command;
        this.executor = executor;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        executor.execute(() -> run(channel, env));
    }

    private void run(ChannelSession channel, Environment env) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String logged = command == null ? "<shell>" : command;
        int status = -1;
        try {
            Optional<Faults.Fault> fault = command == null ? Optional.empty() : host.faults().take(command);
            long latency = host.faults().latency().toMillis();
            if (latency > 0) {
                Thread.sleep(latency);
            }
            if (fault.isPresent() && fault.get().kind() == Faults.Kind.FAIL) {
                err.write(fault.get().stderr().getBytes(StandardCharsets.UTF_8));
                err.flush();
                status = fault.get().exit();
                exit.onExit(status);
                return;
            }
            if (fault.isPresent() && fault.get().kind() == Faults.Kind.HANG) {
                destroyed.await(1, TimeUnit.HOURS);
                return;
            }
            Process p = command == null ? host.sandbox().shell(env.getEnv()) : host.sandbox().exec(command, env.getEnv());
            process = p;
            executor.execute(() -> pump(in, p.getOutputStream(), true));
            CountDownLatch outputs = new CountDownLatch(2);
            executor.execute(() -> {
                pump(p.getInputStream(), out, false);
                outputs.countDown();
            });
            executor.execute(() -> {
                pump(p.getErrorStream(), err, false);
                outputs.countDown();
            });
            status = p.waitFor();
            outputs.await(10, TimeUnit.SECONDS);
            if (fault.isPresent() && fault.get().kind() == Faults.Kind.DROP) {
                status = -1;
                channel.getSession().close(true);
                return;
            }
            out.flush();
            err.flush();
            exit.onExit(status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("exec on {} ended: {}", host.name(), e.toString());
        } finally {
            host.commandLog().add(new CommandLog.Entry(started, logged, status,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)));
        }
    }

    private static void pump(InputStream from, OutputStream to, boolean closeTo) {
        byte[] buf = new byte[16384];
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // the other end went away (process exited, channel closed): nothing more to copy
        } finally {
            if (closeTo) {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        destroyed.countDown();
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }
}

package io.pikeoperator.plan;

import io.pikeoperator.demo.DemoCluster;
import io.pikeoperator.hostsim.HostOptions;
import io.pikeoperator.hostsim.Twin;
import io.pikeoperator.ssh.ExecResult;
import io.pikeoperator.ssh.RemoteShell;
import io.pikeoperator.ssh.SshConnections;
import io.pikeoperator.ssh.SshException;
import io.pikeoperator.ssh.SshTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The twin's controller01 (CentOS 7, Pike repositories) over SSH, as the operator reaches it. */
final class TwinController implements AutoCloseable {

    final Twin twin;
    private final SshConnections connections = new SshConnections();
    final RemoteShell shell;

    TwinController(Path dir) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(dir);
        Path key = DemoCluster.keyPair(dir);
        twin = Twin.start(dir.resolve("twin"), Path.of(key + ".pub"), List.of(HostOptions.of("controller01", 0, "10.0.0.11")));
        var host = twin.host("controller01");
        shell = connections.shell(SshTarget.of("127.0.0.1", host.port(), "root", host.knownHostsLine() + "\n", null,
                Files.readString(key)));
    }

    /** Runs a setup command that must succeed. */
    String setup(String command) throws SshException {
        ExecResult r = shell.exec(command, new byte[0], Duration.ofMinutes(2));
        if (!r.ok()) {
            throw new IllegalStateException("twin setup failed (exit " + r.exitStatus() + "): " + command + "\n"
                    + r.stdout() + r.stderr());
        }
        return r.stdout();
    }

    RealShell.Result run(String command) throws SshException {
        ExecResult r = shell.exec(command, new byte[0], Duration.ofMinutes(2));
        return new RealShell.Result(r.exitStatus(), r.stdout() + r.stderr());
    }

    @Override
    public void close() {
        connections.close();
        twin.close();
    }
}

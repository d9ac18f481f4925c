package io.pikeoperator.cli;

import io.pikeoperator.drive.Assembly;
import io.pikeoperator.ssh.ExecResult;
import io.pikeoperator.ssh.SshConnections;
import io.pikeoperator.ssh.SshException;
import io.pikeoperator.ssh.SshTarget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether hosts were already given passwords, asked of the hosts themselves (the command line has no status to
 * remember it): root's option file on the controller, MariaDB refusing root without a password, a nova.conf that
 * holds the RabbitMQ password. Read-only, one exec per host, and only when passwords would be generated.
 */
final class Provisioned {

    static final String CHECK = "[ -e /root/.my.cnf ] && echo '@found /root/.my.cnf exists'\n"
            + "if command -v mysql >/dev/null 2>&1; then mysql -uroot --password= -N -e 'SELECT 1' 2>&1 "
            + "| grep -q 'Access denied' && echo '@found MariaDB refuses root without a password'; fi\n"
            + "grep -qs '^transport_url *= *rabbit://openstack:' /etc/nova/nova.conf "
            + "&& echo '@found /etc/nova/nova.conf holds the RabbitMQ password'\n"
            + "true";

    private Provisioned() {
    }

    /** A host that could not be asked: the same failure the run would have met there. */
    static final class Unchecked extends Exception {
        final String host;
        final SshException cause;

        Unchecked(String host, SshException cause) {
            super(cause.getMessage(), cause);
            this.host = host;
            this.cause = cause;
        }
    }

    /** "host: what was found" for every host that shows it was provisioned; empty when none does. */
    static List<String> evidence(SshConnections connections, Assembly assembly) throws Unchecked {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, SshTarget> e : assembly.targets().entrySet()) {
            ExecResult r;
            try (SshConnections.HostLock lock = connections.lockHost(e.getValue())) {
                r = connections.shell(e.getValue()).exec(CHECK, new byte[0], Duration.ofSeconds(60));
            } catch (SshException x) {
                throw new Unchecked(e.getKey(), x);
            }
            r.stdout().lines().filter(l -> l.startsWith("@found ")).forEach(l -> found.add(e.getKey() + ": " + l.substring(7)));
        }
        return found;
    }
}

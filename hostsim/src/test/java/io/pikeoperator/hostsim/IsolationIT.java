package io.pikeoperator.hostsim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A simulated host's commands have no network: the machine's loopback is out of reach and there is no route
 * anywhere. Proven with a listener of our own on loopback only; nothing else is ever contacted.
 */
class IsolationIT {

    @TempDir
    static Path dir;
    static TwinFixture fixture;
    static Twin twin;
    static TwinClient ssh;

    @BeforeAll
    static void start() {
        fixture = TwinFixture.start(dir, TwinFixture.CONTROLLER_ONLY);
        twin = fixture.twin;
        ssh = fixture.ssh;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theMachinesLoopbackIsUnreachableFromAHostShell() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1500);
            int port = listener.getLocalPort();
            TwinClient.Result bash = ssh.exec("controller01", "exec 3<>/dev/tcp/127.0.0.1/" + port);
            TwinClient.Result python = ssh.exec("controller01", "python3 -c \"import socket; "
                    + "socket.create_connection(('127.0.0.1', " + port + "), 2)\"");

            assertThat(bash.exit()).isNotZero();
            assertThat(bash.err()).contains("Network is unreachable");
            assertThat(python.exit()).isNotZero();
            assertThatThrownBy(listener::accept).as("nothing ever connected").isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aHostShellHasNoRouteAndNoInterfaceButADownLoopback() {
        String v4 = ssh.ok("controller01", "cat /proc/net/route");
        assertThat(v4.lines().filter(l -> !l.startsWith("Iface")).toList()).as("IPv4 routes").isEmpty();
        String v6 = ssh.ok("controller01", "cat /proc/net/ipv6_route");
        assertThat(v6.lines().toList()).as("IPv6 routes: only the kernel's reject entries on lo")
                .allMatch(l -> l.strip().endsWith(" lo"));
        String devices = ssh.ok("controller01", "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
        assertThat(devices.lines().toList()).containsExactly("lo");
        assertThat(ssh.ok("controller01", "cat /sys/class/net/lo/operstate 2>/dev/null || echo down")).contains("down");
    }
}

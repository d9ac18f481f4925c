package io.pikeoperator.ssh;

import net.schmizz.sshj.SSHClient;

/**
 * One authenticated connection and the execs using it. A retired link takes no new execs and is disconnected
 * when its last exec ends, so replacing a connection (new key, a channel refused) never cuts a running command.
 */
final class SshLink {

    final SSHClient client;
    /** What the connection was opened with: a shell whose target changed since needs a new link. */
    final SshTarget target;
    private int users;
    private boolean retired;

    SshLink(SSHClient client, SshTarget target) {
        this.client = client;
        this.target = target;
    }

    boolean alive() {
        return client.isConnected() && client.isAuthenticated();
    }

    /** Counts one more exec on this link, unless it is retired. */
    synchronized boolean use() {
        if (retired) {
            return false;
        }
        users++;
        return true;
    }

    void release() {
        boolean close;
        synchronized (this) {
            users--;
            close = retired && users == 0;
        }
        if (close) {
            SshConnector.disconnectQuietly(client);
        }
    }

    /** No new execs; disconnects now if idle, else when the last exec releases it. */
    void retire() {
        boolean close;
        synchronized (this) {
            close = !retired && users == 0;
            retired = true;
        }
        if (close) {
            SshConnector.disconnectQuietly(client);
        }
    }

    /** Disconnects now: running execs end with ConnectionDropped. */
    void kill() {
        synchronized (this) {
            retired = true;
        }
        SshConnector.disconnectQuietly(client);
    }
}

package io.pikeoperator.hostsim.commands;

import java.time.Duration;

/**
 * What the model may ask of the SSH/sandbox side of a simulated host: things that are not state in the model
 * but behaviour of the machine (a reboot drops every connection and keeps the host unreachable for a while).
 */
public interface HostControl {

    /** Drops all SSH connections of the host and refuses new ones for {@code downtime}; then the host is back. */
    void reboot(String host, Duration downtime);
}

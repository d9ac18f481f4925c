package io.pikeoperator.ssh;

import java.time.Duration;

/** What a remote command returned. Output is bounded: {@code truncated} says that the tail was cut. */
public record ExecResult(int exitStatus, String stdout, String stderr, boolean truncated, Duration duration) {

    public boolean ok() {
        return exitStatus == 0;
    }
}

package io.pikeoperator.engine;

/** A probe's answer: its exit status and its output (stdout and stderr together). */
public record Observation(int exit, String output) {

    public boolean ok() {
        return exit == 0;
    }

    /** The output's lines, trimmed, without blank ones. */
    public java.util.List<String> lines() {
        return output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}

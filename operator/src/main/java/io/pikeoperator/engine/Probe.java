package io.pikeoperator.engine;

/**
 * A check's question to the host: a shell snippet whose output and exit status are the answer. Probes are
 * evaluated together in one round trip; steps that ask the same question share one evaluation.
 */
public record Probe(Script script) {

    public static Probe of(String text) {
        return new Probe(Script.of(text));
    }

    public Probe with(String name, String value) {
        return new Probe(script.with(name, value));
    }

    /** Probes are the same question when their script and inputs are. */
    String key() {
        return script.text() + "\0" + script.inputs();
    }
}

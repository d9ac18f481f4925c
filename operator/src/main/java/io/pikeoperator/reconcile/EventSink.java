package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pikeoperator.engine.Redactor;

/** Where the status writer's Events go: the API ({@link EventRecorder}), or a list in a test. */
interface EventSink {

    void normal(HasMetadata on, String reason, String message);

    void warning(HasMetadata on, String reason, String message);

    /** An Event of {@code type} whose message is redacted first. */
    void record(HasMetadata on, String type, String reason, String message, Redactor redactor);
}

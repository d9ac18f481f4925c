package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pikeoperator.engine.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

/** core/v1 Events on the operator's objects; messages are redacted and short. A failed write is only logged. */
final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;

    EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    void normal(HasMetadata on, String reason, String message) {
        record(on, "Normal", reason, message);
    }

    void warning(HasMetadata on, String reason, String message) {
        record(on, "Warning", reason, message);
    }

    void record(HasMetadata on, String type, String reason, String message, Redactor redactor) {
        record(on, type, reason, redactor.redact(message));
    }

    private void record(HasMetadata on, String type, String reason, String message) {
        String now = Instant.now().toString();
        String text = message == null ? "" : message.length() > 1000 ? message.substring(0, 1000) + "…" : message;
        try {
            client.v1().events().inNamespace(on.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withName(on.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(on.getMetadata().getNamespace()).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(on.getApiVersion()).withKind(on.getKind())
                            .withName(on.getMetadata().getName()).withNamespace(on.getMetadata().getNamespace())
                            .withUid(on.getMetadata().getUid()).build())
                    .withType(type).withReason(reason).withMessage(text).withFirstTimestamp(now).withLastTimestamp(now)
                    .withCount(1).withNewSource().withComponent("pike-operator").endSource().build()).create();
        } catch (RuntimeException e) {
            LOG.warn("cannot record event {} on {}/{}: {}", reason, on.getKind(), on.getMetadata().getName(), e.getMessage());
        }
    }
}

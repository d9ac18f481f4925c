package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pikeoperator.engine.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * core/v1 Events on the operator's objects; messages are redacted and short. A failed write is only logged.
 * <p>
 * Events are aggregated as kubectl shows them: the same type, reason and message on the same object is one Event
 * whose {@code count} and {@code lastTimestamp} move, not a new object per failure. Its name is derived from those
 * (so an operator restart finds it again); the counts of recent Events are remembered, so a repeat costs one patch.
 */
final class EventRecorder implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final int REMEMBERED = 1024;
    private static final int HTTP_NOT_FOUND = 404;
    private static final int HTTP_CONFLICT = 409;

    private final KubernetesClient client;
    /** Event name → its count as last written; the least recently used are forgotten. */
    private final Map<String, Integer> counts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void normal(HasMetadata on, String reason, String message) {
        record(on, "Normal", reason, message);
    }

    @Override
    public void warning(HasMetadata on, String reason, String message) {
        record(on, "Warning", reason, message);
    }

    @Override
    public void record(HasMetadata on, String type, String reason, String message, Redactor redactor) {
        record(on, type, reason, redactor.redact(message));
    }

    private void record(HasMetadata on, String type, String reason, String message) {
        String text = message == null ? "" : message.length() > 1000 ? message.substring(0, 1000) + "…" : message;
        // every Event is a log line too: discoveries, decommissions, failures, phases (messages are redacted)
        if ("Warning".equals(type)) {
            LOG.warn("{} {}: {}: {}", on.getKind(), on.getMetadata().getName(), reason, text);
        } else {
            LOG.info("{} {}: {}: {}", on.getKind(), on.getMetadata().getName(), reason, text);
        }
        String name = name(on, type, reason, text);
        String now = Instant.now().toString();
        try {
            Integer known = known(name);
            if (known != null && repeat(on, name, known + 1, now)) {
                return;
            }
            try {
                create(on, name, type, reason, text, now);
                remember(name, 1);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HTTP_CONFLICT) {
                    throw e;
                }
                // written before this operator started: carry on its count
                Event existing = client.v1().events().inNamespace(on.getMetadata().getNamespace()).withName(name).get();
                int count = existing == null || existing.getCount() == null ? 1 : existing.getCount();
                repeat(on, name, count + 1, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot record event {} on {}/{}: {}", reason, on.getKind(), on.getMetadata().getName(), e.getMessage());
        }
    }

    /** Moves a known Event's count and lastTimestamp; false when it is gone (expired or deleted). */
    private boolean repeat(HasMetadata on, String name, int count, String now) {
        try {
            client.v1().events().inNamespace(on.getMetadata().getNamespace()).withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
            remember(name, count);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != HTTP_NOT_FOUND) {
                throw e;
            }
            forget(name);
            return false;
        }
    }

    private void create(HasMetadata on, String name, String type, String reason, String text, String now) {
        client.v1().events().inNamespace(on.getMetadata().getNamespace()).resource(new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(on.getMetadata().getNamespace()).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(on.getApiVersion()).withKind(on.getKind())
                        .withName(on.getMetadata().getName()).withNamespace(on.getMetadata().getNamespace())
                        .withUid(on.getMetadata().getUid()).build())
                .withType(type).withReason(reason).withMessage(text).withFirstTimestamp(now).withLastTimestamp(now)
                .withCount(1).withNewSource().withComponent("pike-operator").endSource().build()).create();
    }

    /** The object's name plus a digest of what makes two Events the same (object uid, type, reason, message). */
    static String name(HasMetadata on, String type, String reason, String message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {on.getKind(), on.getMetadata().getUid(), type, reason, message}) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return on.getMetadata().getName() + "." + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private synchronized Integer known(String name) {
        return counts.get(name);
    }

    private synchronized void remember(String name, int count) {
        counts.put(name, count);
    }

    private synchronized void forget(String name) {
        counts.remove(name);
    }
}

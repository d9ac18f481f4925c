package io.pikeoperator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeSpec;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;

/**
 * What a log line is about, as MDC fields: {@code cluster}, {@code node} (the ControllerNode or ComputeNode a
 * reconcile is for) and {@code service} (a step's). Text logs show them in brackets; JSON logs as fields.
 */
final class LogFields implements AutoCloseable {

    static final String CLUSTER = "cluster";
    static final String NODE = "node";
    static final String SERVICE = "service";

    private final List<String> keys = new ArrayList<>();

    private LogFields put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
            keys.add(key);
        }
        return this;
    }

    /** The fields of the object a reconcile is for, until closed. */
    static LogFields of(HasMetadata object) {
        LogFields f = new LogFields();
        NodeSpec spec = object instanceof ComputeNode c ? c.getSpec() : object instanceof ControllerNode n ? n.getSpec() : null;
        if (spec == null) {
            return f.put(CLUSTER, object.getMetadata().getName());
        }
        return f.put(CLUSTER, spec.clusterRef == null ? null : spec.clusterRef.name).put(NODE, object.getMetadata().getName());
    }

    static LogFields service(String service) {
        return new LogFields().put(SERVICE, service);
    }

    @Override
    public void close() {
        keys.forEach(MDC::remove);
    }
}

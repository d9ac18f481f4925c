package io.pikeoperator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Objects;

/** Whether a reconcile changed a status: it is written only then (a steady-state resync writes nothing). */
final class StatusChange {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusChange() {
    }

    /** A deep copy of a status, to compare with afterwards. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T status) {
        if (status == null) {
            return null;
        }
        return (T) JSON.convertValue(status, status.getClass());
    }

    static boolean changed(Object before, Object after) {
        return !Objects.equals(JSON.valueToTree(before), JSON.valueToTree(after));
    }
}

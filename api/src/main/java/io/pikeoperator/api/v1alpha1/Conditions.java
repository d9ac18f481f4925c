package io.pikeoperator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Condition helpers in the style of Cluster API's {@code util/conditions}: {@link #set} moves
 * {@code lastTransitionTime} only when the status really changes, and {@link #summarize} derives {@code Ready}
 * from the service conditions and sorts it first.
 */
public final class Conditions {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    /** Reason of Ready when every service condition is True. */
    public static final String REASON_ALL_READY = "AllServicesReady";
    /** Reason of Ready when a service has not been evaluated yet. */
    public static final String REASON_NOT_EVALUATED = "NotYetEvaluated";

    private Conditions() {
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    /**
     * Sets one condition in place. {@code lastTransitionTime} becomes {@code now} only when the status changes (or
     * the condition is new); a new reason, message or generation alone keeps the old time.
     *
     * @return whether anything in the list changed
     */
    public static boolean set(List<Condition> conditions, String type, String status, String reason, String message,
                              Long observedGeneration, Instant now) {
        requireStatus(status);
        Optional<Condition> existing = find(conditions, type);
        if (existing.isEmpty()) {
            conditions.add(new Condition(timestamp(now), message, observedGeneration, reason, status, type));
            return true;
        }
        Condition c = existing.get();
        boolean changed = !Objects.equals(c.getStatus(), status) || !Objects.equals(c.getReason(), reason)
                || !Objects.equals(c.getMessage(), message)
                || !Objects.equals(c.getObservedGeneration(), observedGeneration);
        if (!Objects.equals(c.getStatus(), status)) {
            c.setLastTransitionTime(timestamp(now));
        }
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setObservedGeneration(observedGeneration);
        return changed;
    }

    /**
     * Derives {@code Ready} from {@code serviceTypes}: True when every one of them is True; otherwise False with
     * the reason and message of the first one (in the given order) that is not, Unknown ones included. Then sorts
     * the list: Ready first, the service types in the given order, anything else by type.
     *
     * @return whether anything in the list changed
     */
    public static boolean summarize(List<Condition> conditions, List<String> serviceTypes, Long observedGeneration,
                                    Instant now) {
        String status = TRUE;
        String reason = REASON_ALL_READY;
        String message = "All " + serviceTypes.size() + " services are ready";
        for (String type : serviceTypes) {
            Optional<Condition> c = find(conditions, type);
            if (c.isEmpty()) {
                status = FALSE;
                reason = REASON_NOT_EVALUATED;
                message = type + " has not been evaluated yet";
                break;
            }
            if (!TRUE.equals(c.get().getStatus())) {
                status = FALSE;
                reason = c.get().getReason();
                message = type + ": " + Objects.requireNonNullElse(c.get().getMessage(), "");
                break;
            }
        }
        List<String> before = conditions.stream().map(Condition::getType).toList();
        boolean changed = set(conditions, ConditionTypes.READY, status, reason, message, observedGeneration, now);
        conditions.sort(Comparator.comparingInt((Condition c) -> rank(c.getType(), serviceTypes))
                .thenComparing(Condition::getType));
        return changed || !before.equals(conditions.stream().map(Condition::getType).toList());
    }

    /** Service conditions that are True, over all of {@code serviceTypes}, e.g. "12/16". */
    public static String readyCount(List<Condition> conditions, List<String> serviceTypes) {
        long ready = serviceTypes.stream().filter(t -> isTrue(conditions, t)).count();
        return ready + "/" + serviceTypes.size();
    }

    /** RFC 3339 in UTC with second precision, as the API server writes metav1.Time. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A copy of the list with copies of its conditions, for comparing before and after. */
    public static List<Condition> copy(List<Condition> conditions) {
        List<Condition> copy = new ArrayList<>();
        for (Condition c : conditions) {
            copy.add(new Condition(c.getLastTransitionTime(), c.getMessage(), c.getObservedGeneration(),
                    c.getReason(), c.getStatus(), c.getType()));
        }
        return copy;
    }

    private static int rank(String type, List<String> serviceTypes) {
        if (ConditionTypes.READY.equals(type)) {
            return -1;
        }
        int i = serviceTypes.indexOf(type);
        return i >= 0 ? i : serviceTypes.size();
    }

    private static void requireStatus(String status) {
        if (!TRUE.equals(status) && !FALSE.equals(status) && !UNKNOWN.equals(status)) {
            throw new IllegalArgumentException("condition status must be True, False or Unknown, not " + status);
        }
    }
}

package io.pikeoperator.describe;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pikeoperator.api.v1alpha1.ComputeNode;
import io.pikeoperator.api.v1alpha1.ConditionTypes;
import io.pikeoperator.api.v1alpha1.Conditions;
import io.pikeoperator.api.v1alpha1.ControllerNode;
import io.pikeoperator.api.v1alpha1.NodeStatus;
import io.pikeoperator.api.v1alpha1.PikeCluster;
import io.pikeoperator.api.v1alpha1.PikeClusterStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Draws clusters as {@code clusterctl describe cluster} does: PikeCluster, its ControllerNode and ComputeNodes, and
 * under each the conditions asked for; per line READY, SEVERITY, REASON, SINCE (how long that status has held) and
 * a MESSAGE that names the step running or failing. Pure: objects and a clock in, text out.
 */
public final class TreeRenderer {

    /** Which conditions are drawn under their object (its Ready is always on the object's own line). */
    public enum Show {
        /**
         * Those that need a look: False with a severity (failing, waiting, a warning) and a rotation under way.
         * Unknown ones (not checked yet, behind an earlier failure) are left out: the object's line names the step.
         */
        FAILED,
        /** Every condition. */
        ALL
    }

    private static final int MESSAGE_MAX = 100;
    private static final List<String> HEADER = List.of("NAME", "READY", "SEVERITY", "REASON", "SINCE", "MESSAGE");

    private final Show show;
    private final Style style;
    private final Instant now;

    public TreeRenderer(Show show, Style style, Instant now) {
        this.show = show;
        this.style = style;
        this.now = now;
    }

    public String render(List<ClusterTree> clusters) {
        List<Line> lines = new ArrayList<>();
        for (ClusterTree tree : clusters) {
            walk(cluster(tree), "", "", lines);
        }
        int[] widths = new int[HEADER.size() - 1];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = HEADER.get(i).length();
        }
        for (Line l : lines) {
            List<String> cells = l.cells();
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, HEADER, widths, null);
        lines.forEach(l -> appendRow(out, l.cells(), widths, l.row().severity()));
        return out.toString();
    }

    // ---- the tree ----

    private record Node(Row row, List<Node> children) {
    }

    /** One drawn line: its tree prefix and its row. */
    private record Line(String prefix, Row row) {
        List<String> cells() {
            return List.of(prefix + row.name(), row.ready(), row.severity().label(), row.reason(), row.since(), row.message());
        }
    }

    private record Row(String name, String ready, Severity severity, String reason, String since, String message) {
    }

    private static void walk(Node node, String prefix, String childPrefix, List<Line> lines) {
        lines.add(new Line(prefix, node.row()));
        for (int i = 0; i < node.children().size(); i++) {
            boolean last = i == node.children().size() - 1;
            walk(node.children().get(i), childPrefix + (last ? "`-" : "|-"), childPrefix + (last ? "  " : "| "), lines);
        }
    }

    private Node cluster(ClusterTree tree) {
        PikeCluster c = tree.cluster();
        PikeClusterStatus s = c.getStatus();
        List<Node> children = new ArrayList<>(conditions(s == null ? List.of() : s.conditions, ownClusterCondition(tree)));
        tree.controllers().forEach(n -> children.add(node(n, n.getStatus(), "")));
        if (!tree.computes().isEmpty()) {
            long ready = tree.computes().stream().filter(n -> n.getStatus() != null
                    && Conditions.isTrue(n.getStatus().conditions, ConditionTypes.READY)).count();
            List<Node> computes = tree.computes().stream().map(n -> node(n, n.getStatus(),
                    n.getStatus() != null && n.getStatus().virtType != null ? "virt " + n.getStatus().virtType.name().toLowerCase(Locale.ROOT) : "")).toList();
            children.add(new Node(new Row("ComputeNodes", "", Severity.NONE, "", "",
                    ready + "/" + tree.computes().size() + " ready"), computes));
        }
        String message = s == null ? "Pending: no status yet" : join(s.phase == null ? null : s.phase.name(),
                s.servicesReady == null ? null : s.servicesReady + " services",
                s.computesReady == null ? null : s.computesReady + " computes", s.progress,
                s.message != null && s.message.startsWith("paused") ? s.message : null);
        return new Node(objectRow(c, s == null ? List.of() : s.conditions, message), children);
    }

    /** The cluster's conditions that no node carries (the nodes' show under the nodes). */
    private static Predicate<Condition> ownClusterCondition(ClusterTree tree) {
        Set<String> nodeTypes = new HashSet<>(ConditionTypes.CONTROLLER);
        nodeTypes.addAll(ConditionTypes.COMPUTE);
        Stream.concat(tree.controllers().stream().map(ControllerNode::getStatus), tree.computes().stream().map(ComputeNode::getStatus))
                .filter(Objects::nonNull).forEach(s -> s.conditions.forEach(c -> nodeTypes.add(c.getType())));
        return c -> !nodeTypes.contains(c.getType());
    }

    private Node node(HasMetadata n, NodeStatus s, String extra) {
        List<Condition> conditions = s == null ? List.of() : s.conditions;
        String message;
        if (s == null) {
            message = "Pending: no status yet";
        } else {
            Severity ready = Conditions.find(conditions, ConditionTypes.READY).map(Severity::of).orElse(Severity.INFO);
            String current = s.steps == null || s.steps.current == null ? null
                    : (ready == Severity.ERROR ? "failed at " : "at ") + s.steps.current;
            message = join(s.phase == null ? null : s.phase.name(), s.progress == null ? null : s.progress + " steps",
                    current != null ? current : s.message, extra.isEmpty() ? null : extra);
        }
        return new Node(objectRow(n, conditions, message), conditions(conditions, c -> true));
    }

    private Row objectRow(HasMetadata o, List<Condition> conditions, String message) {
        String name = o.getKind() + "/" + o.getMetadata().getName();
        Optional<Condition> ready = Conditions.find(conditions, ConditionTypes.READY);
        if (ready.isEmpty()) {
            return new Row(name, "", Severity.INFO, "", since(o.getMetadata().getCreationTimestamp()), message);
        }
        Condition r = ready.get();
        return new Row(name, r.getStatus(), Severity.of(r), nonNull(r.getReason()), since(r.getLastTransitionTime()), message);
    }

    private List<Node> conditions(List<Condition> conditions, Predicate<Condition> of) {
        return conditions.stream().filter(c -> !ConditionTypes.READY.equals(c.getType())).filter(of)
                .filter(c -> show == Show.ALL || needsALook(c))
                .map(c -> new Node(new Row(c.getType(), nonNull(c.getStatus()), Severity.of(c), nonNull(c.getReason()),
                        since(c.getLastTransitionTime()), nonNull(c.getMessage())), List.of()))
                .toList();
    }

    private static boolean needsALook(Condition c) {
        return Severity.of(c) != Severity.NONE && !Conditions.UNKNOWN.equals(c.getStatus());
    }

    // ---- cells ----

    private String since(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "";
        }
        try {
            return HumanAge.of(Duration.between(Instant.parse(timestamp), now));
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private static String join(String... parts) {
        return String.join(", ", Stream.of(parts).filter(p -> p != null && !p.isEmpty()).toList());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** The first line of a message, cut to a width that keeps the tree readable. */
    private static String shorten(String message) {
        String first = message.lines().findFirst().orElse("");
        return first.length() <= MESSAGE_MAX ? first : first.substring(0, MESSAGE_MAX - 3) + "...";
    }

    private void appendRow(StringBuilder out, List<String> cells, int[] widths, Severity severity) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String shown = severity == null ? cell : i == 1 ? style.ready(cell, severity)
                    : i == 2 ? style.severity(cell, severity) : cell;
            line.append(shown).append(" ".repeat(widths[i] - cell.length() + 2));
        }
        line.append(shorten(cells.get(widths.length)));
        out.append(line.toString().stripTrailing()).append('\n');
    }
}

package io.pikeoperator.plan.base;

import java.util.ArrayList;
import java.util.List;

/** The install guide's edits of /etc/chrony.conf: upstream servers and {@code allow} on the controller, the controller elsewhere. */
public final class ChronyConf {

    private ChronyConf() {
    }

    /** The controller: the given upstream servers (or the distribution's when none are given) and allow the network. */
    public static String server(String text, List<String> servers, String network) {
        String out = servers.isEmpty() ? text : replaceServers(text, servers.stream().map(s -> "server " + s + " iburst").toList());
        if (network == null || network.isBlank()) {
            return out;
        }
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        String allow = "allow " + network;
        if (lines.stream().anyMatch(l -> l.strip().equals(allow))) {
            return out;
        }
        int at = indexOf(lines, "#allow ");
        lines.add(at < 0 ? insertPoint(lines) : at + 1, allow);
        return String.join("\n", lines);
    }

    /** Another node: only the controller as its server. */
    public static String client(String text, String controller) {
        return replaceServers(text, List.of("server " + controller + " iburst"));
    }

    private static String replaceServers(String text, List<String> wanted) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        List<String> present = lines.stream().filter(ChronyConf::isSource).map(String::strip).toList();
        if (present.equals(wanted)) {
            return text;
        }
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (isSource(lines.get(i))) {
                if (first < 0) {
                    first = i;
                }
                lines.remove(i--);
            }
        }
        lines.addAll(first < 0 ? insertPoint(lines) : first, wanted);
        return String.join("\n", lines);
    }

    private static boolean isSource(String line) {
        String l = line.strip();
        return l.startsWith("server ") || l.startsWith("pool ");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int insertPoint(List<String> lines) {
        int at = lines.size();
        return at > 0 && lines.get(at - 1).isEmpty() ? at - 1 : at;
    }
}

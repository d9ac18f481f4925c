package io.pikeoperator.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets {@code KEY="value"} lines of a shell-style file (/etc/sysconfig/*, /etc/etcd/etcd.conf) in place;
 * other lines and comments survive.
 */
public final class ShellVariables {

    private ShellVariables() {
    }

    public static String set(String text, String key, String value) {
        String wanted = key + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$")
                .replace("`", "\\`") + "\"";
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith(key + "=")) {
                if (found) {
                    lines.remove(i--);
                    continue;
                }
                found = true;
                if (!l.equals(wanted) && !unquoted(l).equals(key + "=" + value)) {
                    lines.set(i, wanted);
                }
            }
        }
        if (!found) {
            int at = lines.size();
            if (at > 0 && lines.get(at - 1).isEmpty()) {
                at--;
            }
            lines.add(at, wanted);
        }
        return String.join("\n", lines);
    }

    private static String unquoted(String line) {
        return line.replaceFirst("=\"(.*)\"$", "=$1");
    }
}

package io.pikeoperator.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes /etc/hosts map each managed name to its address: a line giving the name another address loses it,
 * missing names are appended; the localhost lines and anything else stay.
 */
public final class HostsFile {

    private HostsFile() {
    }

    /** @param entries host name to address, in the order they should be appended */
    public static String ensure(String text, Map<String, String> entries) {
        Map<String, String> missing = new LinkedHashMap<>(entries);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String body = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            String[] f = body.strip().split("\\s+");
            if (f.length < 2) {
                out.add(line);
                continue;
            }
            List<String> names = new ArrayList<>(List.of(f).subList(1, f.length));
            boolean changed = names.removeIf(n -> entries.containsKey(n) && !entries.get(n).equals(f[0]));
            names.forEach(n -> {
                if (f[0].equals(missing.get(n))) {
                    missing.remove(n);
                }
            });
            if (!changed) {
                out.add(line);
            } else if (!names.isEmpty()) {
                out.add(f[0] + "   " + String.join(" ", names));
            }
        }
        if (!missing.isEmpty()) {
            if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            missing.forEach((name, address) -> out.add(address + "   " + name));
            out.add("");
        }
        return String.join("\n", out);
    }
}

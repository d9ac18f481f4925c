package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MySQL option files as the client reads them: groups, "key = value" with '#' or ';' comments (a '#' also ends a
 * value unless quoted), quotes removed, the escapes \b \t \n \r \\ \s \" \' understood, !includedir followed.
 */
final class OptionFiles {

    private OptionFiles() {
    }

    /** The options of {@code groups} from the default files (or only {@code defaultsFile}), later files winning. */
    static Map<String, String> read(Host host, String home, String defaultsFile, String extraFile, List<String> groups) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        if (defaultsFile != null) {
            files.add(defaultsFile);
        } else {
            files.add("/etc/my.cnf");
            if (extraFile != null) {
                files.add(extraFile);
            }
            files.add(home + "/.my.cnf");
        }
        for (String f : files) {
            readFile(host, f, groups, options, 0);
        }
        return options;
    }

    private static void readFile(Host host, String file, List<String> groups, Map<String, String> options, int depth) {
        String text = host.read(file).orElse(null);
        if (text == null || depth > 3) {
            return;
        }
        String group = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("!includedir")) {
                String dir = line.substring("!includedir".length()).strip();
                if (host.files().isDirectory(dir)) {
                    for (String f : host.files().list(dir)) {
                        if (f.endsWith(".cnf")) {
                            readFile(host, dir + "/" + f, groups, options, depth + 1);
                        }
                    }
                }
                continue;
            }
            if (line.startsWith("!include")) {
                readFile(host, line.substring("!include".length()).strip(), groups, options, depth + 1);
                continue;
            }
            if (line.startsWith("[")) {
                group = line.replace("[", "").replace("]", "").strip();
                continue;
            }
            if (group == null || !groups.contains(group)) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip().replace('_', '-');
            options.put(key, eq < 0 ? "" : value(line.substring(eq + 1)));
        }
    }

    static String value(String raw) {
        String s = raw.strip();
        StringBuilder out = new StringBuilder();
        char quote = 0;
        if (!s.isEmpty() && (s.charAt(0) == '"' || s.charAt(0) == '\'')) {
            quote = s.charAt(0);
            s = s.substring(1);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 'b' -> '\b';
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 's' -> ' ';
                    default -> n;
                });
            } else if (quote != 0 && c == quote) {
                break;
            } else if (quote == 0 && (c == '#')) {
                break;
            } else {
                out.append(c);
            }
        }
        return quote == 0 ? out.toString().strip() : out.toString();
    }
}

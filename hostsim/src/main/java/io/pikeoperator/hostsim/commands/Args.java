package io.pikeoperator.hostsim.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Python-style arguments: --name value, --name=value, flags, and positionals. */
final class Args {

    final Map<String, String> options = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();

    /** @param flags options that take no value (e.g. "--verbose", "--public") */
    static Args parse(List<String> args, List<String> flags) {
        Args out = new Args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                if (eq > 0) {
                    out.options.put(a.substring(0, eq), a.substring(eq + 1));
                } else if (flags.contains(a) || i + 1 >= args.size()) {
                    out.options.put(a, "");
                } else {
                    out.options.put(a, args.get(++i));
                }
            } else if (a.startsWith("-") && a.length() == 2 && !flags.contains(a) && i + 1 < args.size()) {
                out.options.put(a, args.get(++i));
            } else {
                out.positional.add(a);
            }
        }
        return out;
    }

    String get(String name) {
        return options.get(name);
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }
}

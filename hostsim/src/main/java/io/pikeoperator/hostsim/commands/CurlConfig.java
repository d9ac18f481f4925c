package io.pikeoperator.hostsim.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * curl's config file ({@code -K FILE}, {@code -K -} for stdin) turned into the arguments it stands for, by the rules
 * of curl 7.29's {@code tool_parsecfg.c}: one option per line; lines starting with '#', '/' or '*' are comments; a
 * keyword without dashes is a long option name (a bare one-letter keyword is no option); the keyword ends at
 * whitespace, '=' or ':'; a parameter in double quotes takes the escapes \t \n \r \v and keeps any other escaped
 * character as itself; an unquoted parameter ends at whitespace.
 */
final class CurlConfig {

    /** Options that take no parameter, so a following word is not theirs. */
    private static final List<String> FLAGS = List.of("f", "fail", "s", "silent", "S", "show-error", "I", "head", "L",
            "location", "k", "insecure", "g", "globoff");

    private CurlConfig() {
    }

    static List<String> arguments(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.stripLeading();
            if (line.isEmpty() || "#/*\r".indexOf(line.charAt(0)) >= 0) {
                continue;
            }
            int end = 0;
            while (end < line.length() && " \t=:".indexOf(line.charAt(end)) < 0) {
                end++;
            }
            String keyword = line.substring(0, end);
            // a keyword without dashes is a long option: a bare "H" is no option at all (curl warns, ignores it)
            String name = keyword.startsWith("-") ? keyword : "--" + keyword;
            if (name.matches("--.")) {
                continue;
            }
            out.add(name);
            if (FLAGS.contains(name.replaceFirst("^-{1,2}", ""))) {
                continue;
            }
            int start = end;
            while (start < line.length() && " \t=:".indexOf(line.charAt(start)) >= 0) {
                start++;
            }
            out.add(parameter(line.substring(start)));
        }
        return out;
    }

    private static String parameter(String text) {
        if (!text.startsWith("\"")) {
            int space = 0;
            while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
                space++;
            }
            return text.substring(0, space);
        }
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                value.append(switch (e) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'v' -> '\u000b';
                    default -> e;
                });
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }
}

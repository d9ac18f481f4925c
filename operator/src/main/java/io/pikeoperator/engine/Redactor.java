package io.pikeoperator.engine;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.pikeoperator.config.OsloEscape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Removes every known secret, in each form it is written in (raw, URL-encoded, escaped), from a text. */
public final class Redactor {

    public static final String MASK = "******";

    private final List<String> forms;

    public Redactor(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null || s.length() < 4) {
                continue;
            }
            all.add(s);
            all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            all.add(OsloEscape.dollars(s));
            all.add(s.replace("\\", "\\\\").replace("'", "\\'"));
            all.add(s.replace("\\", "\\\\").replace("\"", "\\\""));
            all.add(s.replace("'", "'\\''"));
            // a JSON string (Keystone API bodies), and that again inside a curl config's double quotes
            String json = new String(JsonStringEncoder.getInstance().quoteAsString(s));
            all.add(json);
            all.add(json.replace("\\", "\\\\").replace("\"", "\\\""));
        }
        // Longest first, so that a form containing another is masked whole.
        this.forms = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String f : forms) {
            out = out.replace(f, MASK);
        }
        return out;
    }
}

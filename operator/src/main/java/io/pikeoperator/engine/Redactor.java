package io.pikeoperator.engine;

import io.pikeoperator.config.Encodings;
import io.pikeoperator.config.OsloEscape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes every known secret, in each form the operator writes it in, from a text. The forms come from the
 * encoders the plan writes with ({@link Encodings}), so they cannot drift apart. Every non-empty secret is masked,
 * however short (a short password makes messages harder to read, never leaky; see docs/security.md). Redact
 * before cutting a text short: a cut secret is no longer recognised. A text that was already cut (bounded
 * output capture) goes through {@link #redactCut}, which also masks a piece of a secret at the cut.
 */
public final class Redactor {

    public static final String MASK = "******";

    private final List<String> forms;

    public Redactor(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                all.addAll(forms(s));
            }
        }
        all.remove("");
        // Longest first: where forms overlap, the longest decides the extent of the mask.
        this.forms = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Each way a secret is written on a host or in a request. */
    static List<String> forms(String s) {
        String json = Encodings.jsonEscaped(s);
        String shellWord = Shell.quote(s);
        return List.of(
                s,
                Encodings.url(s),                          // URL userinfo: database and transport URLs
                URLEncoder.encode(s, StandardCharsets.UTF_8), // form encoding, as some tools echo it
                OsloEscape.dollars(s),                     // oslo.config value (Encodings.oslo without its quotes)
                Encodings.sqlEscaped(s),                   // MySQL string literal
                Encodings.doubleQuoteEscaped(s),           // MySQL option file, curl config
                json,                                      // JSON request body (Keystone API)
                Encodings.doubleQuoteEscaped(json),        // that body inside a curl config (curl -K -)
                shellWord.substring(1, shellWord.length() - 1)); // a single-quoted shell word
    }

    public String redact(String text) {
        return mask(text, false, false);
    }

    /**
     * For a piece of a longer text: also masks, at a cut end, what could be the rest ({@code cutAtStart}) or the
     * beginning ({@code cutAtEnd}) of any form of a secret.
     */
    public String redactCut(String text, boolean cutAtStart, boolean cutAtEnd) {
        return mask(text, cutAtStart, cutAtEnd);
    }

    private String mask(String text, boolean cutAtStart, boolean cutAtEnd) {
        if (text == null || text.isEmpty() || forms.isEmpty()) {
            return text;
        }
        int n = text.length();
        boolean[] hidden = new boolean[n];
        boolean any = false;
        for (String f : forms) {
            for (int i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + 1)) {
                Arrays.fill(hidden, i, i + f.length(), true);
                any = true;
            }
            if (cutAtEnd) {
                for (int k = Math.min(f.length() - 1, n); k > 0; k--) {
                    if (text.regionMatches(n - k, f, 0, k)) {
                        Arrays.fill(hidden, n - k, n, true);
                        any = true;
                        break;
                    }
                }
            }
            if (cutAtStart) {
                for (int k = Math.min(f.length() - 1, n); k > 0; k--) {
                    if (text.regionMatches(0, f, f.length() - k, k)) {
                        Arrays.fill(hidden, 0, k, true);
                        any = true;
                        break;
                    }
                }
            }
        }
        if (!any) {
            return text;
        }
        // One pass over the original text: a mask is never masked again, overlapping forms become one mask.
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            if (!hidden[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }
}

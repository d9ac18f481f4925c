package io.pikeoperator.api.v1alpha1;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRD schema's constraints, checked in Java: the same fabric8 annotations ({@link Pattern}, {@link Size},
 * {@link Min}, {@link Max}, {@link Required}) the CRD generator turns into the OpenAPI schema, read from the spec
 * classes by reflection, so that the schema and this check cannot drift apart. The command line reads manifests
 * that no API server has validated, and the operator may read objects created before a schema tightened.
 *
 * <p>Patterns are matched as the API server matches them: every pattern here is anchored ({@code ^...$}) and is
 * matched against the whole value, which is what Go's {@code $} (end of text) means; Java's {@code find()} with
 * {@code $} would let a trailing newline through. Lengths count code points, as Kubernetes does.
 */
public final class SpecRules {

    private static final Map<String, java.util.regex.Pattern> COMPILED = new ConcurrentHashMap<>();
    private static final int SHOWN = 80;

    private SpecRules() {
    }

    /**
     * Every violation in a spec object, each as {@code path "value" is not ...}; empty when the spec is valid.
     *
     * @param path the spec's own path, normally {@code spec}
     */
    public static List<String> violations(String path, Object spec) {
        List<String> out = new ArrayList<>();
        if (spec == null) {
            out.add(path + " is required");
        } else {
            object(path, spec, out);
        }
        return out;
    }

    private static void object(String path, Object value, List<String> out) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || !Modifier.isPublic(f.getModifiers())) {
                    continue;
                }
                Object v;
                try {
                    v = f.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(f + " is public but not readable", e);
                }
                value(path + "." + f.getName(), v, f, f.getAnnotatedType(), out);
            }
        }
    }

    private static void value(String path, Object v, AnnotatedElement rules, AnnotatedType type, List<String> out) {
        if (v == null) {
            if (rules.isAnnotationPresent(Required.class)) {
                out.add(path + " is required");
            }
            return;
        }
        Size size = rules.getAnnotation(Size.class);
        if (v instanceof String s) {
            Pattern pattern = rules.getAnnotation(Pattern.class);
            if (pattern != null && !matches(pattern.value(), s)) {
                out.add(path + " " + show(s) + " is not " + Patterns.describe(pattern.value()));
            } else if (size != null) {
                length(path + " " + show(s), s.codePointCount(0, s.length()), size, "characters", out);
            }
        } else if (v instanceof Number n) {
            Min min = rules.getAnnotation(Min.class);
            Max max = rules.getAnnotation(Max.class);
            if (min != null && (min.inclusive() ? n.doubleValue() < min.value() : n.doubleValue() <= min.value())) {
                out.add(path + " " + n + " is below the minimum " + number(min.value()));
            }
            if (max != null && (max.inclusive() ? n.doubleValue() > max.value() : n.doubleValue() >= max.value())) {
                out.add(path + " " + n + " is above the maximum " + number(max.value()));
            }
        } else if (v instanceof List<?> list) {
            if (size != null) {
                length(path, list.size(), size, "items", out);
            }
            AnnotatedType item = type instanceof AnnotatedParameterizedType p ? p.getAnnotatedActualTypeArguments()[0] : null;
            for (int i = 0; i < list.size(); i++) {
                String at = path + "[" + i + "]";
                if (list.get(i) == null) {
                    out.add(at + " is null");
                } else if (item != null) {
                    value(at, list.get(i), item, item, out);
                } else {
                    nested(at, list.get(i), out);
                }
            }
        } else {
            nested(path, v, out);
        }
    }

    private static void nested(String path, Object v, List<String> out) {
        if (v.getClass().getPackage() == SpecRules.class.getPackage() && !v.getClass().isEnum()) {
            object(path, v, out);
        }
    }

    private static void length(String what, long n, Size size, String unit, List<String> out) {
        if (n < size.min()) {
            out.add(what + " has fewer than " + size.min() + " " + unit);
        } else if (n > size.max()) {
            out.add(what + " has more than " + size.max() + " " + unit);
        }
    }

    /** The whole value matches: what the API server's {@code ^...$} means. */
    static boolean matches(String pattern, String value) {
        return COMPILED.computeIfAbsent(pattern, java.util.regex.Pattern::compile).matcher(value).matches();
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The value in double quotes on one line: control characters and separators escaped, long values cut. */
    static String show(String s) {
        StringBuilder b = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < s.length(); i++) {
            if (shown++ == SHOWN) {
                b.append("...");
                break;
            }
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

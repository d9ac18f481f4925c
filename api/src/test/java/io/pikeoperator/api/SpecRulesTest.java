package io.pikeoperator.api;

import io.fabric8.generator.annotation.Pattern;
import io.pikeoperator.api.v1alpha1.ComputeNodeSpec;
import io.pikeoperator.api.v1alpha1.Patterns;
import io.pikeoperator.api.v1alpha1.PikeClusterSpec;
import io.pikeoperator.api.v1alpha1.SpecRules;
import org.junit.jupiter.api.Test;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java side of the schema: every pattern is anchored and described, and a hostile value is named with its rule. */
class SpecRulesTest {

    @Test
    void everyPatternOfTheSpecsIsAnchoredAndDescribed() {
        List<String> patterns = new ArrayList<>();
        collect(PikeClusterSpec.class, patterns, new HashSet<>());
        collect(ComputeNodeSpec.class, patterns, new HashSet<>());
        assertThat(patterns).hasSizeGreaterThan(15);
        assertThat(patterns).allSatisfy(p -> {
            // anchored: a whole-value match in Java is then what Go's regexp (the API server) does with ^...$
            assertThat(p).startsWith("^").endsWith("$");
            assertThat(Patterns.describe(p)).as("description of %s", p).doesNotStartWith("a match of");
        });
    }

    @Test
    void violationsNameTheFieldTheValueOnOneLineAndTheRule() {
        PikeClusterSpec spec = new PikeClusterSpec();
        spec.managementNetwork = "10.0.0.0/24";
        spec.ntpServers = List.of("ntp1", "pool.ntp.org\nallow all");
        spec.region = "R".repeat(65);
        assertThat(SpecRules.violations("spec", spec)).containsExactly(
                "spec.region \"" + "R".repeat(65) + "\" has more than 64 characters",
                "spec.ntpServers[1] \"pool.ntp.org\\nallow all\" is not a host name (RFC 1123) or IPv4 address: "
                        + "lower-case letters, digits, '-' and '.'",
                "spec.ssh is required",
                "spec.passwordsSecretRef is required");
    }

    private static void collect(Class<?> type, List<String> patterns, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Pattern p = f.getAnnotation(Pattern.class);
                if (p != null) {
                    patterns.add(p.value());
                }
                AnnotatedType t = f.getAnnotatedType();
                if (t instanceof AnnotatedParameterizedType pt) {
                    AnnotatedType item = pt.getAnnotatedActualTypeArguments()[0];
                    Pattern ip = item.getAnnotation(Pattern.class);
                    if (ip != null) {
                        patterns.add(ip.value());
                    }
                    if (item.getType() instanceof Class<?> ic && ic.getPackage() == PikeClusterSpec.class.getPackage()) {
                        collect(ic, patterns, seen);
                    }
                } else if (f.getType().getPackage() == PikeClusterSpec.class.getPackage() && !f.getType().isEnum()
                        && !(f.getGenericType() instanceof ParameterizedType)) {
                    collect(f.getType(), patterns, seen);
                }
            }
        }
    }
}

package io.pikeoperator.packaging.argocd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Argo CD runs health checks with gopher-lua (Lua 5.1) in a sandbox without io, os or require; the tests run them
 * with luaj (Lua 5.2). So the scripts must not use anything 5.2+ only, which luaj would accept and Argo CD would not.
 */
class Lua51CompatibilityTest {

    /** Syntax and library of Lua 5.2 and later, and what Argo CD's sandbox does not offer. */
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\bgoto\\b"),                 // 5.2
            Pattern.compile("::\\s*[A-Za-z_]\\w*\\s*::"),  // labels, 5.2
            Pattern.compile("//"),                         // floor division, 5.3
            Pattern.compile("<<|>>|&|\\||~(?!=)"),         // bitwise operators, 5.3
            Pattern.compile("\\bbit32\\b"),                // 5.2 only
            Pattern.compile("\\b_ENV\\b"),                 // 5.2
            Pattern.compile("<\\s*(const|close)\\s*>"),    // attribs, 5.4
            Pattern.compile("\\butf8\\."),                 // 5.3
            Pattern.compile("\\btable\\.(pack|unpack|move)\\b"),
            Pattern.compile("\\bstring\\.(pack|unpack|packsize)\\b"),
            Pattern.compile("\\bmath\\.(type|tointeger|ult|maxinteger|mininteger)\\b"),
            Pattern.compile("\\b(rawlen|load|loadstring|dofile|loadfile|require|setfenv|getfenv|module)\\s*\\("),
            Pattern.compile("\\b(io|os|debug|package|coroutine)\\."),
            Pattern.compile("%g"),                          // pattern class added in 5.2
            Pattern.compile("\\\\z|\\\\x[0-9A-Fa-f]{2}|\\\\u\\{"));  // string escapes added in 5.2/5.3

    @ParameterizedTest
    @ValueSource(strings = {"PikeCluster", "ControllerNode", "ComputeNode"})
    void usesNothingNewerThanLua51(String kind) {
        String code = withoutComments(LuaHealthCheck.read(LuaHealthCheck.script(kind)));

        assertThat(violations(code)).as("Lua 5.2+ or sandbox-breaking constructs in %s", kind).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PikeCluster", "ControllerNode", "ComputeNode"})
    void isSmallAndSelfContained(String kind) {
        String code = LuaHealthCheck.read(LuaHealthCheck.script(kind));

        assertThat(code.lines().count()).isLessThan(80);
        assertThat(code).contains("obj.").contains("return hs");
    }

    @Test
    void theCheckCatchesWhatItLooksFor() {
        for (String bad : new String[] {"goto done", "::done::", "local n = a // 2", "local m = bit32.band(a, 1)",
                "local x = a & 1", "local y = a ~ b", "local t = table.unpack(x)", "local f = load(s)",
                "local h = io.open('x')", "local s = string.find(m, '%g+')", "local c <const> = 1"}) {
            assertThat(violations(bad)).as(bad).isNotEmpty();
        }
        assertThat(violations("if a ~= b and #list > 0 then return hs end")).isEmpty();
        assertThat(violations(withoutComments("-- see https://argo-cd.readthedocs.io // goto\nlocal a = 1"))).isEmpty();
    }

    private static List<String> violations(String code) {
        List<String> found = new ArrayList<>();
        for (Pattern p : FORBIDDEN) {
            Matcher m = p.matcher(code);
            while (m.find()) {
                found.add(m.group() + " (matches " + p + ")");
            }
        }
        return found;
    }

    /** Drops -- comments; the scripts have no "--" inside strings and no long comments. */
    private static String withoutComments(String code) {
        return code.replaceAll("(?m)--.*$", "");
    }
}

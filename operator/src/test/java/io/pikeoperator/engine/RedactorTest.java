package io.pikeoperator.engine;

import io.pikeoperator.config.Encodings;
import io.pikeoperator.config.OsloEscape;
import io.pikeoperator.ssh.ExecResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Every form a password is written in is masked, at every length, and before any text is cut short. */
class RedactorTest {

    /** Printable ASCII a URL, an INI file, SQL, JSON, a curl config or a shell would take for syntax; short ones too. */
    static final List<String> HOSTILE = List.of("p'a \"s$w`o\\rd@/%#;x $HOME", "a\\$b", "$$", "x*y z+", "\"quoted\"",
            "back\\slash\"", "%2F", "ab", "$", "'", "\\", "é");

    /** Each way the operator writes a value, by the operator's own encoders. */
    static final Map<String, Function<String, String>> ENCODINGS = new LinkedHashMap<>();

    static {
        ENCODINGS.put("raw", s -> s);
        ENCODINGS.put("percent-encoded (URL userinfo)", Encodings::url);
        ENCODINGS.put("oslo.config value", Encodings::oslo);
        ENCODINGS.put("oslo.config database URL", s -> Encodings.oslo("mysql+pymysql://nova:" + Encodings.url(s)
                + "@controller01/nova"));
        ENCODINGS.put("SQL literal", Encodings::sql);
        ENCODINGS.put("MySQL option file", Encodings::optionFile);
        ENCODINGS.put("JSON body", s -> Encodings.json(Map.of("user", Map.of("password", s))));
        ENCODINGS.put("JSON body in a curl config", s -> Encodings.curlConfig("data",
                Encodings.json(Map.of("user", Map.of("password", s)))));
        ENCODINGS.put("shell word", Shell::quote);
        ENCODINGS.put("oslo dollars only", OsloEscape::dollars);
    }

    @Test
    void everyEncodingOfEveryHostilePasswordIsMasked() {
        List<String> leaks = new ArrayList<>();
        for (String pw : HOSTILE) {
            Redactor r = new Redactor(List.of(pw));
            for (Map.Entry<String, Function<String, String>> e : ENCODINGS.entrySet()) {
                String written = e.getValue().apply(pw);
                String out = r.redact("<<" + written + ">>");
                boolean masked = !out.contains(written) && out.contains(Redactor.MASK)
                        // what is left besides the mask is syntax: never the password itself
                        && (pw.length() < 4 || !out.replace(Redactor.MASK, "").contains(pw));
                if (!masked) {
                    leaks.add(e.getKey() + " of " + Encodings.json(pw) + ": <<" + written + ">> -> " + out);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void eachFormIsReplacedByOneMaskAndTheTextAroundItIsKept() {
        Redactor r = new Redactor(List.of("x*y z+"));
        assertThat(r.redact("url mysql+pymysql://nova:x%2Ay%20z%2B@controller01/nova"))
                .isEqualTo("url mysql+pymysql://nova:******@controller01/nova");
        assertThat(r.redact("SET PASSWORD = PASSWORD('x*y z+');")).isEqualTo("SET PASSWORD = PASSWORD('******');");
        Redactor quotes = new Redactor(List.of("p\"w\\"));
        assertThat(quotes.redact("data = \"{\\\"password\\\":\\\"p\\\\\\\"w\\\\\\\\\\\"}\""))
                .isEqualTo("data = \"{\\\"password\\\":\\\"******\\\"}\"");
    }

    @Test
    void shortPasswordsAreMaskedToo() {
        Redactor r = new Redactor(List.of("ab", "$", "'"));
        assertThat(r.redact("<ab> <$> <'> <$$> <\\'>")).isEqualTo("<******> <******> <******> <******> <******>");
        // the mask itself is never masked again, whatever the secrets are
        assertThat(new Redactor(List.of("*", "**")).redact("a*b")).isEqualTo("a******b");
        // nothing to mask: nothing changes
        assertThat(new Redactor(List.of("", "abc")).redact("text")).isEqualTo("text");
    }

    /** All characters different, and some that every encoding escapes. */
    static final String SECRET = "Zq7$Kp'W3\"xY%v9Tn";

    @Test
    void aSecretCutByTheTailOfAMessageLeavesNoFragment() {
        Actions actions = new Actions(null, new Redactor(List.of(SECRET)), new RunContext("h"), Duration.ZERO, Duration.ZERO);
        // the tail keeps the last 300 characters: put the cut in the middle of the secret
        for (int cut = 1; cut < SECRET.length(); cut++) {
            String stderr = "error: " + SECRET + ".".repeat(300 - (SECRET.length() - cut));
            String tail = actions.tail(new ExecResult(1, "", stderr, false, Duration.ZERO));
            assertThat(fragments(SECRET, tail)).as("cut after %d characters: %s", cut, tail).isEmpty();
        }
    }

    @Test
    void aSecretCutByTheOutputLimitLeavesNoFragment() {
        Actions actions = new Actions(null, new Redactor(List.of(SECRET)), new RunContext("h"), Duration.ZERO, Duration.ZERO);
        // the capture kept only the first bytes of the output: it ends in the middle of the secret or of an encoding
        for (String form : List.of(SECRET, Encodings.url(SECRET), Encodings.jsonEscaped(SECRET),
                Encodings.sqlEscaped(SECRET), OsloEscape.dollars(SECRET))) {
            for (int kept = 3; kept < form.length(); kept++) {
                String stdout = "line one\npassword=" + form.substring(0, kept);
                String tail = actions.tail(new ExecResult(1, stdout, "", true, Duration.ZERO));
                assertThat(fragments(SECRET, tail)).as("%s cut after %d characters: %s", form, kept, tail).isEmpty();
                assertThat(fragments(form, tail)).as("%s cut after %d characters: %s", form, kept, tail).isEmpty();
            }
        }
    }

    /** The 3-character pieces of {@code secret} that {@code text} holds. */
    private static List<String> fragments(String secret, String text) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i + 3 <= secret.length(); i++) {
            if (text.contains(secret.substring(i, i + 3))) {
                found.add(secret.substring(i, i + 3));
            }
        }
        return found;
    }
}

package io.pikeoperator.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptAndBatchTest {

    static final String NASTY = "p'a \"s$w`o\\rd@/%#; x\n$(touch /tmp/pwned)\n";

    @Test
    void inputsArriveExactlyAndNeverOnTheCommandLine() {
        LocalShell shell = new LocalShell();
        Script s = Script.of("printf '%s' \"$SECRET\"").with("SECRET", NASTY);
        assertThat(s.command()).doesNotContain("s$w`o");
        assertThat(shell.exec(s.command(), s.stdin(), null).stdout()).isEqualTo(NASTY);
    }

    @Test
    void inputNamesAreShellNamesAndValuesCannotHoldNul() {
        assertThatThrownBy(() -> Script.of("x").with("bad name", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Script.of("x").with("V", "a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Script.of("x").with("V", "a").with("V", "b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotingSurvivesEveryCharacter() {
        LocalShell shell = new LocalShell();
        assertThat(shell.exec("printf '%s' " + Shell.quote(NASTY), new byte[0], null).stdout()).isEqualTo(NASTY);
    }

    @Test
    void aBatchAnswersEachProbeWithItsOwnOutputAndExitEvenWhenOutputsLookLikeFrames() {
        Probe a = Probe.of("printf 'no newline at the end'");
        Probe b = Probe.of("echo 'PIKE0:1:begin'; echo '\nPIKE:1:0'; exit 3");
        Probe c = Probe.of("cat; echo \"$V\"").with("V", "from stdin");
        Probe same = Probe.of("printf 'no newline at the end'");
        Batch batch = new Batch(List.of(a, b, c, same));
        assertThat(batch.probes()).hasSize(3);
        Script script = batch.script();
        Map<String, Observation> answers = batch.parse(new LocalShell().exec(script.command(), script.stdin(), null).stdout());
        assertThat(answers.get(a.key())).isEqualTo(new Observation(0, "no newline at the end"));
        assertThat(answers.get(b.key()).exit()).isEqualTo(3);
        assertThat(answers.get(b.key()).output()).contains("PIKE0:1:begin");
        assertThat(answers.get(c.key())).as("no stdin for probes: cat reads nothing").isEqualTo(new Observation(0, "from stdin\n"));
    }

    @Test
    void aCutOutputLeavesTheLaterProbesUnanswered() {
        Batch batch = new Batch(List.of(Probe.of("echo one"), Probe.of("echo two")));
        Script script = batch.script();
        String out = new LocalShell().exec(script.command(), script.stdin(), null).stdout();
        assertThat(batch.parse(out.substring(0, out.indexOf("two")))).hasSize(1);
    }

    @Test
    void redactionMasksEveryWrittenFormOfASecret() {
        Redactor r = new Redactor(List.of("s3cr$t/pw"));
        assertThat(r.redact("url mysql://u:s3cr%24t%2Fpw@h and s3cr$$t/pw and s3cr$t/pw"))
                .isEqualTo("url mysql://u:******@h and ****** and ******");
    }
}

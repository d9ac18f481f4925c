package io.pikeoperator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The small pure helpers of the exec path: command lines, backoff, output capture. */
class CommandLinesTest {

    @Test
    void sudoWrapsInOneSingleQuotedWord() {
        SshTarget user = SshTarget.of("h", 22, "centos", null, null, "k");
        SshTarget root = SshTarget.of("h", 22, "root", null, null, "k");
        assertThat(CommandLines.forTarget(root, "id -u")).isEqualTo("id -u");
        assertThat(CommandLines.forTarget(user, "echo 'a b' \"$HOME\"")).isEqualTo(
                "sudo -n -H bash -c 'echo '\\''a b'\\'' \"$HOME\"'");
    }

    @Test
    void logLineIsShortAndOneLine() {
        assertThat(CommandLines.forLog("a\n  b")).isEqualTo("a b");
        assertThat(CommandLines.forLog("x".repeat(200))).hasSize(81).endsWith("…");
    }

    @Test
    void backoffDoublesUpToTheMax() {
        Backoff b = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(1));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(b.next().toMillis());
        }
        assertThat(waits).containsExactly(250L, 500L, 1000L, 1000L, 1000L);
    }

    @Test
    void captureKeepsTheHeadAndSaysItCut() {
        byte[] data = "héllo world".getBytes(StandardCharsets.UTF_8);
        BoundedCapture all = BoundedCapture.drain(new ByteArrayInputStream(data), 100);
        assertThat(all.text()).isEqualTo("héllo world");
        assertThat(all.truncated()).isFalse();
        BoundedCapture exact = BoundedCapture.drain(new ByteArrayInputStream(data), data.length);
        assertThat(exact.truncated()).isFalse();
        BoundedCapture cut = BoundedCapture.drain(new ByteArrayInputStream(data), 6);
        assertThat(cut.text()).isEqualTo("héllo");
        assertThat(cut.truncated()).isTrue();
    }
}

package io.pikeoperator.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void theDefaultsAreTheDocumentedRunAndSmokeIsTiny() {
        BenchMain.BenchOptions all = BenchMain.BenchOptions.parse(new String[0]);
        assertThat(all.scenarios()).isEqualTo(Set.of("converge", "scale", "noop", "ansible", "resync"));
        assertThat(all.runs()).isEqualTo(3);
        assertThat(all.latencies()).containsExactly(0, 20, 50);
        assertThat(all.computes()).containsExactly(1, 10, 25, 50);
        assertThat(all.scaleLatency()).isEqualTo(50);
        assertThat(all.nodes()).isEqualTo(1000);
        assertThat(all.resyncSeconds()).isEqualTo(900);

        BenchMain.BenchOptions smoke = BenchMain.BenchOptions.parse(new String[]{"--smoke"});
        assertThat(smoke.runs()).isEqualTo(1);
        assertThat(smoke.latencies()).containsExactly(0);
        assertThat(smoke.computes()).containsExactly(1);
        assertThat(smoke.scenarios()).isEqualTo(all.scenarios());
        assertThat(smoke.nodes()).isEqualTo(3);
        assertThat(smoke.resyncSeconds()).isEqualTo(5);
        assertThat(BenchMain.BenchOptions.parse(new String[]{"--nodes", "200", "--resync-seconds", "60"}))
                .extracting(BenchMain.BenchOptions::nodes, BenchMain.BenchOptions::resyncSeconds).containsExactly(200, 60);
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> BenchMain.BenchOptions.parse(new String[]{"--scenario", "fastest"}))
                .hasMessageContaining("unknown scenario");
        assertThatThrownBy(() -> BenchMain.BenchOptions.parse(new String[]{"--runs", "0"}))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchMain.BenchOptions.parse(new String[]{"--runs"})).hasMessageContaining("needs a value");
        assertThat(BenchMain.run(new String[]{"--bogus"}, System.out, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())))
                .isEqualTo(2);
    }

    @Test
    void aSummaryIsTheMedianWithMinAndMax() {
        assertThat(Summary.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Summary(2.0, 1.0, 3.0, 3));
        assertThat(Summary.of(List.of(4.0, 1.0))).isEqualTo(new Summary(2.5, 1.0, 4.0, 2));
        assertThat(Summary.of(List.of(3.0, 1.0, 2.0)).text("%.1f")).isEqualTo("2.0 (1.0–3.0)");
        assertThat(Summary.of(List.of(7.0)).text("%.1f")).isEqualTo("7.0");
    }

    @Test
    void aTableIsMarkdownWithItsFiguresKeptForJson() {
        Table t = new Table("noop", "No-op", "cluster", "wall time (s)");
        t.add(Map.of("computes", 1), "1 + 1", "0.42");
        assertThat(t.markdown()).isEqualTo("### No-op\n\n| cluster | wall time (s) |\n|---|---|\n| 1 + 1 | 0.42 |\n");
        assertThat(t.data).singleElement().isEqualTo(Map.of("computes", 1));
    }
}

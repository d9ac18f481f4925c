package io.pikeoperator.describe;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HumanAgeTest {

    @Test
    void printsAsKubectlDoes() {
        assertThat(HumanAge.of(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HumanAge.of(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(HumanAge.of(Duration.ofSeconds(330))).isEqualTo("5m30s");
        assertThat(HumanAge.of(Duration.ofMinutes(12))).isEqualTo("12m");
        assertThat(HumanAge.of(Duration.ofMinutes(195))).isEqualTo("3h15m");
        assertThat(HumanAge.of(Duration.ofHours(20))).isEqualTo("20h");
        assertThat(HumanAge.of(Duration.ofHours(52))).isEqualTo("2d4h");
        assertThat(HumanAge.of(Duration.ofDays(9))).isEqualTo("9d");
        assertThat(HumanAge.of(Duration.ofSeconds(-5))).isEqualTo("0s");
    }
}

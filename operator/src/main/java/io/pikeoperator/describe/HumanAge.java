package io.pikeoperator.describe;

import java.time.Duration;

/** Ages as kubectl prints them (its HumanDuration): 45s, 5m30s, 12m, 3h15m, 20h, 2d4h, 9d. */
public final class HumanAge {

    private HumanAge() {
    }

    public static String of(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long m = s / 60;
        long h = m / 60;
        if (s < 120) {
            return s + "s";
        }
        if (m < 10) {
            return s % 60 == 0 ? m + "m" : m + "m" + s % 60 + "s";
        }
        if (m < 180) {
            return m + "m";
        }
        if (h < 8) {
            return m % 60 == 0 ? h + "h" : h + "h" + m % 60 + "m";
        }
        if (h < 48) {
            return h + "h";
        }
        if (h < 24 * 8) {
            return h % 24 == 0 ? h / 24 + "d" : h / 24 + "d" + h % 24 + "h";
        }
        return h / 24 + "d";
    }
}

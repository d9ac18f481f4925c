package io.pikeoperator.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median of several runs with their min and max (the median of an even count is the mean of the middle two). */
public record Summary(double median, double min, double max, int runs) {

    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Summary(median, sorted.get(0), sorted.get(n - 1), n);
    }

    public static <T> Summary of(List<T> runs, ToDoubleFunction<T> value) {
        return of(runs.stream().map(r -> value.applyAsDouble(r)).toList());
    }

    /** "12.3 (11.9–13.0)", or the median alone for one run. */
    public String text(String format) {
        if (runs <= 1) {
            return String.format(java.util.Locale.ROOT, format, median);
        }
        return String.format(java.util.Locale.ROOT, format + " (" + format + "–" + format + ")", median, min, max);
    }
}

package io.pikeoperator.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** PNG plots of the tables (XChart): medians as bars or lines, min–max as error bars. */
final class Plots {

    private Plots() {
    }

    /** One named series of a category chart: a median and its min–max per category. */
    record Series(String name, List<Summary> values) {
    }

    static void bars(Path file, String title, String xTitle, String yTitle, List<String> categories, List<Series> series)
            throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(450).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        for (Series s : series) {
            chart.addSeries(s.name(), categories, medians(s.values()), errors(s.values()));
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static void lines(Path file, String title, String xTitle, String yTitle, List<Integer> x, List<Series> series)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisMin(0.0);
        List<Double> xs = x.stream().map(Integer::doubleValue).toList();
        for (Series s : series) {
            chart.addSeries(s.name(), xs, medians(s.values()), errors(s.values()));
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static List<Double> medians(List<Summary> values) {
        return values.stream().map(Summary::median).toList();
    }

    /** XChart draws symmetric error bars: the larger distance from the median to min or max. */
    private static List<Double> errors(List<Summary> values) {
        return values.stream().map(v -> Math.max(v.max() - v.median(), v.median() - v.min())).toList();
    }
}

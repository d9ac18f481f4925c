package io.pikeoperator.hostsim.commands;

import java.util.ArrayList;
import java.util.List;

/** cliff/PrettyTable output: +---+ borders, left-aligned cells, multi-line cells. */
final class Table {

    private Table() {
    }

    static String render(List<String> header, List<List<String>> rows) {
        int n = header.size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < n; i++) {
                for (String line : cell(row, i).split("\n", -1)) {
                    width[i] = Math.max(width[i], line.length());
                }
            }
        }
        StringBuilder sep = new StringBuilder("+");
        for (int w : width) {
            sep.append("-".repeat(w + 2)).append('+');
        }
        StringBuilder out = new StringBuilder();
        out.append(sep).append('\n');
        line(out, header, width);
        out.append(sep).append('\n');
        for (List<String> row : rows) {
            List<String[]> cells = new ArrayList<>();
            int height = 1;
            for (int i = 0; i < n; i++) {
                String[] lines = cell(row, i).split("\n", -1);
                cells.add(lines);
                height = Math.max(height, lines.length);
            }
            for (int h = 0; h < height; h++) {
                List<String> l = new ArrayList<>();
                for (String[] c : cells) {
                    l.add(h < c.length ? c[h] : "");
                }
                line(out, l, width);
            }
        }
        out.append(sep).append('\n');
        return out.toString();
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() && row.get(i) != null ? row.get(i) : "";
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        out.append('|');
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            out.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
        }
        out.append('\n');
    }
}

package io.pikeoperator.hostsim.commands;

import java.util.ArrayList;
import java.util.List;

/** cliff/PrettyTable output: +---+ borders, left-aligned (cliff) or centred (PrettyTable's default) cells, multi-line cells. */
final class Table {

    private Table() {
    }

    static String render(List<String> header, List<List<String>> rows) {
        return render(header, rows, false);
    }

    /** A bare PrettyTable 0.7.2 (e.g. nova-manage cell_v2 list_cells): header and cells centred. */
    static String renderCentered(List<String> header, List<List<String>> rows) {
        return render(header, rows, true);
    }

    private static String render(List<String> header, List<List<String>> rows, boolean centred) {
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
        line(out, header, width, centred);
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
                line(out, l, width, centred);
            }
        }
        out.append(sep).append('\n');
        return out.toString();
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() && row.get(i) != null ? row.get(i) : "";
    }

    private static void line(StringBuilder out, List<String> cells, int[] width, boolean centred) {
        out.append('|');
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            out.append(' ').append(centred ? centre(c, width[i]) : c + " ".repeat(width[i] - c.length())).append(" |");
        }
        out.append('\n');
    }

    /** PrettyTable's {@code _justify(text, width, "c")}: an odd excess goes right for odd-length text, else left. */
    static String centre(String text, int width) {
        int excess = width - text.length();
        int left = excess / 2;
        int right = excess / 2;
        if (excess % 2 != 0) {
            if (text.length() % 2 != 0) {
                right++;
            } else {
                left++;
            }
        }
        return " ".repeat(left) + text + " ".repeat(right);
    }
}

package io.pikeoperator.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A result table: a title, its columns and rows of cells; printed as Markdown and kept as JSON rows. */
final class Table {

    final String name;
    final String title;
    final List<String> columns;
    final List<List<String>> rows = new ArrayList<>();
    /** Per row, the figures behind the cells (summaries and the single runs), for the JSON file. */
    final List<Map<String, Object>> data = new ArrayList<>();

    Table(String name, String title, String... columns) {
        this.name = name;
        this.title = title;
        this.columns = List.of(columns);
    }

    void add(Map<String, Object> figures, String... cells) {
        rows.add(List.of(cells));
        data.add(new LinkedHashMap<>(figures));
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n");
        sb.append("| ").append(String.join(" | ", columns)).append(" |\n");
        sb.append("|").append("---|".repeat(columns.size())).append("\n");
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }
}

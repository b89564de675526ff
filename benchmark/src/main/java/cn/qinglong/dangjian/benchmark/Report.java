package cn.qinglong.dangjian.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run's figures as tables, written twice from the same model: {@code report.md} for people and
 * {@code report.json} for tools. Numbers stay numbers in the JSON; the Markdown rounds them.
 */
public final class Report {

    public record Table(String name, List<String> columns, List<List<Object>> rows, List<String> notes) {
    }

    public record Phase(String name, boolean passed, String detail) {
    }

    private final Map<String, String> header = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();

    public Report header(String key, String value) {
        header.put(key, value);
        return this;
    }

    public Table table(String name, String... columns) {
        Table table = new Table(name, List.of(columns), new ArrayList<>(), new ArrayList<>());
        tables.add(table);
        return table;
    }

    public static void row(Table table, Object... values) {
        if (values.length != table.columns().size()) {
            throw new IllegalArgumentException(table.name() + " has " + table.columns().size() + " columns, not "
                    + values.length);
        }
        table.rows().add(new ArrayList<>(List.of(values)));
    }

    public void phase(String name, boolean passed, String detail) {
        phases.add(new Phase(name, passed, detail));
    }

    public void finding(String text) {
        findings.add(text);
    }

    public List<Phase> phases() {
        return List.copyOf(phases);
    }

    public long failedPhases() {
        return phases.stream().filter(p -> !p.passed()).count();
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Benchmark report\n\n");
        header.forEach((key, value) -> md.append("- **").append(key).append("**: ").append(value).append('\n'));
        for (Table table : tables) {
            md.append("\n## ").append(table.name()).append("\n\n");
            md.append("| ").append(String.join(" | ", table.columns())).append(" |\n");
            md.append("|").append("---|".repeat(table.columns().size())).append('\n');
            for (List<Object> row : table.rows()) {
                md.append("| ");
                for (int i = 0; i < row.size(); i++) {
                    md.append(i == 0 ? "" : " | ").append(format(row.get(i)));
                }
                md.append(" |\n");
            }
            for (String note : table.notes()) {
                md.append('\n').append(note).append('\n');
            }
        }
        if (!findings.isEmpty()) {
            md.append("\n## Findings\n\n");
            findings.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        md.append("\n## Phases\n\n| phase | result | detail |\n|---|---|---|\n");
        for (Phase phase : phases) {
            md.append("| ").append(phase.name()).append(" | ").append(phase.passed() ? "passed" : "FAILED")
                    .append(" | ").append(phase.detail().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        return md.toString();
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("header", header);
        Map<String, Object> sections = new LinkedHashMap<>();
        for (Table table : tables) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (List<Object> row : table.rows()) {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = 0; i < row.size(); i++) {
                    Object value = row.get(i);
                    object.put(table.columns().get(i), value instanceof Double d && (d.isNaN() || d.isInfinite()) ? null : value);
                }
                rows.add(object);
            }
            sections.put(table.name(), Map.of("rows", rows, "notes", table.notes()));
        }
        root.put("sections", sections);
        root.put("findings", findings);
        root.put("phases", phases);
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root);
    }

    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("report.json"), json(), StandardCharsets.UTF_8);
    }

    static String format(Object value) {
        if (value == null) {
            return "–";
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "–";
            }
            double abs = Math.abs(d);
            if (abs >= 1000) {
                return String.format(Locale.ROOT, "%,.0f", d);
            }
            if (abs >= 100) {
                return String.format(Locale.ROOT, "%.0f", d);
            }
            if (abs >= 10) {
                return String.format(Locale.ROOT, "%.1f", d);
            }
            return String.format(Locale.ROOT, "%.2f", d);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        return value.toString().replace("|", "\\|");
    }
}

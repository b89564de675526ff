package cn.qinglong.dangjian.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportTest {

    private static Report sample() {
        Report report = new Report().header("machine", "2 cores");
        Report.Table table = report.table("Commands", "clients", "commands/s", "ratio");
        Report.row(table, 32, 3456.7, 0.52);
        Report.row(table, 1, 812.0, Double.NaN);
        table.notes().add("closed loop");
        report.phase("commands", true, "20.0 s");
        report.phase("queries", false, "boom | with a pipe");
        return report;
    }

    @Test
    @DisplayName("the Markdown has the header, one table per section with rounded numbers, and the phases")
    void markdown() {
        String md = sample().markdown();
        assertThat(md).contains("- **machine**: 2 cores")
                .contains("## Commands\n\n| clients | commands/s | ratio |\n|---|---|---|\n| 32 | 3,457 | 0.52 |")
                .contains("| 1 | 812 | – |")
                .contains("closed loop")
                .contains("| queries | FAILED | boom \\| with a pipe |");
    }

    @Test
    @DisplayName("the JSON keeps numbers as numbers, keyed by column, and NaN as null")
    void json() {
        JsonNode root = JsonMapper.builder().build().readTree(sample().json());
        JsonNode row = root.path("sections").path("Commands").path("rows").get(0);
        assertThat(row.path("clients").asInt()).isEqualTo(32);
        assertThat(row.path("commands/s").asDouble()).isEqualTo(3456.7);
        assertThat(root.path("sections").path("Commands").path("rows").get(1).path("ratio").isNull()).isTrue();
        assertThat(root.path("phases").get(1).path("passed").asBoolean()).isFalse();
        assertThat(root.path("header").path("machine").asString()).isEqualTo("2 cores");
    }

    @Test
    @DisplayName("a failed phase is counted, and a row of the wrong width is refused")
    void phasesAndRows() {
        Report report = sample();
        assertThat(report.failedPhases()).isEqualTo(1);
        Report.Table table = report.table("t", "a", "b");
        assertThatThrownBy(() -> Report.row(table, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("writing puts report.md and report.json side by side")
    void write(@TempDir Path dir) throws Exception {
        sample().write(dir.resolve("bench"));
        assertThat(Files.readString(dir.resolve("bench/report.md"))).startsWith("# Benchmark report");
        assertThat(Files.readString(dir.resolve("bench/report.json"))).contains("\"Commands\"");
    }
}

package cn.qinglong.dangjian.query.history;

import cn.qinglong.dangjian.query.web.SpreadsheetCells;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The history as RFC 4180 CSV in UTF-8, preceded by a byte-order mark so that Excel reads the Chinese text as UTF-8
 * rather than the system's code page. One header row, then one row per event; payload and metadata are the stored
 * JSON in one cell each. No cell is a formula: a value such as {@code X-Request-Id: @HYPERLINK(...)} is shown as text.
 */
final class HistoryCsv {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final List<String> HEADER = List.of("sequence", "type", "occurredAt", "recordedAt", "recordedBy",
            "correlationId", "requestId", "eventId", "position", "revision", "chainHash", "payload", "metadata");

    private final Writer out;

    HistoryCsv(OutputStream stream) throws IOException {
        stream.write(BOM);
        this.out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
        row(HEADER);
    }

    void write(HistoryEntry e) {
        JsonNode hash = e.metadata().get("chainHash");
        row(List.of(Long.toString(e.sequence()), e.type(), string(e.occurredAt()), string(e.recordedAt()),
                string(e.recordedBy()), string(e.correlationId()), string(e.requestId()), e.eventId(),
                Long.toString(e.position()), string(e.revision()), hash == null ? "" : hash.asString(),
                e.payload().toString(), e.metadata().toString()));
    }

    void finish() throws IOException {
        out.flush();
    }

    private void row(List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quoted(cells.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Quotes a cell only when it must: when it holds a comma, a quote or a line break; quotes are doubled. A cell a
     * spreadsheet could take for a formula is neutralised first ({@link SpreadsheetCells}).
     */
    static String quoted(String text) {
        String cell = SpreadsheetCells.text(text);
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    private static String string(Object value) {
        return Objects.toString(value, "");
    }
}

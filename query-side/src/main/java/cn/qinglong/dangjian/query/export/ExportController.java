package cn.qinglong.dangjian.query.export;

import cn.qinglong.dangjian.query.web.SpreadsheetCells;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import cn.qinglong.dangjian.query.web.Today;
import cn.qinglong.dangjian.security.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Turns a table of the dashboard into an Excel workbook: {@code POST /api/exports} with
 * {@code {title, organization?, columns: [header...], rows: [[cell...]...]}} answers one {@link TitledSheet} named
 * after the title: numbers as numbers, a number in a column whose header ends in 率 (a rate) as a percentage, an ISO
 * date as a date. The dashboard sends the rows of the view it shows (all pages of
 * it), so an export holds exactly what the committee member was looking at.
 */
@RestController
class ExportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int MAX_COLUMNS = 50;
    static final int MAX_ROWS = 100_000;
    static final int MAX_CELL = 1_000;

    private final Today today;

    ExportController(Today today) {
        this.today = today;
    }

    @PostMapping(value = "/api/exports", consumes = "application/json")
    void export(@RequestBody JsonNode body, HttpServletResponse response) throws IOException {
        Table table = Table.of(body);
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(table.title() + ".xlsx", StandardCharsets.UTF_8).build().toString());
        // streaming workbook: 100 rows in memory at a time, the rest in a temporary file deleted by close()
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            TitledSheet sheet = new TitledSheet(workbook, table.title(), table.organization(), null,
                    Caller.current().name(), today.now(), table.columns());
            for (List<JsonNode> cells : table.rows()) {
                Row row = sheet.nextRow();
                for (int c = 0; c < cells.size(); c++) {
                    JsonNode value = cells.get(c);
                    if (value.isNumber() && table.columns().get(c).endsWith("率")) {
                        sheet.percent(row, c, value.doubleValue());
                    } else if (value.isNumber()) {
                        row.createCell(c).setCellValue(value.doubleValue());
                    } else if (value.isBoolean()) {
                        row.createCell(c).setCellValue(value.booleanValue() ? "是" : "否");
                    } else if (value.isString() && isoDate(value.asString()) != null) {
                        sheet.date(row, c, isoDate(value.asString()));
                    } else if (!value.isNull()) {
                        row.createCell(c).setCellValue(SpreadsheetCells.text(value.asString()));
                    }
                }
            }
            workbook.write(response.getOutputStream());
        }
    }

    private static LocalDate isoDate(String text) {
        if (text.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** The request, checked: a refusal names the field, and nothing is written. */
    record Table(String title, String organization, List<String> columns, List<List<JsonNode>> rows) {

        static Table of(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw new InvalidInput("body", "must be an object {title, columns, rows}");
            }
            JsonNode title = body.get("title");
            if (title == null || !title.isString() || title.asString().isBlank() || title.asString().length() > 31) {
                throw new InvalidInput("title", "must be text of 1 to 31 characters");
            }
            String name = title.asString().replaceAll("[\\\\/:*?\"<>|\\[\\]\\p{Cntrl}]", "_").strip();
            JsonNode columns = body.get("columns");
            if (columns == null || !columns.isArray() || columns.isEmpty() || columns.size() > MAX_COLUMNS) {
                throw new InvalidInput("columns", "must be a list of 1 to " + MAX_COLUMNS + " headers");
            }
            List<String> headers = new ArrayList<>();
            for (JsonNode column : columns) {
                if (!column.isString() || column.asString().isBlank() || column.asString().length() > 100) {
                    throw new InvalidInput("columns", "every header must be text of 1 to 100 characters");
                }
                headers.add(column.asString());
            }
            JsonNode rows = body.get("rows");
            if (rows == null || !rows.isArray() || rows.size() > MAX_ROWS) {
                throw new InvalidInput("rows", "must be a list of at most " + MAX_ROWS + " rows");
            }
            List<List<JsonNode>> cells = new ArrayList<>();
            int index = 0;
            for (JsonNode row : rows) {
                String field = "rows[" + index++ + "]";
                if (!row.isArray() || row.size() != headers.size()) {
                    throw new InvalidInput(field, "must be a list of " + headers.size() + " cells");
                }
                List<JsonNode> values = new ArrayList<>();
                for (JsonNode value : row) {
                    if (value.isContainer() || (value.isString() && value.asString().length() > MAX_CELL)) {
                        throw new InvalidInput(field, "cells must be text (at most " + MAX_CELL
                                + " characters), numbers, booleans or null");
                    }
                    values.add(value);
                }
                cells.add(values);
            }
            JsonNode organization = body.get("organization");
            if (organization != null && !organization.isNull() && (!organization.isString()
                    || organization.asString().isBlank() || organization.asString().length() > 100)) {
                throw new InvalidInput("organization", "must be text of 1 to 100 characters");
            }
            return new Table(name, organization == null || organization.isNull() ? null : organization.asString(),
                    headers, cells);
        }
    }
}

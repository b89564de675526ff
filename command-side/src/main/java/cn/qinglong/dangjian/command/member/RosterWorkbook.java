package cn.qinglong.dangjian.command.member;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads the first sheet of an uploaded roster into rows of cell values, or refuses the whole file: not an xlsx, too
 * large, a zip bomb, formulas, merged header cells, a required column missing. The header row is the first of the
 * top rows that holds 姓名, so a title row above it (as the template has) is allowed.
 */
final class RosterWorkbook {

    static final long MAX_BYTES = 10L * 1024 * 1024;
    static final int MAX_ROWS = 50_000;
    private static final int HEADER_SEARCH_ROWS = 5;

    static {
        // a 10 MB file of 50,000 rows unpacks to well under this; a larger part is a bomb, not a roster
        ZipSecureFile.setMaxEntrySize(128L * 1024 * 1024);
    }

    /** One data row: its number as Excel shows it, and its values (text, a date, or a number). */
    record Line(int row, Map<RosterColumn, Object> values) {
    }

    private RosterWorkbook() {
    }

    static List<Line> read(InputStream in, long size) {
        if (size > MAX_BYTES) {
            throw new BadRoster(413, "roster-too-large", "文件超过 10 MB");
        }
        try (in; XSSFWorkbook workbook = open(in)) {
            if (workbook.getNumberOfSheets() == 0) {
                throw new BadRoster(400, "roster-empty", "文件中没有工作表");
            }
            return lines(workbook.getSheetAt(0));
        } catch (IOException unreadable) {
            throw notXlsx(unreadable);
        }
    }

    private static XSSFWorkbook open(InputStream in) {
        try {
            return new XSSFWorkbook(in);
        } catch (IOException | RuntimeException unreadable) {
            throw notXlsx(unreadable);
        }
    }

    private static BadRoster notXlsx(Exception cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb")) {
                return new BadRoster(400, "roster-zip-bomb", "文件解压后异常庞大（疑似 zip 炸弹），未导入");
            }
        }
        return new BadRoster(400, "roster-not-xlsx", "不是有效的 Excel（.xlsx）文件");
    }

    private static List<Line> lines(Sheet sheet) {
        int headerRow = headerRow(sheet);
        for (CellRangeAddress merged : sheet.getMergedRegions()) {
            if (merged.getFirstRow() <= headerRow && merged.getLastRow() >= headerRow) {
                throw new BadRoster(400, "roster-merged-header", "表头（第 " + (headerRow + 1) + " 行）有合并单元格："
                        + merged.formatAsString() + "，请每列一个表头");
            }
        }
        Map<Integer, RosterColumn> columns = columns(sheet.getRow(headerRow));
        if (sheet.getLastRowNum() - headerRow > MAX_ROWS) {
            throw new BadRoster(413, "roster-too-many-rows", "超过 " + MAX_ROWS + " 行，请分成几个文件导入");
        }
        List<Line> lines = new ArrayList<>();
        for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            Map<RosterColumn, Object> values = new EnumMap<>(RosterColumn.class);
            if (row != null) {
                for (Cell cell : row) {
                    RosterColumn column = columns.get(cell.getColumnIndex());
                    Object value = value(cell);
                    if (column != null && value != null) {
                        values.put(column, value);
                    }
                }
            }
            if (!values.isEmpty()) {
                lines.add(new Line(r + 1, values));
            }
        }
        return lines;
    }

    private static int headerRow(Sheet sheet) {
        for (int r = sheet.getFirstRowNum(); r >= 0 && r < sheet.getFirstRowNum() + HEADER_SEARCH_ROWS; r++) {
            Row row = sheet.getRow(r);
            if (row != null) {
                for (Cell cell : row) {
                    if (RosterColumn.NAME.header().equals(value(cell))) {
                        return r;
                    }
                }
            }
        }
        throw new BadRoster(400, "roster-missing-column", "缺少必填列：" + RosterColumn.NAME.header()
                + "（表头须在前 " + HEADER_SEARCH_ROWS + " 行内）");
    }

    private static Map<Integer, RosterColumn> columns(Row header) {
        Map<Integer, RosterColumn> columns = new LinkedHashMap<>();
        for (Cell cell : header) {
            if (value(cell) instanceof String text && RosterColumn.byHeader(text) != null) {
                columns.put(cell.getColumnIndex(), RosterColumn.byHeader(text));
            }
        }
        List<String> missing = new ArrayList<>();
        for (RosterColumn column : RosterColumn.values()) {
            if (column.required() && !columns.containsValue(column)) {
                missing.add(column.header());
            }
        }
        if (!missing.isEmpty()) {
            throw new BadRoster(400, "roster-missing-column", "缺少必填列：" + String.join("、", missing));
        }
        return columns;
    }

    /** Text (stripped, blank as none), a date for a date-formatted number, else the number. */
    private static Object value(Cell cell) {
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            throw new BadRoster(400, "roster-formula", "单元格 " + cell.getAddress().formatAsString()
                    + " 是公式，请粘贴为数值后再导入");
        }
        if (type == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate();
            }
            return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros();
        }
        if (type == CellType.STRING || type == CellType.BOOLEAN) {
            String text = type == CellType.STRING ? cell.getStringCellValue() : String.valueOf(cell.getBooleanCellValue());
            text = text.strip();
            return text.isEmpty() ? null : text;
        }
        return null;
    }
}

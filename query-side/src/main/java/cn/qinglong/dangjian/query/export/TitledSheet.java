package cn.qinglong.dangjian.query.export;

import cn.qinglong.dangjian.query.web.SpreadsheetCells;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;

/**
 * A sheet a clerk can hand on: a title row saying what it is, for which organisation, as of when and who exported it
 * when; the headers in bold below it; dates as dates and rates as percentages.
 */
public final class TitledSheet {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Sheet sheet;
    private final CellStyle date;
    private final CellStyle percent;
    private int nextRow = 2;

    /**
     * @param organization the organisation the figures are about, or null when the title says it already
     * @param asOf         the day the figures stand on, or null for the moment of export
     */
    public TitledSheet(Workbook workbook, String title, String organization, LocalDate asOf, String exportedBy,
                       ZonedDateTime exportedAt, List<String> headers) {
        this.sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(title));
        this.date = workbook.createCellStyle();
        date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        this.percent = workbook.createCellStyle();
        percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
        Font bold = workbook.createFont();
        bold.setBold(true);
        CellStyle header = workbook.createCellStyle();
        header.setFont(bold);

        StringBuilder line = new StringBuilder(title);
        if (organization != null) {
            line.append(" · ").append(organization);
        }
        line.append(" · 截至 ").append(asOf != null ? asOf.toString() : exportedAt.format(MINUTES))
                .append(" · ").append(exportedBy).append(" 导出于 ").append(exportedAt.format(MINUTES));
        Cell titleCell = sheet.createRow(0).createCell(0);
        titleCell.setCellValue(SpreadsheetCells.text(line.toString()));
        titleCell.setCellStyle(header);
        if (headers.size() > 1) {
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, headers.size() - 1));
        }
        Row first = sheet.createRow(1);
        for (int c = 0; c < headers.size(); c++) {
            Cell cell = first.createCell(c);
            cell.setCellValue(SpreadsheetCells.text(headers.get(c)));
            cell.setCellStyle(header);
            sheet.setColumnWidth(c, Math.min(60, Math.max(10, headers.get(c).length() * 3 + 4)) * 256);
        }
        sheet.createFreezePane(0, 2);
    }

    public Row nextRow() {
        return sheet.createRow(nextRow++);
    }

    public Sheet sheet() {
        return sheet;
    }

    public void date(Row row, int column, LocalDate value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(date);
    }

    public void percent(Row row, int column, double share) {
        Cell cell = row.createCell(column);
        cell.setCellValue(share);
        cell.setCellStyle(percent);
    }
}

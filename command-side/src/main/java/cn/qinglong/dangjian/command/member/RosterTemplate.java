package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.command.organization.OrganizationFacts;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The roster template: a title row (what, who exported it, when), the Chinese headers, date columns formatted as
 * dates; and a second sheet with the values each column allows, including the organisations by full name and id.
 */
final class RosterTemplate {

    static final String SHEET = "党员名册";
    static final String VALUES_SHEET = "可选值";

    private RosterTemplate() {
    }

    static byte[] build(String exportedBy, ZonedDateTime now, List<OrganizationFacts> organizations) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            RosterColumn[] columns = RosterColumn.values();

            Sheet roster = workbook.createSheet(SHEET);
            roster.createRow(0).createCell(0).setCellValue("党员名册导入模板（" + exportedBy + " 导出，"
                    + now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + "）；可选值见“"
                    + VALUES_SHEET + "”表");
            roster.addMergedRegion(new CellRangeAddress(0, 0, 0, columns.length - 1));
            Row headers = roster.createRow(1);
            for (RosterColumn column : columns) {
                var cell = headers.createCell(column.ordinal());
                cell.setCellValue(column.header());
                cell.setCellStyle(header);
                roster.setColumnWidth(column.ordinal(), Math.max(12, column.header().length() * 3 + 4) * 256);
                if (column == RosterColumn.BIRTH_DATE || column == RosterColumn.JOINED_PARTY_ON
                        || column == RosterColumn.REGISTERED_ON) {
                    roster.setDefaultColumnStyle(column.ordinal(), date);
                }
            }
            roster.createFreezePane(0, 2);
            headers.createCell(columns.length).setCellValue("必填列：" + Arrays.stream(columns)
                    .filter(RosterColumn::required).map(RosterColumn::header).collect(Collectors.joining("、")));

            Sheet values = workbook.createSheet(VALUES_SHEET);
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[]{"列", "可填的值（中文或代码）"});
            lines.add(new String[]{RosterColumn.GENDER.header(), terms(Gender.values(), Gender::label)});
            lines.add(new String[]{RosterColumn.CATEGORIES.header(), terms(Category.values(), Category::label)
                    + "（可填多个，用“、”隔开）"});
            lines.add(new String[]{RosterColumn.RESIDENCE_STATUS.header(),
                    terms(ResidenceStatus.values(), ResidenceStatus::label)});
            lines.add(new String[]{"日期列", "1948-03-01、1948/3/1、1948年3月1日 或 Excel 日期"});
            lines.add(new String[]{RosterColumn.MEMBER_NUMBER.header(),
                    "可不填；填写则作为党员编号（字母、数字和 . _ : -，至多 64 位）"});
            for (OrganizationFacts organization : organizations) {
                if (!organization.dissolved() && organization.level() != OrganizationLevel.GROUP) {
                    String use = organization.level() == OrganizationLevel.BRANCH
                            ? RosterColumn.BRANCH.header() : RosterColumn.BRANCH.header() + " / "
                            + RosterColumn.COMMUNITY.header();
                    lines.add(new String[]{use, organization.name() + "（编号 " + organization.id() + "）"});
                }
            }
            for (int r = 0; r < lines.size(); r++) {
                Row row = values.createRow(r);
                row.createCell(0).setCellValue(lines.get(r)[0]);
                row.createCell(1).setCellValue(lines.get(r)[1]);
            }
            values.getRow(0).getCell(0).setCellStyle(header);
            values.getRow(0).getCell(1).setCellStyle(header);
            values.setColumnWidth(0, 40 * 256);
            values.setColumnWidth(1, 80 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <E extends Enum<E>> String terms(E[] values, Function<E, String> label) {
        return Arrays.stream(values).map(value -> label.apply(value) + "（" + value.name() + "）")
                .collect(Collectors.joining("、"));
    }
}

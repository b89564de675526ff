package cn.qinglong.dangjian.command.member;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Builds roster workbooks the way a clerk's Excel would: a header row of Chinese column names, then rows. */
final class RosterFile {

    static final List<String> HEADERS = List.of("姓名", "性别", "出生日期", "入党日期", "党组织关系所在支部", "人员类别",
            "居住状态", "现居住社区", "联系电话", "现居住地址", "登记日期", "党员编号");

    private final List<String> headers;
    private final List<Object[]> rows = new ArrayList<>();
    private Consumer<Sheet> touch = sheet -> { };

    private RosterFile(List<String> headers) {
        this.headers = headers;
    }

    static RosterFile withHeaders() {
        return new RosterFile(HEADERS);
    }

    static RosterFile withHeaders(List<String> headers) {
        return new RosterFile(headers);
    }

    /** A valid row for {@code branch}; the member's details vary with {@code n}. */
    static Object[] member(int n, String branch) {
        return new Object[]{"党员" + n, n % 2 == 0 ? "男" : "女", LocalDate.of(1940 + n % 50, 1 + n % 12, 1 + n % 28),
                LocalDate.of(1940 + n % 50 + 25, 7, 1), branch, "农民、离退休", "原村居住", null, "1380000" + n,
                "常青村" + n + "号", "2020-01-01", null};
    }

    RosterFile row(Object... cells) {
        rows.add(cells);
        return this;
    }

    /** Something done to the sheet after it is filled (a formula, a merged region). */
    RosterFile then(Consumer<Sheet> change) {
        this.touch = change;
        return this;
    }

    byte[] bytes() {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(1000); var out = new ByteArrayOutputStream()) {
            var dates = workbook.createCellStyle();
            dates.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet sheet = workbook.createSheet("党员名册");
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                Object[] cells = rows.get(r);
                for (int c = 0; c < cells.length; c++) {
                    if (cells[c] instanceof String text) {
                        row.createCell(c).setCellValue(text);
                    } else if (cells[c] instanceof LocalDate date) {
                        var cell = row.createCell(c);
                        cell.setCellValue(date);
                        cell.setCellStyle(dates);
                    } else if (cells[c] instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    }
                }
            }
            touch.accept(sheet);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same workbook with {@code padding} bytes of blanks in its sheet: tiny zipped, huge unzipped. */
    static byte[] zipBomb(byte[] workbook, int padding) {
        try (var in = new ZipArchiveInputStream(new ByteArrayInputStream(workbook)); var out = new ByteArrayOutputStream();
             var zip = new ZipOutputStream(out)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, java.nio.charset.StandardCharsets.UTF_8);
                    int end = xml.lastIndexOf("</worksheet>");
                    zip.write(xml.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    byte[] blanks = new byte[1 << 20];
                    Arrays.fill(blanks, (byte) ' ');
                    for (int written = 0; written < padding; written += blanks.length) {
                        zip.write(blanks);
                    }
                    zip.write(xml.substring(end).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    zip.write(content);
                }
                zip.closeEntry();
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

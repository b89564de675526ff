package cn.qinglong.dangjian.query.report;

import cn.qinglong.dangjian.query.web.SpreadsheetCells;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.query.export.TitledSheet;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.Today;
import cn.qinglong.dangjian.security.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/annual?organizationId&year&position}: the year's statistics as JSON, or as a workbook with
 * {@code format=xlsx} or {@code Accept} naming the spreadsheet type. The year defaults to the last complete one.
 */
@RestController
class AnnualReportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PATH = "/api/reports/annual";

    private final AnnualStatistics statistics;
    private final Today today;

    AnnualReportController(AnnualStatistics statistics, Today today) {
        this.statistics = statistics;
        this.today = today;
    }

    @GetMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    AnnualReport json(@RequestParam(required = false) String organizationId, @RequestParam(required = false) String year,
                      @RequestParam(required = false) String position) {
        return report(organizationId, year, position);
    }

    @GetMapping(value = PATH, produces = XLSX)
    void xlsx(@RequestParam(required = false) String organizationId, @RequestParam(required = false) String year,
              @RequestParam(required = false) String position, HttpServletResponse response) throws IOException {
        write(report(organizationId, year, position), response);
    }

    @GetMapping(value = PATH, params = "format=xlsx")
    void xlsxByParameter(@RequestParam(required = false) String organizationId,
                         @RequestParam(required = false) String year, @RequestParam(required = false) String position,
                         HttpServletResponse response) throws IOException {
        write(report(organizationId, year, position), response);
    }

    private AnnualReport report(String organizationId, String year, String position) {
        int lastYear = today.date().getYear() - 1;
        return statistics.compute(QueryParams.id("organizationId", organizationId),
                year == null ? lastYear : QueryParams.intInRange("year", year, 1921, lastYear + 1),
                position == null ? null : QueryParams.nonNegativeLong("position", position));
    }

    private void write(AnnualReport report, HttpServletResponse response) throws IOException {
        String title = report.year() + "年党内统计年报";
        List<String> headers = new ArrayList<>(List.of("党组织", "层级", "年初党员", "年末党员"));
        for (AgeBand band : AgeBand.values()) {
            headers.add(band.label());
        }
        for (Gender gender : Gender.values()) {
            headers.add(gender.label());
        }
        headers.add("女党员占比");
        for (Category category : Category.values()) {
            headers.add(category.label());
        }
        for (ResidenceStatus status : ResidenceStatus.values()) {
            headers.add(status.label());
        }
        headers.addAll(List.of("新登记", "组织关系转入", "组织关系转出"));
        for (MembershipEndReason reason : MembershipEndReason.values()) {
            headers.add("减少：" + reason.label());
        }
        headers.add("党组织编号");
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(title + ".xlsx", StandardCharsets.UTF_8).build().toString());
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            String organization = report.organizations().isEmpty() || report.organizationId() == null ? "全部党组织"
                    : report.organizations().get(0).name();
            TitledSheet sheet = new TitledSheet(workbook, title, organization, report.asOf(), Caller.current().name(),
                    today.now(), headers);
            for (AnnualReport.Row r : report.organizations()) {
                Row row = sheet.nextRow();
                int c = 0;
                row.createCell(c++).setCellValue(SpreadsheetCells.text("　".repeat(r.depth()) + r.name()));
                row.createCell(c++).setCellValue(r.level().label());
                row.createCell(c++).setCellValue(r.startOfYear());
                row.createCell(c++).setCellValue(r.endOfYear());
                for (AgeBand band : AgeBand.values()) {
                    row.createCell(c++).setCellValue(r.byAgeBand().get(band));
                }
                for (Gender gender : Gender.values()) {
                    row.createCell(c++).setCellValue(r.byGender().get(gender));
                }
                if (r.endOfYear() > 0) {
                    sheet.percent(row, c, (double) r.byGender().get(Gender.F) / r.endOfYear());
                }
                c++;
                for (Category category : Category.values()) {
                    row.createCell(c++).setCellValue(r.byCategory().get(category));
                }
                for (ResidenceStatus status : ResidenceStatus.values()) {
                    row.createCell(c++).setCellValue(r.byResidence().get(status));
                }
                row.createCell(c++).setCellValue(r.registered());
                row.createCell(c++).setCellValue(r.transferredIn());
                row.createCell(c++).setCellValue(r.transferredOut());
                for (MembershipEndReason reason : MembershipEndReason.values()) {
                    row.createCell(c++).setCellValue(r.ended().get(reason));
                }
                row.createCell(c).setCellValue(r.organizationId());
            }
            sheet.sheet().setColumnWidth(0, 30 * 256);
            workbook.write(response.getOutputStream());
        }
    }
}

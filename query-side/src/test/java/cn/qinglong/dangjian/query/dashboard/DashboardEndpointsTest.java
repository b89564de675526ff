package cn.qinglong.dangjian.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.CommandSide;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** What the dashboard needs of the query side besides the views: its files, the .xlsx export, a branch's study days. */
class DashboardEndpointsTest extends QuerySideTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    @DisplayName("the dashboard and its pinned chart library are served by the query side itself")
    void dashboardIsServedLocally() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<html lang=\"zh-CN\">", "<script type=\"module\" src=\"assets/app.js\">");
        // the chart library comes when a tab first draws a chart, not with the first screen
        assertThat(get("/assets/lib/ui.js").body()).contains("webjars/echarts/5.3.1/dist/echarts.min.js");
        for (String asset : List.of("/assets/app.js", "/assets/app.css", "/assets/lib/api.js", "/assets/tabs/overview.js",
                "/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            HttpResponse<String> response = get(asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).isNotBlank();
        }
        assertThat(get("/assets/lib/api.js").body()).contains("sessionStorage.getItem(TOKEN_KEY)", "'Bearer '");
    }

    @Test
    @DisplayName("the search and the heat map's parameters: q at most 32 characters, contactLost true or false, by=branch-month")
    void searchAndHeatMapParameters() {
        Http http = new Http("http://localhost:" + port + "/api");
        assertThat(http.get("/members?q=" + "%E5%BC%A0".repeat(33)).status()).isEqualTo(400);
        assertThat(http.get("/members?q=" + "%E5%BC%A0".repeat(33)).json().get("errors").get(0).get("field").asString()).isEqualTo("q");
        assertThat(http.get("/members?contactLost=maybe").status()).isEqualTo(400);
        assertThat(http.get("/members?q=%E5%BC%A0&contactLost=true").status()).isEqualTo(200);
        Http.Response rates = http.get("/attendance/rates?by=branch-month");
        assertThat(rates.status()).isEqualTo(200);
        assertThat(rates.json().get("by").asString()).isEqualTo("branch-month");
    }

    @Test
    @DisplayName("every role that reads views may export the rows it read; integration clients may not")
    void exportsAreForEveryReaderButIntegrationClients() {
        Http http = new Http("http://localhost:" + port + "/api");
        String table = "{\"title\":\"t\",\"columns\":[\"姓名\"],\"rows\":[[\"张建国\"]]}";
        assertThat(http.as("AUDITOR").post("/exports", table).status()).isEqualTo(200);
        assertThat(http.as("BRANCH_SECRETARY", "ql-r3-b1").post("/exports", table).status()).isEqualTo(200);
        assertThat(http.as("GROUP_LEADER", "ql-v1-t1").post("/exports", table).status()).isEqualTo(200);
        assertThat(http.as("INTEGRATION").post("/exports", table).status()).isEqualTo(403);
        assertThat(http.anonymous().post("/exports", table).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("an export is one sheet named after the title: a title row saying what, for which organisation, as of when and by whom; the headers in bold below it; then every row, numbers as numbers, dates as dates, rates as percentages")
    void exportIsAWorkbook() throws Exception {
        HttpResponse<byte[]> response = post("""
                {"title":"过渡期党员","organization":"东风村党总支","columns":["姓名","党员编号","过渡天数","已编组","拆迁日期","出勤率"],
                 "rows":[["张建国","m-1",730,true,"2024-05-01",0.875],["王秀英","m-2",null,false,"2024-13-01",null]]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("过渡期党员");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).matches(
                    "过渡期党员 · 东风村党总支 · 截至 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} · export-test 导出于 .*");
            DataFormatter format = new DataFormatter();
            List<String> headers = new ArrayList<>();
            sheet.getRow(1).forEach(cell -> headers.add(format.formatCellValue(cell)));
            assertThat(headers).containsExactly("姓名", "党员编号", "过渡天数", "已编组", "拆迁日期", "出勤率");
            assertThat(workbook.getFontAt(sheet.getRow(1).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            var first = sheet.getRow(2);
            assertThat(first.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(730);
            assertThat(format.formatCellValue(first.getCell(0))).isEqualTo("张建国");
            assertThat(format.formatCellValue(first.getCell(3))).isEqualTo("是");
            assertThat(first.getCell(4).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 5, 1));
            assertThat(format.formatCellValue(first.getCell(4))).isEqualTo("2024-05-01");
            assertThat(first.getCell(5).getNumericCellValue()).isEqualTo(0.875);
            assertThat(format.formatCellValue(first.getCell(5))).isEqualTo("87.5%");
            assertThat(sheet.getRow(3).getCell(2)).isNull();
            assertThat(sheet.getRow(3).getCell(4).getStringCellValue()).isEqualTo("2024-13-01");
        }
    }

    @ParameterizedTest(name = "{0} answers 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"columns\":[\"a\"],\"rows\":[]}                                  | title",
            "{\"title\":\"\",\"columns\":[\"a\"],\"rows\":[]}                   | title",
            "{\"title\":\"t\",\"columns\":[],\"rows\":[]}                       | columns",
            "{\"title\":\"t\",\"columns\":[\"a\",7],\"rows\":[]}                | columns",
            "{\"title\":\"t\",\"columns\":[\"a\"]}                              | rows",
            "{\"title\":\"t\",\"columns\":[\"a\",\"b\"],\"rows\":[[1,2],[3]]}   | rows[1]",
            "{\"title\":\"t\",\"columns\":[\"a\"],\"rows\":[[{\"x\":1}]]}       | rows[0]",
            "[1,2]                                                              | body",
    })
    void anExportRefusesAMalformedTable(String body, String field) throws Exception {
        HttpResponse<byte[]> response = post(body);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(text).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = Http.json().readTree(text);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    @Test
    @DisplayName("an export that is not JSON answers 400 problem+json without a stack trace")
    void anExportRefusesMalformedJson() throws Exception {
        HttpResponse<byte[]> response = post("{\"title\":");
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("a branch's study days are listed newest first, cancelled ones flagged")
    void studyDaysOfABranchNewestFirst() {
        Http command = new Http(CommandSide.baseUrl());
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long position = 0;
        for (String body : List.of(
                "{\"organizationId\":\"sdl-c\",\"name\":\"青龙街道党工委\",\"level\":\"COMMITTEE\",\"establishedOn\":\"2020-01-01\"}",
                "{\"organizationId\":\"sdl-b\",\"name\":\"紫云苑第一党支部\",\"level\":\"BRANCH\",\"parentId\":\"sdl-c\",\"establishedOn\":\"2020-01-01\"}")) {
            assertThat(command.post("/organizations", body).status()).isEqualTo(201);
        }
        for (int month = 1; month <= 3; month++) {
            Http.Response response = command.post("/study-days", """
                    {"studyDayId":"sdl-%d","branchId":"sdl-b","date":"%s","topic":"主题党日","modes":["NEARBY","ONLINE"]}"""
                    .formatted(month, today.minusMonths(month)));
            assertThat(response.status()).isEqualTo(201);
            position = response.json().get("position").asLong();
        }
        Http.Response cancelled = command.post("/study-days/sdl-2/cancellation", "{\"reason\":\"台风\"}");
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        position = cancelled.json().get("position").asLong();

        Http.Response response = query.get("/study-days?branchId=sdl-b&minPosition=" + position);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-View-Behind")).isNull();
        JsonNode items = response.json().get("items");
        assertThat(items.valueStream().map(i -> i.get("studyDayId").asString())).containsExactly("sdl-1", "sdl-2", "sdl-3");
        assertThat(items.valueStream().map(i -> i.get("cancelled").asBoolean())).containsExactly(false, true, false);
        assertThat(items.get(0).get("date").asString()).isEqualTo(today.minusMonths(1).toString());
        assertThat(items.get(0).get("modes").valueStream().map(JsonNode::asString)).containsExactly("NEARBY", "ONLINE");
        assertThat(query.get("/study-days?branchId=nobody-here").json().get("items")).isEmpty();
    }

    @ParameterizedTest(name = "{0} answers 400 naming branchId")
    @CsvSource({"/study-days", "/study-days?branchId=a%20b"})
    void studyDaysNeedAValidBranch(String path) {
        Http.Response response = query.get(path);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("branchId");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> post(String json) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/exports"))
                .header("Content-Type", "application/json")
                .header("Authorization", Http.committeeAuthorization("http://localhost:" + port + "/api", "export-test"))
                .POST(HttpRequest.BodyPublishers.ofString(json.strip()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

package cn.qinglong.dangjian.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.command.web.EventStoreBackedTest;
import cn.qinglong.dangjian.command.web.Http;
import cn.qinglong.dangjian.command.web.Subdistrict;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class RosterImportTest extends EventStoreBackedTest {

    private static final String ORIGIN_BRANCH_NAME = "常青村第一党支部";
    private static final String RESIDENCE_BRANCH_NAME = "青竹苑第一党支部";
    private static final String DRY_RUN = "/api/imports/members?dryRun=true";
    private static final String COMMIT = "/api/imports/members?dryRun=false";

    @Autowired
    EventStore eventStore;

    @BeforeEach
    void subdistrict() {
        Subdistrict.create(http());
    }

    /** Rows 2 and 3 are valid; every later row has one kind of problem. {@code n} keeps the members apart. */
    private static RosterFile everyKindOfProblem(int n, String traditionalNumber) {
        Object[] duplicate = RosterFile.member(n, ORIGIN_BRANCH_NAME);
        duplicate[8] = "13999999999";
        return RosterFile.withHeaders()
                .row(RosterFile.member(n, ORIGIN_BRANCH_NAME))
                .row("張國強" + n, "F", "1950/3/1", "1975年7月1日", Subdistrict.ORIGIN_BRANCH, "RETIRED", "ORIGINAL",
                        null, 13800000000L, null, 43831, traditionalNumber)
                .row(null, "男", "1950-01-01", "1975-07-01", ORIGIN_BRANCH_NAME, "农民", "原村居住", null, null, null,
                        "2020-01-01", null)
                .row("性别错" + n, "男性", "1950-01-01", "1975-07-01", ORIGIN_BRANCH_NAME, "农民", "原村居住", null, null,
                        null, "2020-01-01", null)
                .row("日期错" + n, "男", "1948-13-45", "1975-07-01", ORIGIN_BRANCH_NAME, "农民", "原村居住", null, null,
                        null, "2020-01-01", null)
                .row("支部错" + n, "男", "1950-01-01", "1975-07-01", "不存在的支部", "农民", "原村居住", null, null, null,
                        "2020-01-01", null)
                .row("类别错" + n, "男", "1950-01-01", "1975-07-01", ORIGIN_BRANCH_NAME, "农民、退休人员", "原村居住", null,
                        null, null, "2020-01-01", null)
                .row("居住错" + n, "男", "1950-01-01", "1975-07-01", ORIGIN_BRANCH_NAME, "农民", "搬走了", null, null,
                        null, "2020-01-01", null)
                .row("太年轻" + n, "男", "1960-01-01", "1976-07-01", ORIGIN_BRANCH_NAME, "农民", "原村居住", null, null,
                        null, "2020-01-01", null)
                .row("编号错" + n, "男", "1950-01-01", "1975-07-01", ORIGIN_BRANCH_NAME, "农民", "原村居住", null, null,
                        null, "2020-01-01", "坏 编号")
                .row("小组" + n, "男", "1950-01-01", "1975-07-01", Subdistrict.TRANSITION_GROUP, "农民", "原村居住", null,
                        null, null, "2020-01-01", null)
                .row("未来" + n, "男", "1950-01-01", "1975-07-01", ORIGIN_BRANCH_NAME, "农民", "原村居住", null, null,
                        null, "2999-01-01", null)
                .row(duplicate)
                .row("电话长" + n, "男", "1950-01-01", "1975-07-01", ORIGIN_BRANCH_NAME, "农民", "原村居住", null,
                        "1".repeat(31), null, "2020-01-01", null);
    }

    @Test
    void aDryRunNamesEveryProblemOfEveryRowAndRecordsNothing() {
        long before = storedEvents();

        Http.Reply reply = http().upload(DRY_RUN, "名册.xlsx", everyKindOfProblem(100, "m-trad-100").bytes());

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode report = reply.json();
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("rows").asInt()).isEqualTo(14);
        assertThat(outcomes(report)).containsExactly("REGISTERED", "REGISTERED", "REFUSED", "REFUSED", "REFUSED",
                "REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "CONFLICTING", "REFUSED");
        assertThat(problems(report)).containsExactly(
                "4|姓名|null|必填，不能为空",
                "5|性别|男性|不是允许的值，可填：男、女",
                "6|出生日期|1948-13-45|不是日期，可写 1948-03-01、1948/3/1、1948年3月1日 或 Excel 日期",
                "7|党组织关系所在支部|不存在的支部|没有这个党组织，请填党组织全称或编号",
                "8|人员类别|退休人员|不是允许的值，可填：离退休、在职、待就业、农民、非公企业、两新组织、流动党员",
                "9|居住状态|搬走了|不是允许的值，可填：原村居住、返迁过渡期、安置社区、城市社区",
                "10|null|null|不符合规则：a member joins the party at 18 or older",
                "11|党员编号|坏 编号|编号只能由字母、数字和 . _ : - 组成，至多 64 位",
                "12|null|null|不符合规则：branch '" + Subdistrict.TRANSITION_GROUP + "' is a GROUP, not a [GENERAL_BRANCH, BRANCH]",
                "13|null|null|不符合规则：registeredOn 2999-01-01 is in the future; only what already happened can be recorded",
                "14|null|null|与第 2 行是同一党员（编号 " + report.get("results").get(0).get("memberId").asString()
                        + "），但信息不同",
                "15|联系电话|" + "1".repeat(31) + "|超过 30 个字");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void theRealRunRegistersExactlyTheValidRowsWithTheImporterAsActorAndAReimportRecordsNothing() {
        byte[] roster = everyKindOfProblem(200, "m-trad-200").bytes();
        long before = storedEvents();

        JsonNode report = commit(http(), roster);

        assertThat(outcomes(report)).containsExactly("REGISTERED", "REGISTERED", "REFUSED", "REFUSED", "REFUSED",
                "REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "CONFLICTING", "REFUSED");
        assertThat(report.get("counts").get("REGISTERED").asInt()).isEqualTo(2);
        assertThat(storedEvents()).isEqualTo(before + 2);
        String first = report.get("results").get(0).get("memberId").asString();
        assertThat(storedEvents(first, "MemberRegistered")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                byte[].class, first)).asString().contains("\"actor\":\"importer\"");
        MemberRegistered traditional = (MemberRegistered) eventStore.readEvents("m-trad-200").next().getPayload();
        assertThat(traditional.name()).isEqualTo("張國強200");
        assertThat(traditional.birthDate()).isEqualTo(LocalDate.of(1950, 3, 1));
        assertThat(traditional.joinedPartyOn()).isEqualTo(LocalDate.of(1975, 7, 1));
        assertThat(traditional.registeredOn()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(traditional.phone()).isEqualTo("13800000000");

        JsonNode again = commit(http(), roster);

        assertThat(again.get("counts").get("REGISTERED").asInt()).isZero();
        assertThat(again.get("counts").get("ALREADY_THERE").asInt()).isEqualTo(2);
        assertThat(again.get("counts").get("CONFLICTING").asInt()).isEqualTo(1);
        assertThat(storedEvents()).isEqualTo(before + 2);
    }

    @Test
    void aSecretaryImportsOnlyIntoTheBranchesInTheirScopeRowByRow() {
        byte[] roster = RosterFile.withHeaders()
                .row(RosterFile.member(300, RESIDENCE_BRANCH_NAME))
                .row(RosterFile.member(301, ORIGIN_BRANCH_NAME))
                .bytes();
        Http secretary = http().as("BRANCH_SECRETARY", Subdistrict.RESIDENCE_BRANCH);
        long before = storedEvents();

        JsonNode dryRun = secretary.upload(DRY_RUN, "名册.xlsx", roster).json();
        JsonNode report = commit(secretary, roster);

        for (JsonNode run : List.of(dryRun, report)) {
            assertThat(outcomes(run)).containsExactly("REGISTERED", "REFUSED");
            assertThat(problems(run)).containsExactly("3|党组织关系所在支部|" + Subdistrict.ORIGIN_BRANCH + "|不在您管辖的党组织范围内");
        }
        assertThat(storedEvents()).isEqualTo(before + 1);
        assertThat(http().as("GROUP_LEADER", Subdistrict.TRANSITION_GROUP).upload(DRY_RUN, "名册.xlsx", roster).status())
                .isEqualTo(403);
    }

    @Test
    void aFileThatIsNotAnXlsxIsRefusedAndRecordsNothing() {
        assertRefused("名册.xlsx", "姓名,性别\n张三,男\n".getBytes(), 400, "roster-not-xlsx");
    }

    @Test
    void aZipBombIsRefusedAndRecordsNothing() {
        byte[] bomb = RosterFile.zipBomb(RosterFile.withHeaders().row(RosterFile.member(400, ORIGIN_BRANCH_NAME))
                .bytes(), 200 << 20);
        assertThat(bomb.length).isLessThan(1 << 20);
        assertRefused("名册.xlsx", bomb, 400, "roster-zip-bomb");
    }

    @Test
    void aFileOverTenMegabytesIsRefusedAndOneJustUnderIsRead() {
        byte[] noise = new byte[10 * 1024 * 1024 + 1];
        new Random(1).nextBytes(noise);
        assertThat(http().upload(COMMIT, "名册.xlsx", noise).status()).isEqualTo(413);
        assertRefused("名册.xlsx", java.util.Arrays.copyOf(noise, 10 * 1024 * 1024), 400, "roster-not-xlsx");
    }

    @Test
    void aRosterOfMoreThanFiftyThousandRowsIsRefusedAndOneOfFiftyThousandIsRead() {
        RosterFile rows = RosterFile.withHeaders();
        for (int i = 0; i < 50_000; i++) {
            rows.row("只有姓名" + i);
        }
        Http.Reply fifty = http().upload(DRY_RUN, "名册.xlsx", rows.bytes());
        assertThat(fifty.status()).as(fifty.text()).isEqualTo(200);
        assertThat(fifty.json().get("counts").get("REFUSED").asInt()).isEqualTo(50_000);

        assertRefused("名册.xlsx", rows.row("再多一行").bytes(), 413, "roster-too-many-rows");
    }

    @Test
    void aFormulaIsRefusedAndRecordsNothing() {
        byte[] roster = RosterFile.withHeaders().row(RosterFile.member(500, ORIGIN_BRANCH_NAME))
                .then(sheet -> sheet.getRow(1).getCell(2).setCellFormula("DATE(1950,1,1)")).bytes();
        Http.Reply reply = assertRefused("名册.xlsx", roster, 400, "roster-formula");
        assertThat(reply.json().get("detail").asString()).contains("C2");
    }

    @Test
    void mergedHeaderCellsAreRefusedAndRecordsNothing() {
        byte[] roster = RosterFile.withHeaders().row(RosterFile.member(501, ORIGIN_BRANCH_NAME))
                .then(sheet -> sheet.addMergedRegion(new CellRangeAddress(0, 0, 11, 12))).bytes();
        assertRefused("名册.xlsx", roster, 400, "roster-merged-header");
    }

    @Test
    void aMissingRequiredColumnIsRefusedByNameAndRecordsNothing() {
        List<String> headers = new ArrayList<>(RosterFile.HEADERS);
        headers.set(2, "生日");
        byte[] roster = RosterFile.withHeaders(headers).row(RosterFile.member(502, ORIGIN_BRANCH_NAME)).bytes();
        Http.Reply reply = assertRefused("名册.xlsx", roster, 400, "roster-missing-column");
        assertThat(reply.json().get("detail").asString()).isEqualTo("缺少必填列：出生日期");
    }

    @Test
    void theTemplateHasTheChineseHeadersAndTheAllowedValuesAndImportsOnceFilled() throws IOException {
        byte[] template = http().download("/api/imports/members/template");
        byte[] filled;
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(template)); var out = new ByteArrayOutputStream()) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("党员名册导入模板（importer 导出，");
            List<String> headers = new ArrayList<>();
            sheet.getRow(1).forEach(cell -> headers.add(cell.getStringCellValue()));
            assertThat(headers.subList(0, RosterFile.HEADERS.size())).isEqualTo(RosterFile.HEADERS);
            List<String> allowed = new ArrayList<>();
            workbook.getSheet("可选值").forEach(row -> allowed.add(row.getCell(0) + "=" + row.getCell(1)));
            assertThat(allowed).contains(
                    "性别=男（M）、女（F）",
                    "党组织关系所在支部=常青村第一党支部（编号 changqing-1）",
                    "党组织关系所在支部 / 现居住社区=青竹苑党总支（编号 qingzhuyuan）");
            var row = sheet.createRow(2);
            Object[] member = RosterFile.member(600, ORIGIN_BRANCH_NAME);
            for (int c = 0; c < member.length; c++) {
                if (member[c] instanceof LocalDate date) {
                    row.createCell(c).setCellValue(date);
                    row.getCell(c).setCellStyle(sheet.getColumnStyle(c));
                } else if (member[c] != null) {
                    row.createCell(c).setCellValue(member[c].toString());
                }
            }
            workbook.write(out);
            filled = out.toByteArray();
        }

        JsonNode report = commit(http(), filled);

        assertThat(outcomes(report)).containsExactly("REGISTERED");
    }

    @Test
    void aRosterOfTheSubdistrictsSizeImportsWithItsProgressReadableMeanwhile() throws Exception {
        // the study's 1,366 members; -Dimport.rows=20000 measures a city's roster the same way
        int rows = Integer.getInteger("import.rows", 1366);
        RosterFile roster = RosterFile.withHeaders();
        for (int i = 0; i < rows; i++) {
            roster.row(RosterFile.member(10_000 + i, i % 2 == 0 ? ORIGIN_BRANCH_NAME : Subdistrict.RESIDENCE_BRANCH));
        }
        byte[] file = roster.bytes();
        long before = storedEvents();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Http.Reply progress = http().send("GET", "/api/imports/imp-size", null);
                if (progress.status() == 200) {
                    seen.add(progress.json().get("status").asString() + ":" + progress.json().get("done").asInt());
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        });
        watcher.start();
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = process.getProcessCpuTime();
        long started = System.nanoTime();

        JsonNode report = commit(http(), file, "&importId=imp-size");

        // the wall time on a shared machine says little; the process's CPU time says what the import costs
        System.out.printf("roster import: %d rows in %.1f s, %.1f s of CPU (the test JVM: command side and client)%n",
                rows, (System.nanoTime() - started) / 1e9, (process.getProcessCpuTime() - cpu) / 1e9);
        watcher.interrupt();
        watcher.join();
        assertThat(report.get("counts").get("REGISTERED").asInt()).isEqualTo(rows);
        assertThat(storedEvents()).isEqualTo(before + rows);
        assertThat(seen).anyMatch(view -> view.startsWith("RUNNING:") && !view.equals("RUNNING:0"));
        JsonNode finished = http().send("GET", "/api/imports/imp-size", null).json();
        assertThat(finished.get("status").asString()).isEqualTo("FINISHED");
        assertThat(finished.get("done").asInt()).isEqualTo(rows);
        assertThat(finished.get("startedBy").asString()).isEqualTo("importer");
        assertThat(http().send("GET", "/api/imports/imp-unknown", null).status()).isEqualTo(404);
    }

    @Test
    void anInterruptedImportIsResumedBySendingTheWholeFileAgain() {
        RosterFile firstPart = RosterFile.withHeaders();
        RosterFile whole = RosterFile.withHeaders();
        for (int i = 0; i < 40; i++) {
            Object[] row = RosterFile.member(700 + i, ORIGIN_BRANCH_NAME);
            whole.row(row);
            if (i < 25) {
                firstPart.row(row);
            }
        }
        commit(http(), firstPart.bytes(), "");
        long before = storedEvents();

        JsonNode resumed = commit(http(), whole.bytes(), "");

        assertThat(resumed.get("counts").get("ALREADY_THERE").asInt()).isEqualTo(25);
        assertThat(resumed.get("counts").get("REGISTERED").asInt()).isEqualTo(15);
        assertThat(storedEvents()).isEqualTo(before + 15);
    }

    private Http.Reply assertRefused(String name, byte[] content, int status, String type) {
        long before = storedEvents();
        List<Http.Reply> replies = List.of(http().upload(DRY_RUN, name, content), http().upload(COMMIT, name, content));
        for (Http.Reply reply : replies) {
            assertThat(reply.status()).as(reply.text()).isEqualTo(status);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("type").asString()).isEqualTo("/problems/" + type);
        }
        assertThat(storedEvents()).isEqualTo(before);
        return replies.get(1);
    }

    private static JsonNode commit(Http http, byte[] roster) {
        return commit(http, roster, "");
    }

    private static JsonNode commit(Http http, byte[] roster, String parameters) {
        Http.Reply reply = http.upload(COMMIT + parameters, "名册.xlsx", roster);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("dryRun").asBoolean()).isFalse();
        return reply.json();
    }

    private static List<String> outcomes(JsonNode report) {
        List<String> outcomes = new ArrayList<>();
        report.get("results").forEach(result -> outcomes.add(result.get("outcome").asString()));
        return outcomes;
    }

    private static List<String> problems(JsonNode report) {
        List<String> problems = new ArrayList<>();
        report.get("results").forEach(row -> row.get("problems").forEach(p -> problems.add(p.get("row").asInt() + "|"
                + text(p.get("column")) + "|" + text(p.get("value")) + "|" + p.get("message").asString())));
        return problems;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.asString();
    }
}

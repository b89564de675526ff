package cn.qinglong.dangjian.query.report;

import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.OrganizationalRelationTransferred;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A small subdistrict and its year 2025, with every kind of change, hand-counted: a committee C with a general branch
 * G (branches B1, B2) and a branch B3 directly under it. Business dates decide the year a fact belongs to.
 */
class AnnualReportTest extends QuerySideTest {

    private String p;
    private String c;
    private String g;
    private String b1;
    private String b2;
    private String b3;

    @BeforeEach
    void subdistrict() {
        p = "ar" + UUID.randomUUID().toString().substring(0, 8);
        c = p + "-c";
        g = p + "-c-g";
        b1 = p + "-c-g-b1";
        b2 = p + "-c-g-b2";
        b3 = p + "-c-b3";
        EventLog log = new EventLog().add(
                organization(c, "青龙街道党工委" + p, OrganizationLevel.COMMITTEE, null),
                organization(g, "常青村党总支", OrganizationLevel.GENERAL_BRANCH, c),
                organization(b1, "常青村第一党支部", OrganizationLevel.BRANCH, g),
                organization(b2, "常青村第二党支部", OrganizationLevel.BRANCH, g),
                organization(b3, "紫云苑党支部", OrganizationLevel.BRANCH, c),
                new OrganizationEstablished(id(b1 + "-t"), "过渡期党小组", OrganizationLevel.GROUP, null,
                        GroupKind.TRANSITION, id(b1), LocalDate.of(2010, 1, 1)));
        // m1 stays in B1 all year; 75 on 31 December
        log.add(member("m1", Gender.F, "1950-06-01", b1, EnumSet.of(Category.RETIRED, Category.FARMER),
                ResidenceStatus.ORIGINAL, "2020-01-01"));
        // m2 registered during the year in B1; exactly 35
        log.add(member("m2", Gender.M, "1990-12-31", b1, EnumSet.of(Category.EMPLOYED), ResidenceStatus.URBAN,
                "2025-03-01"));
        // m3 relocated, then transferred from B1 to B2 during the year; exactly 36
        log.add(member("m3", Gender.M, "1989-12-31", b1, EnumSet.of(Category.UNEMPLOYED), ResidenceStatus.ORIGINAL,
                "2019-01-01"),
                new MemberRelocated(mid(p + "m3"), "租住新北区", null, LocalDate.of(2025, 4, 1)),
                new OrganizationalRelationTransferred(mid(p + "m3"), id(b1), id(b2), LocalDate.of(2025, 5, 1)));
        // m4 died during the year in B2
        log.add(member("m4", Gender.F, "1940-01-01", b2, EnumSet.of(Category.RETIRED), ResidenceStatus.ORIGINAL,
                "2018-01-01"),
                new MembershipEnded(mid(p + "m4"), MembershipEndReason.DECEASED, LocalDate.of(2025, 8, 1)));
        // m5 transferred out of the system during the year, from B3
        log.add(member("m5", Gender.M, "1970-01-01", b3, EnumSet.of(Category.FARMER), ResidenceStatus.ORIGINAL,
                "2018-01-01"),
                new MembershipEnded(mid(p + "m5"), MembershipEndReason.TRANSFERRED_OUT, LocalDate.of(2025, 9, 1)));
        // m6 moved from B3 to B1 the year before; exactly 81
        log.add(member("m6", Gender.M, "1944-01-01", b3, EnumSet.of(Category.RETIRED), ResidenceStatus.RESETTLED,
                "2018-01-01"),
                new OrganizationalRelationTransferred(mid(p + "m6"), id(b3), id(b1), LocalDate.of(2024, 6, 1)));
        // m7 registered the next year: not in 2025 at all
        log.add(member("m7", Gender.M, "1980-01-01", b2, EnumSet.of(Category.EMPLOYED), ResidenceStatus.URBAN,
                "2026-01-05"));
        // m8 ends the next year, so is still a member on 31 December; exactly 60
        log.add(member("m8", Gender.F, "1965-01-01", b2, EnumSet.of(Category.FARMER), ResidenceStatus.ORIGINAL,
                "2018-01-01"),
                new MembershipEnded(mid(p + "m8"), MembershipEndReason.OTHER, LocalDate.of(2026, 2, 1)));
        // m9: 55
        log.add(member("m9", Gender.F, "1970-01-01", b2, EnumSet.of(Category.NON_PUBLIC_ENTERPRISE),
                ResidenceStatus.ORIGINAL, "2018-01-01"));
        // m10 died the year before
        log.add(member("m10", Gender.M, "1930-01-01", b1, EnumSet.of(Category.RETIRED), ResidenceStatus.ORIGINAL,
                "2017-01-01"),
                new MembershipEnded(mid(p + "m10"), MembershipEndReason.DECEASED, LocalDate.of(2024, 3, 1)));
        // m11: exactly 61
        log.add(member("m11", Gender.M, "1964-12-31", b3, EnumSet.of(Category.FLOATING), ResidenceStatus.URBAN,
                "2018-01-01"));
        append(log);
    }

    private static OrganizationEstablished organization(String id, String name, OrganizationLevel level, String parent) {
        return new OrganizationEstablished(id(id), name, level, null, null, parent == null ? null : id(parent),
                LocalDate.of(2005, 1, 1));
    }

    private MemberRegistered member(String name, Gender gender, String birthDate, String branch, Set<Category> categories,
                                    ResidenceStatus status, String registeredOn) {
        LocalDate born = LocalDate.parse(birthDate);
        return new MemberRegistered(mid(p + name), name, gender, born, born.plusYears(25), id(branch), categories,
                new Residence(status, null, null), null, LocalDate.parse(registeredOn));
    }

    @Test
    void theYearsFiguresAreThoseCountedByHandForEveryOrganisationDownToTheBranches() {
        JsonNode report = report("?organizationId=" + c + "&year=2025");

        assertThat(report.get("asOf").asString()).isEqualTo("2025-12-31");
        List<String> rows = new ArrayList<>();
        report.get("organizations").forEach(row -> rows.add(row.get("organizationId").asString() + "@"
                + row.get("depth").asInt()));
        assertThat(rows).containsExactly(c + "@0", b3 + "@1", g + "@1", b1 + "@2", b2 + "@2");

        assertFigures(row(report, b1), 3, 3, 1, 0, 1, Map.of(), "1,0,0,0,0,1,1", "2,1");
        assertThat(row(report, b1).get("byCategory").toString())
                .isEqualTo("{\"RETIRED\":2,\"EMPLOYED\":1,\"UNEMPLOYED\":0,\"FARMER\":1,\"NON_PUBLIC_ENTERPRISE\":0,"
                        + "\"NEW_ORGANIZATION\":0,\"FLOATING\":0}");
        assertThat(row(report, b1).get("byResidence").toString())
                .isEqualTo("{\"ORIGINAL\":1,\"TRANSITION\":0,\"RESETTLED\":1,\"URBAN\":1}");
        assertFigures(row(report, b2), 3, 3, 0, 1, 0, Map.of("DECEASED", 1), "0,1,1,1,0,0,0", "1,2");
        assertThat(row(report, b2).get("byResidence").toString())
                .isEqualTo("{\"ORIGINAL\":2,\"TRANSITION\":1,\"RESETTLED\":0,\"URBAN\":0}");
        assertFigures(row(report, b3), 2, 1, 0, 0, 0, Map.of("TRANSFERRED_OUT", 1), "0,0,0,0,1,0,0", "1,0");
        assertFigures(row(report, g), 6, 6, 1, 1, 1, Map.of("DECEASED", 1), "1,1,1,1,0,1,1", "3,3");
        assertFigures(row(report, c), 8, 7, 1, 1, 1, Map.of("DECEASED", 1, "TRANSFERRED_OUT", 1), "1,1,1,1,1,1,1",
                "4,3");
    }

    @Test
    void everyOrganisationsFiguresAreTheSumOfItsChildrensAndBalanceOverTheYear() {
        JsonNode report = report("?organizationId=" + c + "&year=2025");
        Map<String, List<String>> children = Map.of(c, List.of(g, b3), g, List.of(b1, b2));
        children.forEach((parent, kids) -> {
            List<Long> sum = null;
            for (String kid : kids) {
                List<Long> figures = numbers(row(report, kid));
                sum = sum == null ? figures : add(sum, figures);
            }
            assertThat(numbers(row(report, parent))).as(parent).isEqualTo(sum);
        });
        report.get("organizations").forEach(row -> {
            int ended = 0;
            for (JsonNode n : row.get("ended")) {
                ended += n.asInt();
            }
            assertThat(row.get("startOfYear").asInt() + row.get("registered").asInt() + row.get("transferredIn").asInt()
                    - row.get("transferredOut").asInt() - ended).as(row.get("organizationId").asString())
                    .isEqualTo(row.get("endOfYear").asInt());
            int banded = 0;
            for (JsonNode n : row.get("byAgeBand")) {
                banded += n.asInt();
            }
            assertThat(banded).isEqualTo(row.get("endOfYear").asInt());
        });
    }

    @Test
    void aPastYearsReportPinnedToItsPositionComesOutTheSameAfterLaterAndBackDatedFacts() {
        JsonNode first = report("?organizationId=" + c + "&year=2025");
        long position = first.get("position").asLong();

        append(new EventLog().add(
                member("late", Gender.F, "1980-01-01", b2, EnumSet.of(Category.EMPLOYED), ResidenceStatus.URBAN,
                        "2025-06-01"),
                member("next", Gender.M, "1985-01-01", b2, EnumSet.of(Category.EMPLOYED), ResidenceStatus.URBAN,
                        "2026-01-02")));

        JsonNode again = report("?organizationId=" + c + "&year=2025&position=" + position);
        assertThat(again.get("organizations")).isEqualTo(first.get("organizations"));
        assertThat(again.get("position").asLong()).isEqualTo(position);
        JsonNode latest = report("?organizationId=" + c + "&year=2025");
        assertThat(row(latest, b2).get("endOfYear").asInt()).isEqualTo(4);
        assertThat(row(latest, b2).get("registered").asInt()).isEqualTo(1);
    }

    @Test
    void theReportOpensAsAWorkbookWithATitleRowChineseHeadersNamesBeforeIdsAndRatesAsPercentages() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(query.base() + "/reports/annual?organizationId=" + c + "&year=2025&format=xlsx"))
                .header("Authorization", query.authorization()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .isEqualTo(AnnualReportController.XLSX);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
                    .startsWith("2025年党内统计年报 · 青龙街道党工委" + p + " · 截至 2025-12-31 · ")
                    .contains(" 导出于 ");
            List<String> headers = new ArrayList<>();
            sheet.getRow(1).forEach(cell -> headers.add(cell.getStringCellValue()));
            assertThat(headers).startsWith("党组织", "层级", "年初党员", "年末党员", "35岁及以下").contains("女党员占比",
                    "离退休", "返迁过渡期", "组织关系转入", "减少：去世").endsWith("党组织编号");
            Row committee = sheet.getRow(2);
            assertThat(committee.getCell(0).getStringCellValue()).isEqualTo("青龙街道党工委" + p);
            assertThat(committee.getCell(headers.size() - 1).getStringCellValue()).isEqualTo(c);
            assertThat(committee.getCell(3).getNumericCellValue()).isEqualTo(7);
            var share = committee.getCell(headers.indexOf("女党员占比"));
            assertThat(share.getNumericCellValue()).isEqualTo(3.0 / 7);
            assertThat(share.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(sheet.getRow(5).getCell(0).getStringCellValue()).isEqualTo("　　常青村第一党支部");
        }
    }

    @Test
    void anUnknownOrganisationIsA404AndAYearNotYetBegunA400() {
        assertThat(query.get("/reports/annual?organizationId=" + p + "-nowhere&year=2025").status()).isEqualTo(404);
        assertThat(query.get("/reports/annual?organizationId=" + c + "&year=" + (LocalDate.now().getYear() + 1))
                .status()).isEqualTo(400);
        assertThat(query.get("/reports/annual?organizationId=" + c + "&year=" + LocalDate.now().getYear()).status())
                .isEqualTo(200);
        assertThat(new Http(query.base()).as("BRANCH_SECRETARY", b1).get("/reports/annual?year=2025").status())
                .isEqualTo(403);
    }

    private JsonNode report(String parameters) {
        Http.Response response = query.get("/reports/annual" + parameters);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode row(JsonNode report, String organizationId) {
        for (JsonNode row : report.get("organizations")) {
            if (row.get("organizationId").asString().equals(organizationId)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + organizationId);
    }

    private static void assertFigures(JsonNode row, int start, int end, int registered, int in, int out,
                                      Map<String, Integer> ended, String ageBands, String menWomen) {
        String id = row.get("organizationId").asString();
        assertThat(row.get("startOfYear").asInt()).as(id + " start").isEqualTo(start);
        assertThat(row.get("endOfYear").asInt()).as(id + " end").isEqualTo(end);
        assertThat(row.get("registered").asInt()).as(id + " registered").isEqualTo(registered);
        assertThat(row.get("transferredIn").asInt()).as(id + " in").isEqualTo(in);
        assertThat(row.get("transferredOut").asInt()).as(id + " out").isEqualTo(out);
        for (MembershipEndReason reason : MembershipEndReason.values()) {
            assertThat(row.get("ended").get(reason.name()).asInt()).as(id + " " + reason)
                    .isEqualTo(ended.getOrDefault(reason.name(), 0));
        }
        List<String> bands = new ArrayList<>();
        row.get("byAgeBand").forEach(n -> bands.add(n.asString()));
        assertThat(String.join(",", bands)).as(id + " age bands").isEqualTo(ageBands);
        assertThat(row.get("byGender").get("M").asInt() + "," + row.get("byGender").get("F").asInt())
                .as(id + " men, women").isEqualTo(menWomen);
    }

    /** Every count of a row, in a fixed order. */
    private static List<Long> numbers(JsonNode row) {
        List<Long> numbers = new ArrayList<>();
        for (String field : List.of("startOfYear", "endOfYear", "registered", "transferredIn", "transferredOut")) {
            numbers.add(row.get(field).asLong());
        }
        for (String map : List.of("byAgeBand", "byGender", "byCategory", "byResidence", "ended")) {
            for (Iterator<JsonNode> values = row.get(map).values().iterator(); values.hasNext(); ) {
                numbers.add(values.next().asLong());
            }
        }
        return numbers;
    }

    private static List<Long> add(List<Long> a, List<Long> b) {
        List<Long> sum = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            sum.add(a.get(i) + b.get(i));
        }
        return sum;
    }
}

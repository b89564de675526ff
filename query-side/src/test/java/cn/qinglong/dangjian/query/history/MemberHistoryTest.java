package cn.qinglong.dangjian.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MemberHistoryTest extends HistoryTestSupport {

    private static final String ACTOR = "secretary.wang";
    private static final List<String> EVERY_MEMBER_EVENT = List.of("MemberRegistered", "ContactCardUpdated",
            "StudyModeAssigned", "MemberAttendedStudyDay", "StudyAbsenceExcused", "MemberRelocated",
            "MemberJoinedTransitionGroup", "MemberLeftTransitionGroup", "MemberJoinedTransitionGroup",
            "CareNeedsRecorded", "MemberVisitedByHelper", "DuesPaid", "ContactLost", "ContactRestored",
            "HouseholdsLinked", "VanguardActivityRecorded", "EvaluationRecorded",
            "MemberTransferredToResettlementCommunity", "MemberLeftTransitionGroup", "DualManagementEstablished",
            "OrganizationalRelationTransferred", "DualManagementEnded", "MembershipEnded");

    private static String villageBranch;
    private static String fullLife;

    /** One member taken through every kind of fact, by real HTTP commands, shared by the read-only tests. */
    @BeforeAll
    static void aMemberWithEveryKindOfFact() {
        if (fullLife != null) {
            return;
        }
        String committee = organization("青龙街道党工委", "COMMITTEE", null, null, null);
        String village = organization("东风村党总支", "GENERAL_BRANCH", "RELOCATING_VILLAGE", null, committee);
        villageBranch = organization("东风村第一党支部", "BRANCH", null, null, village);
        String transitionGroup = organization("东风村拆迁过渡期党小组", "GROUP", null, "TRANSITION", villageBranch);
        String community = organization("青龙苑北区党总支", "GENERAL_BRANCH", "RESETTLEMENT_COMMUNITY", null, committee);
        String residenceBranch = organization("青龙苑北区第二党支部", "BRANCH", null, null, community);
        String buildingGroup = organization("12幢楼栋党小组", "GROUP", null, "BUILDING", residenceBranch);
        String january = studyDay(villageBranch, "2025-01-10");
        String february = studyDay(villageBranch, "2025-02-10");

        String m = registerMember("王秀英", villageBranch, "2025-01-02", ACTOR);
        fullLife = m;
        String base = "/members/" + m;
        int[] request = {0};
        java.util.function.BiConsumer<String, String[]> send = (pathAndMethod, body) -> {
            String[] parts = pathAndMethod.split(" ");
            command(parts[0], base + parts[1], body[0], ACTOR, "req-" + ++request[0]);
        };
        send.accept("PUT /contact-card", new String[]{"""
                {"whereabouts": "常州市天宁区", "phone": "13900000000", "housing": "租房", "ideology": "稳定",
                 "employment": "退休", "family": "与女儿同住", "verifiedOn": "2025-01-05"}"""});
        send.accept("PUT /study-mode", new String[]{"""
                {"mode": "HOME_DELIVERY", "reason": "行动不便", "assignedOn": "2025-01-06"}"""});
        send.accept("POST /attendance", new String[]{"""
                {"studyDayId": "%s", "mode": "NEARBY", "attendedOn": "2025-01-10"}""".formatted(january)});
        send.accept("POST /excused-absence", new String[]{"""
                {"studyDayId": "%s", "reason": "住院", "excusedOn": "2025-02-09"}""".formatted(february)});
        send.accept("POST /relocation", new String[]{"""
                {"transitionAddress": "丽华新村3幢201", "relocatedOn": "2025-03-01"}"""});
        send.accept("POST /transition-group", new String[]{"""
                {"groupId": "%s", "joinedOn": "2025-03-05"}""".formatted(transitionGroup)});
        send.accept("POST /transition-group/leave", new String[]{"""
                {"leftOn": "2025-04-01", "reason": "暂住外地"}"""});
        send.accept("POST /transition-group", new String[]{"""
                {"groupId": "%s", "joinedOn": "2025-04-10"}""".formatted(transitionGroup)});
        send.accept("PUT /care-needs", new String[]{"""
                {"needs": ["ELDERLY", "FRAIL"], "recordedOn": "2025-04-15"}"""});
        send.accept("POST /care-visits", new String[]{"""
                {"helperName": "李书记", "kind": "CARE_VISIT", "visitedOn": "2025-04-20",
                 "notes": "她说: \\"一切都好\\", 送了米和油"}"""});
        send.accept("POST /dues", new String[]{"""
                {"period": "2025-05", "amountFen": 200, "paidOn": "2025-05-03"}"""});
        send.accept("POST /contact-lost", new String[]{"""
                {"since": "2025-06-01", "lastKnown": "去了女儿家"}"""});
        send.accept("POST /contact-restored", new String[]{"""
                {"restoredOn": "2025-06-20"}"""});
        send.accept("POST /households", new String[]{"""
                {"households": ["丽华新村3幢202", "丽华新村3幢203"], "linkedOn": "2025-07-01"}"""});
        send.accept("POST /vanguard-activities", new String[]{"""
                {"kind": "POLICY_PROPAGANDA", "date": "2025-07-15", "description": "宣讲拆迁安置政策"}"""});
        send.accept("POST /evaluations", new String[]{"""
                {"period": "2025-H1", "rating": "EXCELLENT", "evaluatedOn": "2025-07-30"}"""});
        send.accept("POST /resettlement", new String[]{"""
                {"communityId": "%s", "residenceBranchId": "%s", "buildingGroupId": "%s",
                 "movedInOn": "2025-09-01", "transferRelation": false}"""
                .formatted(community, residenceBranch, buildingGroup)});
        send.accept("POST /relation-transfer", new String[]{"""
                {"toBranchId": "%s", "transferredOn": "2025-10-01"}""".formatted(residenceBranch)});
        send.accept("POST /membership-end", new String[]{"""
                {"reason": "DECEASED", "endedOn": "2025-11-01"}"""});
    }

    private static String studyDay(String branchId, String date) {
        String id = "s-" + java.util.UUID.randomUUID();
        command("POST", "/study-days", """
                {"studyDayId": "%s", "branchId": "%s", "date": "%s", "topic": "主题党日", "modes": ["NEARBY", "ONLINE"]}"""
                .formatted(id, branchId, date), "setup", "setup-" + id);
        return id;
    }

    @Test
    void the_history_lists_every_kind_of_member_fact_in_order_with_who_recorded_it_and_why() {
        JsonNode answer = getJson("/members/" + fullLife + "/history");

        assertThat(answer.get("total").asLong()).isEqualTo(EVERY_MEMBER_EVENT.size());
        assertThat(answer.get("page").asInt()).isZero();
        assertThat(answer.get("size").asInt()).isEqualTo(100);
        List<JsonNode> items = StreamSupport.stream(answer.get("items").spliterator(), false).toList();
        assertThat(items).extracting(item -> item.get("type").asString()).containsExactlyElementsOf(EVERY_MEMBER_EVENT);
        assertThat(items).extracting(item -> item.get("sequence").asLong())
                .containsExactlyElementsOf(IntStream.range(0, EVERY_MEMBER_EVENT.size()).mapToObj(Long::valueOf).toList());
        assertThat(items).allSatisfy(item -> {
            assertThat(item.get("recordedBy").asString()).isEqualTo(ACTOR);
            assertThat(item.get("correlationId").asString()).isNotBlank();
            assertThat(item.get("metadata").get("correlationId").asString()).isEqualTo(item.get("correlationId").asString());
            assertThat(item.get("metadata").get("chainHash").asString()).matches("[0-9a-f]{64}");
            assertThat(Instant.parse(item.get("recordedAt").asString())).isBefore(Instant.now().plusSeconds(1));
        });

        JsonNode registered = items.get(0);
        assertThat(registered.get("occurredAt").asString()).isEqualTo("2025-01-02");
        assertThat(registered.get("requestId").asString()).isEqualTo("register-" + fullLife);
        assertThat(registered.get("payload").get("name").asString()).isEqualTo("王秀英");
        assertThat(registered.get("revision").asString()).isEqualTo("1");
        // one resettlement command caused three facts: they share the command's correlation and request id
        List<JsonNode> resettlement = items.subList(17, 20);
        assertThat(resettlement).extracting(item -> item.get("correlationId").asString()).containsOnly(
                resettlement.get(0).get("correlationId").asString());
        assertThat(resettlement).extracting(item -> item.get("requestId").asString()).containsOnly("req-17");
        assertThat(items.get(22).get("occurredAt").asString()).isEqualTo("2025-11-01");
    }

    @Test
    void a_page_of_the_history_holds_the_events_from_page_times_size_on() {
        JsonNode answer = getJson("/members/" + fullLife + "/history?page=2&size=5");

        assertThat(answer.get("total").asLong()).isEqualTo(EVERY_MEMBER_EVENT.size());
        assertThat(answer.get("items")).extracting(item -> item.get("sequence").asLong())
                .containsExactly(10L, 11L, 12L, 13L, 14L);
    }

    @Test
    void the_csv_export_has_a_byte_order_mark_a_header_and_one_row_per_event_with_chinese_text_intact() {
        var response = get("/members/" + fullLife + "/history", "text/csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv").containsIgnoringCase("charset=UTF-8"));
        byte[] body = response.body();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = Csv.parse(new String(body, 3, body.length - 3, StandardCharsets.UTF_8));
        assertThat(rows.get(0)).containsExactlyElementsOf(HistoryCsv.HEADER);
        assertThat(rows).hasSize(1 + EVERY_MEMBER_EVENT.size());
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(row).hasSize(HistoryCsv.HEADER.size()));
        assertThat(rows.subList(1, rows.size())).extracting(row -> row.get(1)).containsExactlyElementsOf(EVERY_MEMBER_EVENT);
        assertThat(rows.get(1).get(4)).isEqualTo(ACTOR);
        assertThat(JSON.readTree(rows.get(1).get(11)).get("name").asString()).isEqualTo("王秀英");
        // the visit's notes hold a comma and quotes: the cell survives quoting
        assertThat(JSON.readTree(rows.get(11).get(11)).get("notes").asString()).isEqualTo("她说: \"一切都好\", 送了米和油");
    }

    @Test
    void the_chain_of_an_untouched_history_verifies() {
        JsonNode verification = getJson("/members/" + fullLife + "/history/verify");

        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(EVERY_MEMBER_EVENT.size());
        assertThat(verification.has("brokenAtSequence")).isFalse();
        assertThat(verification.get("headHash").asString()).matches("[0-9a-f]{64}");
    }

    /** docs/auditors.md tells auditors how to recompute the hash by hand; this follows it with a bare MessageDigest. */
    @Test
    void each_stored_hash_is_the_sha256_of_the_documented_bytes_read_straight_from_the_table() throws Exception {
        String previous = "0".repeat(64);
        int checked = 0;
        try (Connection connection = Services.DATABASE.connect();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT aggregateIdentifier, sequenceNumber, payloadType, payloadRevision, timeStamp, payload, metaData
                     FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber""")) {
            select.setString(1, fullLife);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String metaData = new String(row.getBytes(7), StandardCharsets.UTF_8);
                    String stored = JSON.readTree(metaData).get("chainHash").asString();
                    String hashedMetaData = metaData.replace(",\"chainHash\":\"" + stored + "\"", "");
                    var digest = MessageDigest.getInstance("SHA-256");
                    digest.update((previous + "\n" + row.getString(1) + "\n" + row.getLong(2) + "\n" + row.getString(3)
                            + "\n" + row.getString(4) + "\n" + row.getString(5) + "\n").getBytes(StandardCharsets.UTF_8));
                    digest.update(row.getBytes(6));
                    digest.update("\n".getBytes(StandardCharsets.UTF_8));
                    digest.update(hashedMetaData.getBytes(StandardCharsets.UTF_8));

                    assertThat(HexFormat.of().formatHex(digest.digest())).as("event %d", row.getLong(2)).isEqualTo(stored);
                    assertThat(metaData).endsWith(",\"chainHash\":\"" + stored + "\"}");
                    previous = stored;
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(EVERY_MEMBER_EVENT.size());
    }

    @Test
    void one_altered_payload_byte_breaks_the_chain_at_that_event_and_restoring_it_mends_it() throws Exception {
        String member = registerMember("张建国", villageBranch, "2025-01-03", ACTOR);
        command("POST", "/members/" + member + "/dues", """
                {"period": "2025-01", "amountFen": 100, "paidOn": "2025-01-04"}""", ACTOR, "dues-1");
        command("POST", "/members/" + member + "/dues", """
                {"period": "2025-02", "amountFen": 100, "paidOn": "2025-02-04"}""", ACTOR, "dues-2");
        byte[] original = payload(member, 1);
        byte[] altered = original.clone();
        int digit = new String(original, StandardCharsets.ISO_8859_1).indexOf("\"amountFen\":100") + "\"amountFen\":".length();
        altered[digit] = '9';

        writePayload(member, 1, altered);
        JsonNode broken = getJson("/members/" + member + "/history/verify");
        writePayload(member, 1, original);
        JsonNode mended = getJson("/members/" + member + "/history/verify");

        assertThat(broken.get("valid").asBoolean()).isFalse();
        assertThat(broken.get("brokenAtSequence").asLong()).isEqualTo(1);
        assertThat(broken.get("checked").asLong()).isEqualTo(2);
        assertThat(mended.get("valid").asBoolean()).isTrue();
        assertThat(mended.get("checked").asLong()).isEqualTo(3);
    }

    /** Axon stamps events with its own static clock; moving it lets the test record facts on chosen days. */
    @Test
    void as_of_a_date_between_two_events_gives_the_state_before_the_second() {
        String member = at("2025-03-01T02:00:00Z", () -> registerMember("陈桂兰", villageBranch, "2025-03-01", ACTOR));
        at("2025-03-05T02:00:00Z", () -> command("POST", "/members/" + member + "/relocation", """
                {"transitionAddress": "丽华新村5幢101", "relocatedOn": "2025-03-04"}""", ACTOR, "relocate"));

        JsonNode before = getJson("/members/" + member + "/history?asOf=2025-03-03");
        JsonNode after = getJson("/members/" + member + "/history?asOf=2025-03-05");
        byte[] csvBefore = get("/members/" + member + "/history?asOf=2025-03-03", "text/csv").body();

        assertThat(before.get("total").asLong()).isEqualTo(1);
        assertThat(before.get("items")).extracting(item -> item.get("type").asString()).containsExactly("MemberRegistered");
        assertThat(before.get("asOf").asString()).isEqualTo("2025-03-03T15:59:59.999999999Z");
        assertThat(before.get("state").get("residence").get("status").asString()).isEqualTo("ORIGINAL");
        assertThat(before.get("state").get("name").asString()).isEqualTo("陈桂兰");
        assertThat(before.get("state").get("version").asLong()).isZero();
        assertThat(Csv.parse(new String(csvBefore, 3, csvBefore.length - 3, StandardCharsets.UTF_8)))
                .extracting(row -> row.get(1)).containsExactly("type", "MemberRegistered");
        assertThat(after.get("total").asLong()).isEqualTo(2);
        assertThat(after.get("state").get("residence").get("status").asString()).isEqualTo("TRANSITION");
        assertThat(after.get("state").get("version").asLong()).isEqualTo(1);
    }

    @Test
    void as_of_a_date_is_the_end_of_that_day_in_the_service_zone_and_an_instant_is_exact() {
        // 2025-03-01T17:00Z is already 2 March in Shanghai
        String member = at("2025-03-01T17:00:00Z", () -> registerMember("刘志强", villageBranch, "2025-03-01", ACTOR));

        JsonNode firstOfMarch = getJson("/members/" + member + "/history?asOf=2025-03-01");
        JsonNode secondOfMarch = getJson("/members/" + member + "/history?asOf=2025-03-02");
        JsonNode theInstant = getJson("/members/" + member + "/history?asOf=2025-03-01T17:00:00Z");
        JsonNode justBefore = getJson("/members/" + member + "/history?asOf=2025-03-02T00:59:59%2B08:00");

        assertThat(firstOfMarch.get("total").asLong()).isZero();
        assertThat(firstOfMarch.has("state")).isFalse();
        assertThat(secondOfMarch.get("total").asLong()).isEqualTo(1);
        assertThat(theInstant.get("total").asLong()).isEqualTo(1);
        assertThat(theInstant.get("items").get(0).get("recordedAt").asString()).isEqualTo("2025-03-01T17:00:00Z");
        assertThat(justBefore.get("total").asLong()).isZero();
    }

    @Test
    void invalid_parameters_are_refused_with_a_problem_naming_them() {
        String history = "/members/" + fullLife + "/history";
        assertProblem(get(history + "?asOf=2025-02-30", null), 400, "asOf");
        assertProblem(get(history + "?asOf=yesterday", "text/csv"), 400, "asOf");
        assertProblem(get(history + "?page=-1", null), 400, "page");
        assertProblem(get(history + "?page=first", null), 400, "page");
        assertProblem(get(history + "?size=1001", null), 400, "size");
        assertProblem(get(history + "?size=0", null), 400, "size");
        assertProblem(get("/members/bad%20id/history", null), 400, "id");
    }

    @Test
    void an_unknown_member_or_another_kind_of_stream_is_not_found() {
        assertProblem(get("/members/m-nobody/history", null), 404, null);
        assertProblem(get("/members/m-nobody/history/verify", null), 404, null);
        assertProblem(get("/members/m-nobody/history", "text/csv"), 404, null);
        assertProblem(get("/members/" + villageBranch + "/history", null), 404, null);
    }

    @Test
    void a_client_that_accepts_neither_json_nor_csv_gets_406() {
        assertProblem(get("/members/" + fullLife + "/history", "application/xml"), 406, null);
    }

    private static void assertProblem(java.net.http.HttpResponse<byte[]> response, int status, String field) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("/problems/");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(body).doesNotContain("Exception").doesNotContain("at cn.");
        if (field != null) {
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
            assertThat(problem.get("errors").get(0).get("message").asString()).isNotBlank();
        }
    }

    private static byte[] payload(String member, long sequence) throws Exception {
        try (Connection connection = Services.DATABASE.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            select.setString(1, member);
            select.setLong(2, sequence);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }

    private static void writePayload(String member, long sequence, byte[] payload) throws Exception {
        try (Connection connection = Services.DATABASE.connect();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            update.setBytes(1, payload);
            update.setString(2, member);
            update.setLong(3, sequence);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** A strict RFC 4180 reader, so the test does not trust the writer's own idea of quoting. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    cell.append(c);
                }
            }
            assertThat(quoted).as("unterminated quote").isFalse();
            assertThat(cell.length() == 0 && row.isEmpty()).as("the last row ends with CRLF").isTrue();
            return rows;
        }
    }
}

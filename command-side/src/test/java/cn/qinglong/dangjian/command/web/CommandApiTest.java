package cn.qinglong.dangjian.command.web;

import static cn.qinglong.dangjian.command.web.Subdistrict.BUILDING_GROUP;
import static cn.qinglong.dangjian.command.web.Subdistrict.COMMUNITY;
import static cn.qinglong.dangjian.command.web.Subdistrict.ORIGIN_BRANCH;
import static cn.qinglong.dangjian.command.web.Subdistrict.VILLAGE;
import static cn.qinglong.dangjian.command.web.Subdistrict.RESIDENCE_BRANCH;
import static cn.qinglong.dangjian.command.web.Subdistrict.STUDY_DAY;
import static cn.qinglong.dangjian.command.web.Subdistrict.TRANSITION_GROUP;
import static cn.qinglong.dangjian.command.web.Subdistrict.VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.command.organization.Occupants;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every command endpoint of docs/commands.md over real HTTP: success, each kind of malformed input, 404, 409 on a stale
 * If-Match and 422 on a broken rule — and for every refusal, proof that the event store holds no new event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandApiTest extends EventStoreBackedTest {

    enum Target { MEMBER, ORGANIZATION, STUDY_DAY, CREATION }

    record Step(String method, String path, String body) {
    }

    /** {@code ruleSetup}: extra steps, run only before the broken-rule request, that make it break a rule. */
    record Endpoint(String name, Target target, String method, String path, List<Step> setup, String valid,
                    String breaksRule, String expectedEvent, List<Step> ruleSetup) {

        Endpoint(String name, Target target, String method, String path, List<Step> setup, String valid,
                 String breaksRule, String expectedEvent) {
            this(name, target, method, path, setup, valid, breaksRule, expectedEvent, List.of());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Step relocation() {
        return new Step("POST", "/api/members/{id}/relocation", """
                {"transitionAddress":"天宁区红梅新村5幢","relocatedOn":"2019-05-01"}""");
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("register", Target.CREATION, "POST", "/api/members", List.of(),
                        Subdistrict.registration("{id}"),
                        Subdistrict.registration("{id}").replace("\"joinedPartyOn\":\"1972-07-01\"", "\"joinedPartyOn\":\"1950-07-01\""),
                        "MemberRegistered"),
                new Endpoint("contact card", Target.MEMBER, "PUT", "/api/members/{id}/contact-card", List.of(), """
                        {"whereabouts":"红梅新村","phone":"13800000000","housing":"租房","ideology":"稳定","employment":"退休",
                         "family":"与老伴同住","verifiedOn":"2026-10-01"}""", """
                        {"whereabouts":"红梅新村","phone":"13800000000","housing":"租房","ideology":"稳定","employment":"退休",
                         "family":"与老伴同住","verifiedOn":"2099-10-01"}""", "ContactCardUpdated"),
                new Endpoint("relocation", Target.MEMBER, "POST", "/api/members/{id}/relocation", List.of(),
                        relocation().body(), """
                        {"transitionAddress":"天宁区红梅新村5幢","relocatedOn":"2099-05-01"}""", "MemberRelocated"),
                new Endpoint("join group", Target.MEMBER, "POST", "/api/members/{id}/transition-group", List.of(relocation()),
                        "{\"groupId\":\"" + TRANSITION_GROUP + "\",\"joinedOn\":\"2019-06-01\"}",
                        "{\"groupId\":\"" + BUILDING_GROUP + "\",\"joinedOn\":\"2019-06-01\"}", "MemberJoinedTransitionGroup"),
                new Endpoint("leave group", Target.MEMBER, "POST", "/api/members/{id}/transition-group/leave",
                        List.of(relocation(), new Step("POST", "/api/members/{id}/transition-group",
                                "{\"groupId\":\"" + TRANSITION_GROUP + "\",\"joinedOn\":\"2019-06-01\"}")),
                        "{\"leftOn\":\"2020-01-01\",\"reason\":\"搬往外地\"}", "{\"leftOn\":\"2099-01-01\",\"reason\":\"搬往外地\"}",
                        "MemberLeftTransitionGroup"),
                new Endpoint("study mode", Target.MEMBER, "PUT", "/api/members/{id}/study-mode", List.of(),
                        "{\"mode\":\"HOME_DELIVERY\",\"reason\":\"行动不便\",\"assignedOn\":\"2026-11-01\"}",
                        "{\"mode\":\"HOME_DELIVERY\",\"reason\":\"行动不便\",\"assignedOn\":\"2099-11-01\"}", "StudyModeAssigned"),
                new Endpoint("attendance", Target.MEMBER, "POST", "/api/members/{id}/attendance", List.of(),
                        "{\"studyDayId\":\"" + STUDY_DAY + "\",\"mode\":\"NEARBY\",\"attendedOn\":\"2026-11-10\"}",
                        "{\"studyDayId\":\"" + STUDY_DAY + "\",\"mode\":\"HOME_DELIVERY\",\"attendedOn\":\"2026-11-10\"}",
                        "MemberAttendedStudyDay"),
                new Endpoint("excused absence", Target.MEMBER, "POST", "/api/members/{id}/excused-absence", List.of(),
                        "{\"studyDayId\":\"" + STUDY_DAY + "\",\"reason\":\"住院\",\"excusedOn\":\"2026-11-09\"}",
                        "{\"studyDayId\":\"" + STUDY_DAY + "\",\"reason\":\"住院\",\"excusedOn\":\"2099-11-09\"}",
                        "StudyAbsenceExcused"),
                new Endpoint("follow-up", Target.MEMBER, "POST", "/api/members/{id}/follow-ups", List.of(),
                        "{\"studyDayId\":\"" + STUDY_DAY + "\",\"helperName\":\"王芳\",\"method\":\"VISIT\",\"followedUpOn\":\"2026-11-12\",\"notes\":\"病后在家\"}",
                        "{\"studyDayId\":\"" + STUDY_DAY + "\",\"helperName\":\"王芳\",\"method\":\"VISIT\",\"followedUpOn\":\"2026-11-01\"}",
                        "StudyFollowedUp"),
                new Endpoint("make-up study", Target.MEMBER, "POST", "/api/members/{id}/make-up-studies", List.of(),
                        "{\"studyDayId\":\"" + STUDY_DAY + "\",\"mode\":\"ONLINE\",\"madeUpOn\":\"2026-11-12\"}",
                        "{\"studyDayId\":\"" + STUDY_DAY + "\",\"mode\":\"NEARBY\",\"madeUpOn\":\"2026-11-12\"}",
                        "StudyMadeUp"),
                new Endpoint("resettlement", Target.MEMBER, "POST", "/api/members/{id}/resettlement", List.of(relocation()),
                        "{\"communityId\":\"" + COMMUNITY + "\",\"residenceBranchId\":\"" + RESIDENCE_BRANCH
                                + "\",\"movedInOn\":\"2026-06-01\",\"transferRelation\":false}",
                        "{\"communityId\":\"" + COMMUNITY + "\",\"residenceBranchId\":\"" + RESIDENCE_BRANCH
                                + "\",\"movedInOn\":\"2099-06-01\",\"transferRelation\":false}",
                        "MemberTransferredToResettlementCommunity"),
                new Endpoint("relation transfer", Target.MEMBER, "POST", "/api/members/{id}/relation-transfer", List.of(),
                        "{\"toBranchId\":\"" + RESIDENCE_BRANCH + "\",\"transferredOn\":\"2026-06-01\"}",
                        "{\"toBranchId\":\"" + ORIGIN_BRANCH + "\",\"transferredOn\":\"2026-06-01\"}",
                        "OrganizationalRelationTransferred"),
                new Endpoint("care needs", Target.MEMBER, "PUT", "/api/members/{id}/care-needs", List.of(),
                        "{\"needs\":[\"FRAIL\",\"EMPTY_NEST\"],\"recordedOn\":\"2026-11-01\"}",
                        "{\"needs\":[\"FRAIL\"],\"recordedOn\":\"2099-11-01\"}", "CareNeedsRecorded"),
                new Endpoint("care visit", Target.MEMBER, "POST", "/api/members/{id}/care-visits", List.of(),
                        "{\"helperName\":\"王芳\",\"kind\":\"CARE_VISIT\",\"visitedOn\":\"2026-11-20\",\"notes\":\"身体尚好\"}",
                        "{\"helperName\":\"王芳\",\"kind\":\"CARE_VISIT\",\"visitedOn\":\"2099-11-20\"}", "MemberVisitedByHelper"),
                new Endpoint("dues", Target.MEMBER, "POST", "/api/members/{id}/dues",
                        List.of(new Step("POST", "/api/members/{id}/dues", "{\"period\":\"2026-09\",\"amountFen\":200,\"paidOn\":\"2026-10-01\"}")),
                        "{\"period\":\"2026-10\",\"amountFen\":200,\"paidOn\":\"2026-11-01\"}",
                        "{\"period\":\"2026-09\",\"amountFen\":200,\"paidOn\":\"2026-11-01\"}", "DuesPaid"),
                new Endpoint("dues standard", Target.MEMBER, "PUT", "/api/members/{id}/dues-standard", List.of(),
                        "{\"amountFen\":200,\"fromPeriod\":\"2026-01\",\"reason\":\"退休党员标准\"}",
                        "{\"amountFen\":-5,\"fromPeriod\":\"2026-01\"}", "DuesStandardSet"),
                new Endpoint("contact lost", Target.MEMBER, "POST", "/api/members/{id}/contact-lost", List.of(),
                        "{\"since\":\"2026-08-01\",\"lastKnown\":\"外出打工\"}", "{\"since\":\"2099-08-01\"}", "ContactLost"),
                new Endpoint("contact restored", Target.MEMBER, "POST", "/api/members/{id}/contact-restored",
                        List.of(new Step("POST", "/api/members/{id}/contact-lost", "{\"since\":\"2026-08-01\"}")),
                        "{\"restoredOn\":\"2026-11-01\"}", "{\"restoredOn\":\"2099-11-01\"}", "ContactRestored"),
                new Endpoint("households", Target.MEMBER, "POST", "/api/members/{id}/households", List.of(),
                        "{\"households\":[\"青竹苑3幢101\",\"青竹苑3幢102\"],\"linkedOn\":\"2026-11-01\"}",
                        "{\"households\":[\"青竹苑3幢101\"],\"linkedOn\":\"2099-11-01\"}", "HouseholdsLinked"),
                new Endpoint("vanguard", Target.MEMBER, "POST", "/api/members/{id}/vanguard-activities", List.of(),
                        "{\"kind\":\"MEDIATION\",\"date\":\"2026-11-02\",\"description\":\"调解邻里纠纷\"}",
                        "{\"kind\":\"MEDIATION\",\"date\":\"2099-11-02\",\"description\":\"调解邻里纠纷\"}", "VanguardActivityRecorded"),
                new Endpoint("evaluation", Target.MEMBER, "POST", "/api/members/{id}/evaluations", List.of(),
                        "{\"period\":\"2025\",\"rating\":\"EXCELLENT\",\"evaluatedOn\":\"2026-01-15\"}",
                        "{\"period\":\"2025\",\"rating\":\"EXCELLENT\",\"evaluatedOn\":\"2099-01-15\"}", "EvaluationRecorded"),
                new Endpoint("membership end", Target.MEMBER, "POST", "/api/members/{id}/membership-end", List.of(),
                        "{\"reason\":\"DECEASED\",\"endedOn\":\"2026-11-01\"}", "{\"reason\":\"DECEASED\",\"endedOn\":\"2099-11-01\"}",
                        "MembershipEnded"),
                new Endpoint("establish organization", Target.CREATION, "POST", "/api/organizations", List.of(),
                        "{\"organizationId\":\"{id}\",\"name\":\"常青村第二党支部\",\"level\":\"BRANCH\",\"parentId\":\"changqing\",\"establishedOn\":\"2010-01-01\"}",
                        "{\"organizationId\":\"{id}\",\"name\":\"常青村党小组\",\"level\":\"GROUP\",\"parentId\":\"changqing\",\"establishedOn\":\"2010-01-01\"}",
                        "OrganizationEstablished"),
                new Endpoint("appoint leader", Target.ORGANIZATION, "POST", "/api/organizations/{id}/leaders", List.of(),
                        "{\"memberId\":\"leader-1\",\"role\":\"SECRETARY\",\"appointedOn\":\"2021-01-01\"}",
                        "{\"memberId\":\"leader-1\",\"role\":\"SECRETARY\",\"appointedOn\":\"2099-01-01\"}", "LeaderAppointed"),
                new Endpoint("dissolve organization", Target.ORGANIZATION, "POST", "/api/organizations/{id}/dissolution", List.of(),
                        "{\"dissolvedOn\":\"2026-01-01\",\"successorId\":\"" + ORIGIN_BRANCH + "\"}",
                        "{\"dissolvedOn\":\"2026-01-01\",\"successorId\":\"{id}\"}", "OrganizationDissolved"),
                new Endpoint("schedule study day", Target.CREATION, "POST", "/api/study-days", List.of(),
                        "{\"studyDayId\":\"{id}\",\"branchId\":\"" + ORIGIN_BRANCH + "\",\"date\":\"2026-12-10\",\"topic\":\"党章学习\",\"modes\":[\"NEARBY\",\"HOME_DELIVERY\"]}",
                        "{\"studyDayId\":\"{id}\",\"branchId\":\"" + TRANSITION_GROUP + "\",\"date\":\"2026-12-10\",\"topic\":\"党章学习\",\"modes\":[\"NEARBY\"]}",
                        "StudyDayScheduled"),
                new Endpoint("cancel study day", Target.STUDY_DAY, "POST", "/api/study-days/{id}/cancellation", List.of(),
                        "{\"reason\":\"台风\",\"cancelledOn\":\"2026-11-01\"}", "{\"reason\":\"台风\",\"cancelledOn\":\"2026-11-01\"}",
                        "StudyDayCancelled",
                        List.of(new Step("POST", "/api/study-days/{id}/cancellation", "{\"reason\":\"台风\",\"cancelledOn\":\"2026-11-01\"}"))),
                new Endpoint("reschedule study day", Target.STUDY_DAY, "POST", "/api/study-days/{id}/rescheduling", List.of(),
                        "{\"date\":\"2026-12-12\",\"reason\":\"与选举冲突\"}", "{\"date\":\"2026-12-10\",\"reason\":\"同一天\"}",
                        "StudyDayRescheduled"),
                new Endpoint("open evaluation round", Target.CREATION, "POST", "/api/evaluation-rounds", List.of(),
                        "{\"roundId\":\"{id}\",\"organizationId\":\"changqing\",\"year\":2026,\"opensOn\":\"2026-11-01\",\"closesOn\":\"2026-11-30\"}",
                        "{\"roundId\":\"{id}\",\"organizationId\":\"changqing\",\"year\":2026,\"opensOn\":\"2026-11-30\",\"closesOn\":\"2026-11-01\"}",
                        "EvaluationRoundOpened"),
                new Endpoint("member rating", Target.MEMBER, "POST", "/api/members/{id}/ratings", List.of(),
                        "{\"roundId\":\"" + ROUND + "\",\"raterKind\":\"SELF\",\"rating\":\"EXCELLENT\",\"ratedOn\":\"2026-11-01\"}",
                        "{\"roundId\":\"" + ROUND + "\",\"raterKind\":\"SELF\",\"rating\":\"EXCELLENT\",\"ratedOn\":\"2025-12-31\"}",
                        "MemberRated"),
                new Endpoint("submit suggestion", Target.CREATION, "POST", "/api/suggestions", List.of(),
                        "{\"suggestionId\":\"{id}\",\"organizationId\":\"changqing\",\"category\":\"GREENING\",\"text\":\"3幢北侧绿地积水\",\"submittedOn\":\"2026-11-02\",\"residentName\":\"李秀英\"}",
                        "{\"suggestionId\":\"{id}\",\"organizationId\":\"changqing\",\"category\":\"GREENING\",\"text\":\"3幢北侧绿地积水\",\"submittedOn\":\"2099-11-02\",\"residentName\":\"李秀英\"}",
                        "SuggestionSubmitted"),
                new Endpoint("issue notice", Target.CREATION, "POST", "/api/notices", List.of(),
                        "{\"noticeId\":\"{id}\",\"organizationId\":\"" + VILLAGE + "\",\"title\":\"主题党日通知\",\"body\":\"村委会三楼\",\"issuedOn\":\"2026-11-01\"}",
                        "{\"noticeId\":\"{id}\",\"organizationId\":\"" + VILLAGE + "\",\"title\":\"主题党日通知\",\"body\":\"村委会三楼\",\"issuedOn\":\"2099-11-01\"}",
                        "NoticeIssued"),
                new Endpoint("notice delivery", Target.MEMBER, "POST", "/api/members/{id}/notice-deliveries", List.of(),
                        "{\"noticeId\":\"" + NOTICE + "\",\"channel\":\"WECHAT\",\"deliveredOn\":\"2026-11-02\"}",
                        "{\"noticeId\":\"" + NOTICE + "\",\"channel\":\"WECHAT\",\"deliveredOn\":\"2026-10-31\"}",
                        "NoticeDelivered"),
                new Endpoint("notice acknowledgement", Target.MEMBER, "POST", "/api/members/{id}/notice-acknowledgements",
                        List.of(new Step("POST", "/api/members/{id}/notice-deliveries",
                                "{\"noticeId\":\"" + NOTICE + "\",\"channel\":\"SMS\",\"deliveredOn\":\"2026-11-02\"}")),
                        "{\"noticeId\":\"" + NOTICE + "\",\"acknowledgedOn\":\"2026-11-03\"}",
                        "{\"noticeId\":\"" + NOTICE + "\",\"acknowledgedOn\":\"2026-11-01\"}",
                        "NoticeAcknowledged"),
                new Endpoint("hold meeting", Target.CREATION, "POST", "/api/meetings", List.of(),
                        "{\"meetingId\":\"{id}\",\"organizationId\":\"" + ORIGIN_BRANCH + "\",\"kind\":\"BRANCH_COMMITTEE\",\"heldOn\":\"2026-11-12\",\"topic\":\"支委会\"}",
                        "{\"meetingId\":\"{id}\",\"organizationId\":\"" + ORIGIN_BRANCH + "\",\"kind\":\"GROUP_MEETING\",\"heldOn\":\"2026-11-12\",\"topic\":\"党小组会\"}",
                        "MeetingHeld"),
                new Endpoint("meeting attendance", Target.MEMBER, "POST", "/api/members/{id}/meeting-attendance", List.of(),
                        "{\"meetingId\":\"" + MEETING + "\",\"attendedOn\":\"2026-11-12\"}",
                        "{\"meetingId\":\"" + MEETING + "\",\"attendedOn\":\"2026-11-13\"}",
                        "MemberAttendedMeeting"),
                new Endpoint("identity display", Target.MEMBER, "POST", "/api/members/{id}/identity-display",
                        List.of(),
                        "{\"displayedOn\":\"2026-07-01\"}",
                        "{\"displayedOn\":\"2026-07-01\",\"buildingGroupId\":\"" + BUILDING_GROUP + "\"}",
                        "IdentityDisplayed"),
                new Endpoint("central household", Target.MEMBER, "POST", "/api/members/{id}/central-household",
                        resettlementElsewhere(),
                        "{\"buildingGroupId\":\"xinfengyuan-b1\",\"households\":12,\"designatedOn\":\"2026-07-01\"}",
                        "{\"buildingGroupId\":\"" + BUILDING_GROUP + "\",\"households\":12,\"designatedOn\":\"2026-07-01\"}",
                        "CentralHouseholdDesignated"));
    }

    /**
     * Resettled, dual-managed, in a community of its own (新丰苑), so the access matrix's out-of-scope secretary and
     * group leader (of 青竹苑) still do not reach the member; {@link #subdistrict} establishes it.
     */
    static List<Step> resettlementElsewhere() {
        return List.of(
                relocation(),
                new Step("POST", "/api/members/{id}/resettlement", "{\"communityId\":\"xinfengyuan\","
                        + "\"residenceBranchId\":\"xinfengyuan-1\",\"buildingGroupId\":\"xinfengyuan-b1\","
                        + "\"movedInOn\":\"2026-06-01\",\"transferRelation\":false}"));
    }

    @Autowired
    Occupants occupants;

    /** The evaluation round the member-rating endpoint rates in: of the village, open all year. */
    static final String ROUND = "er-changqing-2026";

    /** The village's notice and the origin branch's committee meeting the member endpoints refer to. */
    static final String NOTICE = "notice-changqing-2026-11";
    static final String MEETING = "mtg-changqing-1-2026-11";

    @BeforeAll
    void subdistrict() {
        Subdistrict.create(http());
        Subdistrict.register(http(), "leader-1");
        assertThat(http().post("/api/evaluation-rounds", "{\"roundId\":\"" + ROUND + "\",\"organizationId\":\"changqing\","
                + "\"year\":2026,\"opensOn\":\"2026-01-01\",\"closesOn\":\"2026-12-31\"}").status()).isEqualTo(201);
        assertThat(http().post("/api/notices", "{\"noticeId\":\"" + NOTICE + "\",\"organizationId\":\"" + VILLAGE
                + "\",\"title\":\"十一月主题党日\",\"body\":\"村委会三楼\",\"issuedOn\":\"2026-11-01\"}").status()).isEqualTo(201);
        assertThat(http().post("/api/meetings", "{\"meetingId\":\"" + MEETING + "\",\"organizationId\":\"" + ORIGIN_BRANCH
                + "\",\"kind\":\"BRANCH_COMMITTEE\",\"heldOn\":\"2026-11-12\",\"topic\":\"支委会\"}").status()).isEqualTo(201);
        for (String organization : List.of(
                "{\"organizationId\":\"xinfengyuan\",\"name\":\"新丰苑党总支\",\"level\":\"GENERAL_BRANCH\","
                        + "\"setting\":\"RESETTLEMENT_COMMUNITY\",\"parentId\":\"qinglong\",\"establishedOn\":\"2005-01-01\"}",
                "{\"organizationId\":\"xinfengyuan-1\",\"name\":\"新丰苑第一党支部\",\"level\":\"BRANCH\","
                        + "\"setting\":\"RESETTLEMENT_COMMUNITY\",\"parentId\":\"xinfengyuan\",\"establishedOn\":\"2005-01-01\"}",
                "{\"organizationId\":\"xinfengyuan-b1\",\"name\":\"新丰苑1幢楼栋党小组\",\"level\":\"GROUP\","
                        + "\"groupKind\":\"BUILDING\",\"parentId\":\"xinfengyuan-1\",\"establishedOn\":\"2005-01-01\"}")) {
            assertThat(http().post("/api/organizations", organization).status()).isIn(200, 201);
        }
    }

    /** A fresh aggregate per test, prepared by the endpoint's setup steps; answers its id. */
    private String prepare(Endpoint endpoint, String suffix) {
        String id = endpoint.name().replace(' ', '-') + "-" + suffix;
        switch (endpoint.target()) {
            case MEMBER -> Subdistrict.register(http(), id);
            case ORGANIZATION -> assertThat(http().post("/api/organizations",
                    "{\"organizationId\":\"" + id + "\",\"name\":\"亚新村第三党支部\",\"level\":\"BRANCH\",\"parentId\":\"changqing\",\"establishedOn\":\"2010-01-01\"}")
                    .status()).isEqualTo(201);
            case STUDY_DAY -> assertThat(http().post("/api/study-days",
                    "{\"studyDayId\":\"" + id + "\",\"branchId\":\"" + ORIGIN_BRANCH + "\",\"date\":\"2026-12-10\",\"topic\":\"党章学习\",\"modes\":[\"ONLINE\"]}")
                    .status()).isEqualTo(201);
            case CREATION -> {
            }
        }
        run(endpoint.setup(), id);
        return id;
    }

    private void run(List<Step> steps, String id) {
        for (Step step : steps) {
            var reply = http().send(step.method(), step.path().replace("{id}", id), step.body());
            assertThat(reply.status()).as(step + " -> " + reply.text()).isEqualTo(200);
        }
    }

    private Http.Reply call(Endpoint endpoint, String id, String body, String... headers) {
        return http().send(endpoint.method(), endpoint.path().replace("{id}", id), body.replace("{id}", id), headers);
    }

    private void assertRefused(Http.Reply reply, int status, long eventsBefore) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("/problems/");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(reply.text()).doesNotContain("Exception", "at cn.", "at org.", "SQL");
        assertThat(storedEvents()).as("a refused request records nothing").isEqualTo(eventsBefore);
    }

    @ParameterizedTest(name = "{0} records its event and answers id, version and position")
    @MethodSource("endpoints")
    @DisplayName("an accepted command is recorded and answered with a receipt")
    void success(Endpoint endpoint) {
        String id = prepare(endpoint, "ok");
        long before = storedEvents();
        long sameTypeBefore = storedEvents(id, endpoint.expectedEvent());
        var reply = call(endpoint, id, endpoint.valid(), "X-Actor", "secretary-wang", "X-Request-Id", "req-" + id);
        assertThat(reply.status()).as(reply.text()).isEqualTo(endpoint.target() == Target.CREATION ? 201 : 200);
        JsonNode receipt = reply.json();
        assertThat(receipt.get("id").asString()).isEqualTo(id);
        long version = receipt.get("version").asLong();
        assertThat(reply.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(storedEvents()).isGreaterThan(before);
        assertThat(storedEvents(id, endpoint.expectedEvent())).isEqualTo(sameTypeBefore + 1);
        var last = jdbc.queryForMap("""
                SELECT globalIndex, sequenceNumber, payloadType FROM DomainEventEntry
                WHERE aggregateIdentifier = ? ORDER BY sequenceNumber DESC LIMIT 1""", id);
        assertThat(((Number) last.get("sequenceNumber")).longValue()).isEqualTo(version);
        assertThat(((Number) last.get("globalIndex")).longValue()).isEqualTo(receipt.get("position").asLong());
    }

    @ParameterizedTest(name = "{0}: malformed JSON")
    @MethodSource("endpoints")
    @DisplayName("malformed JSON is refused with 400 and records nothing")
    void malformedJson(Endpoint endpoint) {
        String id = prepare(endpoint, "json");
        long before = storedEvents();
        var reply = call(endpoint, id, "{\"name\": ");
        assertRefused(reply, 400, before);
        assertThat(reply.json().get("type").asString()).isEqualTo("/problems/malformed-json");
    }

    @ParameterizedTest(name = "{0}: missing fields")
    @MethodSource("endpoints")
    @DisplayName("an empty body is refused with 400 naming the missing fields")
    void missingFields(Endpoint endpoint) {
        String id = prepare(endpoint, "empty");
        long before = storedEvents();
        var reply = call(endpoint, id, "{}");
        assertRefused(reply, 400, before);
        assertThat(reply.json().get("errors")).isNotEmpty();
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}: unknown field")
    @MethodSource("endpoints")
    @DisplayName("an unknown field is refused with 400 naming it")
    void unknownField(Endpoint endpoint) {
        String id = prepare(endpoint, "unknown");
        long before = storedEvents();
        var reply = call(endpoint, id, endpoint.valid().replaceFirst("\\{", "{\"isAdmin\":true,"));
        assertRefused(reply, 400, before);
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("isAdmin");
    }

    private static final Pattern DATE_FIELD = Pattern.compile("\"(\\w+)\":\"\\d{4}-\\d{2}-\\d{2}\"");
    /** A body without a day (the dues standard) carries a month instead. */
    private static final Pattern MONTH_FIELD = Pattern.compile("\"(\\w+)\":\"\\d{4}-\\d{2}\"");
    private static final Pattern ENUM_FIELD = Pattern.compile("\"(gender|level|mode|kind|rating|reason|role)\":\"[A-Z_]+\"");

    @ParameterizedTest(name = "{0}: invalid date")
    @MethodSource("endpoints")
    @DisplayName("a date that is not ISO-8601 is refused with 400 naming the field")
    void invalidDate(Endpoint endpoint) {
        Matcher date = DATE_FIELD.matcher(endpoint.valid());
        if (!date.find()) {
            date = MONTH_FIELD.matcher(endpoint.valid());
            assertThat(date.find()).as("every endpoint body carries a date or a month").isTrue();
        }
        String id = prepare(endpoint, "date");
        long before = storedEvents();
        var reply = call(endpoint, id, date.replaceFirst("\"" + date.group(1) + "\":\"31/12/2020\""));
        assertRefused(reply, 400, before);
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo(date.group(1));
    }

    @ParameterizedTest(name = "{0}: unknown enum value")
    @MethodSource("endpoints")
    @DisplayName("an unknown enum value is refused with 400 naming the field and the allowed values")
    void unknownEnum(Endpoint endpoint) {
        Matcher enumField = ENUM_FIELD.matcher(endpoint.valid());
        String body = enumField.find() ? enumField.replaceFirst("\"" + enumField.group(1) + "\":\"NOT_A_VALUE\"")
                : endpoint.valid().replaceFirst("\\{", "{\"unused\":");
        String field = enumField.find(0) ? enumField.group(1) : null;
        String id = prepare(endpoint, "enum");
        long before = storedEvents();
        var reply = call(endpoint, id, body);
        if (field == null) {
            assertThat(reply.status()).isEqualTo(400);
            return;
        }
        assertRefused(reply, 400, before);
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(reply.json().get("errors").get(0).get("message").asString()).contains("must be one of");
    }

    @ParameterizedTest(name = "{0}: wrong JSON type")
    @MethodSource("endpoints")
    @DisplayName("a body of the wrong JSON type is refused with 400")
    void wrongType(Endpoint endpoint) {
        String id = prepare(endpoint, "type");
        long before = storedEvents();
        assertRefused(call(endpoint, id, "[1,2,3]"), 400, before);
        assertRefused(call(endpoint, id, "\"text\""), 400, before);
    }

    @ParameterizedTest(name = "{0}: unknown target")
    @MethodSource("endpoints")
    @DisplayName("a command about something that does not exist is refused with 404")
    void unknownTarget(Endpoint endpoint) {
        long before = storedEvents();
        if (endpoint.target() == Target.CREATION) {
            String body = endpoint.valid().replace("{id}", "new-" + endpoint.name().replace(' ', '-'))
                    .replace("\"" + ORIGIN_BRANCH + "\"", "\"no-such-branch\"")
                    .replace("\"changqing\"", "\"no-such-branch\"");
            assertRefused(http().post(endpoint.path(), body), 404, before);
        } else {
            assertRefused(call(endpoint, "no-such-id", endpoint.valid()), 404, before);
        }
    }

    @ParameterizedTest(name = "{0}: invalid id")
    @MethodSource("endpoints")
    @DisplayName("an id outside the safe alphabet is refused with 400")
    void invalidId(Endpoint endpoint) {
        long before = storedEvents();
        if (endpoint.target() == Target.CREATION) {
            assertRefused(http().post(endpoint.path(), endpoint.valid().replace("{id}", "$where")), 400, before);
        } else {
            assertRefused(http().send(endpoint.method(), endpoint.path().replace("{id}", "%24ne"), endpoint.valid()), 400, before);
        }
    }

    @ParameterizedTest(name = "{0}: stale If-Match")
    @MethodSource("endpoints")
    @DisplayName("a stale If-Match is refused with 409 carrying the current version")
    void staleVersion(Endpoint endpoint) {
        String id = prepare(endpoint, "stale");
        long before = storedEvents();
        if (endpoint.target() == Target.CREATION) {
            call(endpoint, id, endpoint.valid());
            long afterCreation = storedEvents();
            var reply = call(endpoint, id, endpoint.breaksRule().replace("{id}", id));
            assertRefused(reply, 409, afterCreation);
            return;
        }
        long current = jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, id);
        var reply = call(endpoint, id, endpoint.valid(), "If-Match", "\"" + (current + 7) + "\"");
        assertRefused(reply, 409, before);
        assertThat(reply.json().get("currentVersion").asLong()).isEqualTo(current);
        var fresh = call(endpoint, id, endpoint.valid(), "If-Match", "\"" + current + "\"");
        assertThat(fresh.status()).as(fresh.text()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}: broken rule")
    @MethodSource("endpoints")
    @DisplayName("a command that breaks a domain rule is refused with 422 naming the rule")
    void brokenRule(Endpoint endpoint) {
        String id = prepare(endpoint, "rule");
        run(endpoint.ruleSetup(), id);
        long before = storedEvents();
        var reply = call(endpoint, id, endpoint.breaksRule());
        assertRefused(reply, 422, before);
        assertThat(reply.json().get("type").asString()).isEqualTo("/problems/rule-violation");
    }

    @Test
    @DisplayName("an organisation with active members or active sub-organisations cannot be dissolved, over the API and its lookup table")
    void anOrganisationWithActiveMembersOrSubOrganisationsCannotBeDissolved() {
        String branch = "dissolving-branch";
        String group = "dissolving-branch-g1";
        assertThat(http().post("/api/organizations", "{\"organizationId\":\"" + branch + "\",\"name\":\"常青村待撤销党支部\","
                + "\"level\":\"BRANCH\",\"parentId\":\"" + VILLAGE + "\",\"establishedOn\":\"2010-01-01\"}").status()).isEqualTo(201);
        assertThat(http().post("/api/members", Subdistrict.registration("dissolving-member").replace(ORIGIN_BRANCH, branch))
                .status()).isEqualTo(201);
        assertThat(http().post("/api/organizations", "{\"organizationId\":\"" + group + "\",\"name\":\"常青村待撤销党小组\","
                + "\"level\":\"GROUP\",\"groupKind\":\"TRANSITION\",\"parentId\":\"" + branch + "\",\"establishedOn\":\"2010-01-01\"}")
                .status()).isEqualTo(201);
        String dissolution = "{\"dissolvedOn\":\"2026-01-01\"}";
        long before = storedEvents();
        var refused = http().post("/api/organizations/" + branch + "/dissolution", dissolution);
        assertRefused(refused, 422, before);
        assertThat(refused.json().get("detail").asString())
                .contains("an organization with active members or active sub-organizations cannot be dissolved")
                .contains("1 active member(s) and 1 active sub-organization(s)");
        // the member's relation moves to another branch, the group is dissolved: nobody is left inside
        assertThat(http().post("/api/members/dissolving-member/relation-transfer",
                "{\"toBranchId\":\"" + ORIGIN_BRANCH + "\",\"transferredOn\":\"2025-06-01\"}").status()).isEqualTo(200);
        assertThat(http().post("/api/organizations/" + group + "/dissolution", dissolution).status()).isEqualTo(200);
        var dissolved = http().post("/api/organizations/" + branch + "/dissolution", dissolution);
        assertThat(dissolved.status()).as(dissolved.text()).isEqualTo(200);
    }

    @Test
    @DisplayName("a store that predates the table of who sits where fills it from its events, once, at start-up")
    void theOccupantsTableIsFilledFromAnOlderStore() {
        occupiedBranch();
        String all = "SELECT organization_id, occupant_id, kind FROM organization_occupant ORDER BY organization_id, occupant_id";
        var kept = jdbc.queryForList(all);
        assertThat(kept).extracting(row -> row.get("occupant_id")).contains("occupied-member", "occupied-group");
        jdbc.update("DELETE FROM organization_occupant");
        occupants.afterSingletonsInstantiated();
        assertThat(jdbc.queryForList(all)).isEqualTo(kept);
    }

    private void occupiedBranch() {
        http().post("/api/organizations", "{\"organizationId\":\"occupied-branch\",\"name\":\"常青村第九党支部\","
                + "\"level\":\"BRANCH\",\"parentId\":\"" + VILLAGE + "\",\"establishedOn\":\"2010-01-01\"}");
        http().post("/api/organizations", "{\"organizationId\":\"occupied-group\",\"name\":\"常青村第九党小组\","
                + "\"level\":\"GROUP\",\"groupKind\":\"TRANSITION\",\"parentId\":\"occupied-branch\",\"establishedOn\":\"2010-01-01\"}");
        http().post("/api/members", Subdistrict.registration("occupied-member").replace(ORIGIN_BRANCH, "occupied-branch"));
    }

    @ParameterizedTest(name = "{0}: malformed If-Match")
    @MethodSource("endpoints")
    @DisplayName("a malformed If-Match header is refused with 400")
    void malformedIfMatch(Endpoint endpoint) {
        if (endpoint.target() == Target.CREATION) {
            return;
        }
        String id = prepare(endpoint, "ifmatch");
        long before = storedEvents();
        var reply = call(endpoint, id, endpoint.valid(), "If-Match", "version-three");
        assertRefused(reply, 400, before);
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("If-Match");
    }

    /**
     * The principals of the access matrix: members are registered in {@code ORIGIN_BRANCH} (some join
     * {@code TRANSITION_GROUP}); the out-of-scope secretary holds {@code RESIDENCE_BRANCH}, the leader {@code BUILDING_GROUP}.
     */
    enum Principal { ANONYMOUS, COMMITTEE, SECRETARY_IN_SCOPE, SECRETARY_OUT_OF_SCOPE, GROUP_LEADER_OUT_OF_SCOPE, AUDITOR, INTEGRATION }

    private Http as(Principal principal) {
        return switch (principal) {
            case ANONYMOUS -> http().anonymous();
            case COMMITTEE -> http();
            case SECRETARY_IN_SCOPE -> http().as("BRANCH_SECRETARY", ORIGIN_BRANCH);
            case SECRETARY_OUT_OF_SCOPE -> http().as("BRANCH_SECRETARY", RESIDENCE_BRANCH);
            case GROUP_LEADER_OUT_OF_SCOPE -> http().as("GROUP_LEADER", BUILDING_GROUP);
            case AUDITOR -> http().as("AUDITOR");
            case INTEGRATION -> http().as("INTEGRATION");
        };
    }

    /** What each principal gets from each endpoint: the access matrix of docs/security.md. */
    private static int expected(Principal principal, Endpoint endpoint) {
        boolean memberCommand = endpoint.path().startsWith("/api/members");
        return switch (principal) {
            case ANONYMOUS -> 401;
            case AUDITOR, INTEGRATION -> 403;
            case COMMITTEE -> endpoint.target() == Target.CREATION ? 201 : 200;
            case SECRETARY_IN_SCOPE -> !memberCommand ? 403 : endpoint.target() == Target.CREATION ? 201 : 200;
            case SECRETARY_OUT_OF_SCOPE, GROUP_LEADER_OUT_OF_SCOPE -> !memberCommand || endpoint.target() == Target.CREATION ? 403 : 404;
        };
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> matrix() {
        return endpoints().flatMap(endpoint -> Stream.of(Principal.values())
                .map(principal -> org.junit.jupiter.params.provider.Arguments.of(principal, endpoint)));
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("matrix")
    @DisplayName("access matrix: each role × each command endpoint × in-scope/out-of-scope member → expected status")
    void accessMatrix(Principal principal, Endpoint endpoint) {
        String id = prepare(endpoint, "as-" + principal.name().toLowerCase().replace('_', '-'));
        long before = storedEvents();
        long sameTypeBefore = storedEvents(id, endpoint.expectedEvent());
        var reply = call(as(principal), endpoint, id, endpoint.valid());
        int status = expected(principal, endpoint);
        if (status >= 400) {
            assertRefused(reply, status, before);
        } else {
            assertThat(reply.status()).as(reply.text()).isEqualTo(status);
            assertThat(storedEvents(id, endpoint.expectedEvent())).isEqualTo(sameTypeBefore + 1);
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a group leader changes the members of their group and no others")
    void groupLeaderReachesTheirGroupOnly() {
        Subdistrict.register(http(), "in-group");
        Subdistrict.register(http(), "not-in-group");
        run(List.of(relocation(), new Step("POST", "/api/members/{id}/transition-group",
                "{\"groupId\":\"" + TRANSITION_GROUP + "\",\"joinedOn\":\"2019-06-01\"}")), "in-group");
        Http leader = http().as("GROUP_LEADER", TRANSITION_GROUP);
        String dues = "{\"period\":\"2026-10\",\"amountFen\":200,\"paidOn\":\"2026-11-01\"}";
        assertThat(leader.post("/api/members/in-group/dues", dues).status()).isEqualTo(200);
        long before = storedEvents();
        assertRefused(leader.post("/api/members/not-in-group/dues", dues), 404, before);
    }

    private Http.Reply call(Http client, Endpoint endpoint, String id, String body) {
        return client.send(endpoint.method(), endpoint.path().replace("{id}", id), body.replace("{id}", id));
    }
}

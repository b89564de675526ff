package cn.qinglong.dangjian.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.Http;
import java.time.LocalDate;
import java.util.List;

/**
 * A reduced Qinglong subdistrict, built through the real command API like the demo loader does, but with 30
 * members instead of 1,366 so a browser suite loads it in seconds: one urban community, one relocating village
 * (members in transition, in an area and a transition group or in none) and one resettlement community (residents,
 * and villagers resettled under dual management), three months of study days in all three modes with attendance,
 * excused absences, members left behind and one followed up, care needs and visits, dues standards, payments and arrears,
 * talks and contact cards. Every view of the dashboard has rows.
 */
final class MiniDemo {

    static final String COMMITTEE = "ql";
    static final String VILLAGE_BRANCH = "ql-v1-b1";
    static final String RESETTLEMENT_BRANCH = "ql-r1-b1";
    static final String URBAN_BRANCH = "ql-u1-b1";
    static final String TRANSITION_GROUP = "ql-v1-t1";
    static final List<String> MODES = List.of("NEARBY", "HOME_DELIVERY", "ONLINE");
    static final String ROUND = "er-ql-r1";
    static final String COMMITTEE_MEETING = "mtg-committee";
    static final String GROUP_MEETING = "mtg-group";
    static final String NOTICE = "notice-ql-v1";

    private final Http command;
    private final LocalDate today;
    private long position;
    private int commands;

    MiniDemo(Http command, LocalDate today) {
        this.command = command;
        this.today = today;
    }

    /** Loads the subdistrict and answers the position of its last event. */
    long load() {
        LocalDate founded = today.minusYears(10);
        org(COMMITTEE, "青龙街道党工委", "COMMITTEE", null, null, null, founded);
        org("ql-u1", "青龙东村社区党总支", "GENERAL_BRANCH", "URBAN_COMMUNITY", null, COMMITTEE, founded);
        org(URBAN_BRANCH, "青龙东村社区第一党支部", "BRANCH", null, null, "ql-u1", founded);
        org("ql-v1", "东风村党总支", "GENERAL_BRANCH", "RELOCATING_VILLAGE", null, COMMITTEE, founded);
        org(VILLAGE_BRANCH, "东风村第一党支部", "BRANCH", null, null, "ql-v1", founded);
        org("ql-v1-a1", "东风村西片区", "GROUP", null, "AREA", VILLAGE_BRANCH, founded);
        org(TRANSITION_GROUP, "东风村过渡期第一党小组", "GROUP", null, "TRANSITION", VILLAGE_BRANCH, founded);
        org("ql-r1", "青龙苑北区党总支", "GENERAL_BRANCH", "RESETTLEMENT_COMMUNITY", null, COMMITTEE, founded);
        org(RESETTLEMENT_BRANCH, "青龙苑北区第一党支部", "BRANCH", null, null, "ql-r1", founded);
        org("ql-r1-g1", "青龙苑北区3幢楼栋党小组", "GROUP", null, "BUILDING", RESETTLEMENT_BRANCH, founded);

        String[] surnames = {"张", "王", "李", "赵", "陈", "刘", "周", "吴", "徐", "孙"};
        String[] men = {"建国", "志强", "国华", "海林", "文明"};
        String[] women = {"秀英", "桂兰", "玉梅", "凤英", "小红"};
        for (int i = 0; i < 30; i++) {
            String branch = i < 8 ? URBAN_BRANCH : i < 20 ? VILLAGE_BRANCH : RESETTLEMENT_BRANCH;
            String residence = i < 8 ? "{\"status\":\"URBAN\"}" : i < 20 ? "{\"status\":\"ORIGINAL\"}"
                    : "{\"status\":\"RESETTLED\",\"communityId\":\"ql-r1\"}";
            int birthYear = 1938 + (i * 7) % 52; // ages from about 36 to 88
            send("/members", """
                    {"memberId":"%s","name":"%s%s","gender":"%s","birthDate":"%d-0%d-1%d","joinedPartyOn":"%d-07-01",
                     "branchId":"%s","categories":["%s"],"residence":%s,"registeredOn":"%s"}""",
                    member(i), surnames[i % 10], (i % 2 == 0 ? men : women)[(i / 2) % 5], i % 2 == 0 ? "M" : "F", birthYear, 1 + i % 9,
                    i % 10, birthYear + 25, branch, birthYear < 1966 ? "RETIRED" : "EMPLOYED", residence, founded);
        }
        // villagers 8..19: 8..15 relocated; 8..10 in the transition group, 8..11 in the area; 12..15 in no group
        for (int i = 8; i <= 15; i++) {
            send("/members/" + member(i) + "/relocation", """
                    {"transitionAddress":"青龙西路%d号",%s"relocatedOn":"%s"}""",
                    i, i <= 11 ? "\"areaId\":\"ql-v1-a1\"," : "", today.minusMonths(14 + i));
        }
        for (int i = 8; i <= 10; i++) {
            send("/members/" + member(i) + "/transition-group", "{\"groupId\":\"%s\",\"joinedOn\":\"%s\"}",
                    TRANSITION_GROUP, today.minusMonths(12));
        }
        // 16..18 resettled without moving their relation: dual management, daily life in the resettlement branch
        for (int i = 16; i <= 18; i++) {
            send("/members/" + member(i) + "/relocation", "{\"transitionAddress\":\"青龙西路%d号\",\"relocatedOn\":\"%s\"}",
                    i, today.minusYears(3));
            send("/members/" + member(i) + "/resettlement", """
                    {"communityId":"ql-r1","residenceBranchId":"%s","buildingGroupId":"ql-r1-g1","movedInOn":"%s","transferRelation":false}""",
                    RESETTLEMENT_BRANCH, today.minusMonths(5));
        }
        for (int i = 0; i < 30; i++) {
            send("/members/" + member(i) + "/study-mode", "{\"mode\":\"%s\",\"reason\":\"按居住情况安排\"}",
                    MODES.get(i % 3));
        }
        for (int month = 3; month >= 1; month--) {
            LocalDate date = today.minusMonths(month).withDayOfMonth(10);
            for (String branch : List.of(URBAN_BRANCH, VILLAGE_BRANCH, RESETTLEMENT_BRANCH)) {
                send("/study-days", """
                        {"studyDayId":"%s","branchId":"%s","date":"%s","topic":"主题党日 %s","modes":["NEARBY","HOME_DELIVERY","ONLINE"]}""",
                        studyDay(branch, date), branch, date, date.toString().substring(0, 7));
            }
            for (int i = 0; i < 30; i++) {
                String branch = i < 8 ? URBAN_BRANCH : i < 16 || i == 19 ? VILLAGE_BRANCH : RESETTLEMENT_BRANCH;
                if ((i + month) % 7 == 0) {
                    send("/members/" + member(i) + "/excused-absence", "{\"studyDayId\":\"%s\",\"reason\":\"住院\"}",
                            studyDay(branch, date));
                } else if ((i * month) % 5 != 3) { // the others are left behind
                    send("/members/" + member(i) + "/attendance", "{\"studyDayId\":\"%s\",\"mode\":\"%s\",\"attendedOn\":\"%s\"}",
                            studyDay(branch, date), MODES.get((i + month) % 3), date);
                }
            }
        }
        for (int i = 0; i < 30; i += 4) {
            send("/members/" + member(i) + "/care-needs", "{\"needs\":[\"%s\"]}",
                    List.of("POOR", "FRAIL", "EMPTY_NEST", "DISABLED_LOW_INCOME").get(i / 4 % 4));
        }
        for (int i = 0; i < 30; i += 3) {
            send("/members/" + member(i) + "/care-visits", """
                    {"helperName":"王书记","kind":"%s","visitedOn":"%s","notes":"了解近况"}""",
                    i % 2 == 0 ? "TALK" : "CARE_VISIT", today.minusDays(20 + i * 11L));
        }
        for (int i = 0; i < 30; i++) {
            if (i % 4 != 1) {
                send("/members/" + member(i) + "/dues", "{\"period\":\"%s\",\"amountFen\":%d,\"paidOn\":\"%s\"}",
                        today.minusMonths(1).toString().substring(0, 7), 200 + i * 10, today.minusDays(2));
            }
            if (i % 3 != 2) {
                send("/members/" + member(i) + "/contact-card", """
                        {"whereabouts":"本地","phone":"1390000%04d","housing":"租房","ideology":"稳定","employment":"%s","family":"和睦","verifiedOn":"%s"}""",
                        i, i % 2 == 0 ? "退休" : "在职", today.minusMonths(2));
            }
        }
        // a standard from four months back for 0..5: those who paid only last month owe three months, 1 and 5 four
        for (int i = 0; i <= 5; i++) {
            send("/members/" + member(i) + "/dues-standard", "{\"amountFen\":200,\"fromPeriod\":\"%s\",\"reason\":\"按收入核定\"}",
                    today.minusMonths(4).toString().substring(0, 7));
        }
        // 3 was left behind last month (3 × 1 % 5 == 3) and has been followed up by phone
        LocalDate lastStudyDay = today.minusMonths(1).withDayOfMonth(10);
        send("/members/" + member(3) + "/follow-ups", """
                {"studyDayId":"%s","helperName":"王书记","method":"PHONE","followedUpOn":"%s"}""",
                studyDay(URBAN_BRANCH, lastStudyDay), lastStudyDay.plusDays(3));
        for (int i = 1; i < 30; i += 5) {
            send("/members/" + member(i) + "/evaluations", "{\"period\":\"%d\",\"rating\":\"EXCELLENT\",\"evaluatedOn\":\"%s\"}",
                    today.minusMonths(1).getYear(), today.minusMonths(1));
            send("/members/" + member(i) + "/vanguard-activities", """
                    {"kind":"VOLUNTEER","date":"%s","description":"楼道亮身份，志愿服务"}""", today.minusDays(5));
        }
        // 民主评议: a round of the resettlement community, open from ten days ago; its own members 20..29 rated by two
        // ballots of the masses and themselves, rating their branch; all but two graded
        send("/evaluation-rounds", "{\"roundId\":\"%s\",\"organizationId\":\"ql-r1\",\"year\":%d,\"opensOn\":\"%s\",\"closesOn\":\"%s\"}",
                ROUND, today.getYear(), today.minusDays(10), today.plusDays(5));
        List<String> ratings = List.of("EXCELLENT", "QUALIFIED", "QUALIFIED", "BASICALLY_QUALIFIED");
        for (int i = 20; i < 30; i++) {
            for (int ballot = 1; ballot <= 2; ballot++) {
                send("/members/" + member(i) + "/ratings", "{\"roundId\":\"%s\",\"raterKind\":\"MASSES\",\"raterId\":\"ballot-%d-%d\",\"rating\":\"%s\",\"ratedOn\":\"%s\"}",
                        ROUND, i, ballot, ratings.get((i + ballot) % 4), today.minusDays(5));
            }
            send("/members/" + member(i) + "/ratings", "{\"roundId\":\"%s\",\"raterKind\":\"SELF\",\"rating\":\"%s\",\"ratedOn\":\"%s\"}",
                    ROUND, ratings.get(i % 2), today.minusDays(4));
            send("/organizations/" + RESETTLEMENT_BRANCH + "/ratings", "{\"roundId\":\"%s\",\"raterMemberId\":\"%s\",\"satisfaction\":\"%s\",\"ratedOn\":\"%s\"}",
                    ROUND, member(i), i % 5 == 0 ? "DISSATISFIED" : i % 3 == 0 ? "BASICALLY_SATISFIED" : "SATISFIED", today.minusDays(3));
            if (i < 28) {
                send("/members/" + member(i) + "/evaluations", "{\"roundId\":\"%s\",\"period\":\"%d\",\"rating\":\"%s\",\"evaluatedOn\":\"%s\"}",
                        ROUND, today.getYear(), ratings.get(i % 4), today);
            }
        }
        // 建言献策: six suggestions to the resettlement community, two open (one waiting 20 days), three answered, one
        // taken to the council
        String[][] suggestions = {{"GREENING", "3幢北侧绿地积水", "20"}, {"PROPERTY", "电梯经常故障", "5"},
                {"SECURITY", "南门监控有盲区", "30"}, {"ENVIRONMENT", "楼道堆放杂物", "12"}, {"CULTURE", "希望开设书法班", "40"},
                {"PARTY_BUILDING", "建议公示党员中心户", "8"}};
        for (int n = 0; n < suggestions.length; n++) {
            String id = "sg-ql-" + n;
            send("/suggestions", "{\"suggestionId\":\"%s\",\"organizationId\":\"ql-r1\",\"category\":\"%s\",\"text\":\"%s\",\"submittedOn\":\"%s\",%s}",
                    id, suggestions[n][0], suggestions[n][1], today.minusDays(Long.parseLong(suggestions[n][2])),
                    n % 2 == 0 ? "\"residentName\":\"赵桂兰\"" : "\"memberId\":\"" + member(20 + n) + "\"");
            if (n >= 2 && n <= 4) {
                send("/suggestions/" + id + "/answer", "{\"answer\":\"已转物业办理\",\"answeredOn\":\"%s\"}",
                        today.minusDays(Long.parseLong(suggestions[n][2]) - 10));
            } else if (n == 5) {
                send("/suggestions/" + id + "/deliberation", "{\"councilOn\":\"%s\",\"decision\":\"议事会议定在一楼公示\"}",
                        today.minusDays(1));
            }
        }
        // 三会一课 of the village: last month's committee meeting and group meeting, a party lecture two months ago;
        // nothing else this year, so the grid is mostly red. A notice of a week ago reached one villager of nine.
        LocalDate lastMonth = today.minusMonths(1);
        send("/meetings", "{\"meetingId\":\"%s\",\"organizationId\":\"%s\",\"kind\":\"BRANCH_COMMITTEE\",\"heldOn\":\"%s\",\"topic\":\"研究过渡期党员联系\"}",
                COMMITTEE_MEETING, VILLAGE_BRANCH, lastMonth.withDayOfMonth(5));
        send("/meetings", "{\"meetingId\":\"%s\",\"organizationId\":\"%s\",\"kind\":\"GROUP_MEETING\",\"heldOn\":\"%s\",\"topic\":\"过渡期座谈\"}",
                GROUP_MEETING, TRANSITION_GROUP, lastMonth.withDayOfMonth(12));
        send("/meetings", "{\"meetingId\":\"mtg-lecture\",\"organizationId\":\"%s\",\"kind\":\"PARTY_LECTURE\",\"heldOn\":\"%s\",\"topic\":\"党课\"}",
                VILLAGE_BRANCH, today.minusMonths(2).withDayOfMonth(15));
        for (int i : new int[] {8, 9}) {
            send("/members/" + member(i) + "/meeting-attendance", "{\"meetingId\":\"%s\",\"attendedOn\":\"%s\"}",
                    COMMITTEE_MEETING, lastMonth.withDayOfMonth(5));
        }
        for (int i : new int[] {8, 10}) {
            send("/members/" + member(i) + "/meeting-attendance", "{\"meetingId\":\"%s\",\"attendedOn\":\"%s\"}",
                    GROUP_MEETING, lastMonth.withDayOfMonth(12));
        }
        send("/notices", "{\"noticeId\":\"%s\",\"organizationId\":\"ql-v1\",\"title\":\"关于参加主题党日的通知\",\"body\":\"村委会三楼\",\"issuedOn\":\"%s\"}",
                NOTICE, today.minusDays(7));
        for (int i : new int[] {8, 9}) {
            send("/members/" + member(i) + "/notice-deliveries", "{\"noticeId\":\"%s\",\"channel\":\"WECHAT\",\"deliveredOn\":\"%s\"}",
                    NOTICE, today.minusDays(6));
        }
        send("/members/" + member(8) + "/notice-acknowledgements", "{\"noticeId\":\"%s\",\"acknowledgedOn\":\"%s\"}",
                NOTICE, today.minusDays(5));
        return position;
    }

    int commands() {
        return commands;
    }

    static String member(int i) {
        return "m-%03d".formatted(i);
    }

    static String studyDay(String branch, LocalDate date) {
        return "sd-" + branch + "-" + date.toString().substring(0, 7);
    }

    private void org(String id, String name, String level, String setting, String groupKind, String parent,
                     LocalDate founded) {
        send("/organizations", "{\"organizationId\":\"%s\",\"name\":\"%s\",\"level\":\"%s\"%s%s%s,\"establishedOn\":\"%s\"}",
                id, name, level, setting == null ? "" : ",\"setting\":\"" + setting + "\"",
                groupKind == null ? "" : ",\"groupKind\":\"" + groupKind + "\"",
                parent == null ? "" : ",\"parentId\":\"" + parent + "\"", founded);
    }

    private void send(String path, String json, Object... args) {
        String body = json.formatted(args).replace("\n", "");
        boolean put = path.endsWith("/contact-card") || path.endsWith("/study-mode") || path.endsWith("/care-needs")
                || path.endsWith("/dues-standard");
        Http.Response response = put ? command.put(path, body) : command.post(path, body);
        assertThat(response.status()).as(path + " " + body + " -> " + response.text()).isIn(200, 201);
        position = Math.max(position, response.json().get("position").asLong());
        commands++;
    }
}

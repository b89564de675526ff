package cn.qinglong.dangjian.benchmark;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.OrganizationRated;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent.MeetingHeld;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CentralHouseholdDesignated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesStandardSet;
import cn.qinglong.dangjian.kernel.member.MemberEvent.EvaluationRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeAcknowledged;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeDelivered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyAbsenceExcused;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyMadeUp;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Before the views are timed, each of the round's views is asked once with parameters taken from the generated
 * facts, and its answer is compared with what those facts say: who is in arrears, how many a notice reached, who
 * was rated in the round. A view that answers 200 with the wrong data, or nothing, fails here, so a wrong id or an
 * empty view cannot pass as a fast one.
 */
final class ViewChecks {

    private final Subdistrict subdistrict;
    private final EventPlan plan;
    private final Http http;
    private final List<String> passed = new ArrayList<>();

    ViewChecks(Subdistrict subdistrict, EventPlan plan, Http http) {
        this.subdistrict = subdistrict;
        this.plan = plan;
        this.http = http;
    }

    /** The window of study days the generator attended: months {@value Subdistrict#STUDY_MONTHS} to 2 back. */
    String studyWindow() {
        return "from=" + YearMonth.from(subdistrict.studyDate(Subdistrict.STUDY_MONTHS)) + "&to="
                + YearMonth.from(subdistrict.studyDate(2));
    }

    /** Runs every check; answers one line per check passed, or throws naming the first that failed. */
    List<String> run() throws IOException {
        residenceTree();
        memberAttendance();
        leftBehind();
        dues();
        notices();
        meetings();
        organizationalLife();
        evaluation();
        annualReport();
        studyDays();
        return passed;
    }

    private void residenceTree() throws IOException {
        JsonNode tree = get("/api/organizations/tree?by=residence");
        long centrals = count(e -> e instanceof CentralHouseholdDesignated);
        long shown = 0;
        List<JsonNode> nodes = new ArrayList<>();
        tree.path("roots").forEach(nodes::add);
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.remove(nodes.size() - 1);
            shown += node.path("centralHouseholds").size();
            node.path("children").forEach(nodes::add);
        }
        expect("tree by residence: active members", subdistrict.members, tree.path("members").asLong());
        expect("tree by residence: central households", centrals, shown);
    }

    /** The attendance of the first member with more than one outcome at the generated study days. */
    private void memberAttendance() throws IOException {
        int n = 0;
        while (n < subdistrict.members - 1 && outcomes(n).values().stream().distinct().count() < 2) {
            n++;
        }
        Map<String, String> expected = outcomes(n);
        Map<String, String> answered = new TreeMap<>();
        for (JsonNode day : get("/api/members/" + subdistrict.member(n).id().value() + "/attendance")) {
            if (expected.containsKey(day.path("studyDayId").asString())) {
                answered.put(day.path("studyDayId").asString(), day.path("outcome").asString());
            }
        }
        expect("attendance of " + subdistrict.member(n).id().value() + " at months " + Subdistrict.STUDY_MONTHS
                + " to 2 back", expected, answered);
    }

    /** Member n's outcome at each study day of months {@value Subdistrict#STUDY_MONTHS} to 2 back. */
    private Map<String, String> outcomes(int n) {
        Map<String, String> outcomes = new TreeMap<>();
        for (int back = Subdistrict.STUDY_MONTHS; back >= 2; back--) {
            StudyDayId id = subdistrict.studyDayId(subdistrict.member(n).branch(), back);
            outcomes.put(id.value(), outcome(plan.memberEvents(n), id));
        }
        return outcomes;
    }

    /** Left behind at least twice in the window, or once where the generated data has no one twice (a tiny run). */
    private void leftBehind() throws IOException {
        int[] times = new int[subdistrict.members];
        for (int n = 0; n < subdistrict.members; n++) {
            times[n] = (int) outcomes(n).values().stream().filter("LEFT_BEHIND"::equals).count();
        }
        int min = java.util.Arrays.stream(times).anyMatch(t -> t >= 2) ? 2 : 1;
        Map<String, Set<String>> byCommunity = new TreeMap<>();
        for (int n = 0; n < subdistrict.members; n++) {
            if (times[n] >= min) {
                byCommunity.computeIfAbsent(subdistrict.member(n).branch().communityId(), c -> new TreeSet<>())
                        .add(subdistrict.member(n).id().value());
            }
        }
        nonZero("members left behind at least " + min + " times", byCommunity.size());
        String community = byCommunity.keySet().iterator().next();
        Set<String> listed = new TreeSet<>();
        get("/api/attendance/left-behind?organizationId=" + community + "&min=" + min + "&" + studyWindow())
                .path("items").forEach(item -> listed.add(item.path("memberId").asString()));
        expect("left behind at least " + min + " times in " + community, byCommunity.get(community), listed);
    }

    /** Arrears and collection of the community with the most members in arrears. */
    private void dues() throws IOException {
        YearMonth lastMonth = YearMonth.from(subdistrict.today).minusMonths(1);
        Map<String, Set<String>> owing = new TreeMap<>();
        Map<String, long[]> paidOfPayers = new TreeMap<>();
        for (int n = 0; n < subdistrict.members; n++) {
            String community = subdistrict.member(n).branch().communityId();
            Set<YearMonth> months = new TreeSet<>();
            YearMonth from = null;
            for (MemberEvent event : plan.memberEvents(n)) {
                if (event instanceof DuesPaid p) {
                    months.add(p.period());
                } else if (event instanceof DuesStandardSet s && (from == null || s.fromPeriod().isBefore(from))) {
                    from = s.fromPeriod();
                }
            }
            long[] row = paidOfPayers.computeIfAbsent(community, c -> new long[2]);
            row[0] += months.contains(lastMonth) ? 1 : 0;
            row[1]++;
            Set<String> owed = owing.computeIfAbsent(community, c -> new TreeSet<>());
            for (YearMonth month = from; month != null && !month.isAfter(lastMonth); month = month.plusMonths(1)) {
                if (!months.contains(month)) {
                    owed.add(subdistrict.member(n).id().value());
                }
            }
        }
        String community = owing.entrySet().stream().max(java.util.Comparator.comparingInt(e -> e.getValue().size()))
                .orElseThrow().getKey();
        nonZero("members in arrears in " + community, owing.get(community).size());
        Set<String> listed = new TreeSet<>();
        get("/api/dues/arrears?organizationId=" + community).path("items")
                .forEach(item -> listed.add(item.path("memberId").asString()));
        expect("dues arrears in " + community, owing.get(community), listed);
        long paidShown = 0;
        long payersShown = 0;
        for (JsonNode row : get("/api/dues/collection?organizationId=" + community + "&period=" + lastMonth)) {
            paidShown += row.path("paid").asLong();
            payersShown += row.path("payers").asLong();
        }
        expect("dues collection in " + community + " for " + lastMonth + ": payers", paidOfPayers.get(community)[1],
                payersShown);
        expect("dues collection in " + community + " for " + lastMonth + ": paid", paidOfPayers.get(community)[0],
                paidShown);
    }

    /** The reach of the notice delivered most often. */
    private void notices() throws IOException {
        NoticeIssued notice = subdistrict.notices.stream().map(Subdistrict.Notice::issued)
                .max(java.util.Comparator.comparingLong(issued -> count(e -> e instanceof NoticeDelivered d
                        && d.noticeId().equals(issued.noticeId())))).orElseThrow();
        String id = notice.noticeId().value();
        long audience = 0;
        for (int n = 0; n < subdistrict.members; n++) {
            audience += subdistrict.member(n).branch().communityId().equals(notice.organizationId().value()) ? 1 : 0;
        }
        long delivered = count(e -> e instanceof NoticeDelivered d && d.noticeId().equals(notice.noticeId()));
        long acknowledged = count(e -> e instanceof NoticeAcknowledged a && a.noticeId().equals(notice.noticeId()));
        JsonNode listed = null;
        for (JsonNode row : get("/api/notices?organizationId=" + notice.organizationId().value())) {
            listed = row.path("noticeId").asString().equals(id) ? row : listed;
        }
        nonZero("notice " + id + ": deliveries", delivered);
        if (listed == null) {
            throw new IllegalStateException("notice " + id + " is not listed under " + notice.organizationId().value());
        }
        expect("notice " + id + " listed: delivered", delivered, listed.path("delivered").asLong());
        JsonNode reach = get("/api/notices/" + id + "/reach");
        expect("notice " + id + " reach: audience", audience, reach.path("audience").asLong());
        expect("notice " + id + " reach: delivered", delivered, reach.path("delivered").asLong());
        expect("notice " + id + " reach: acknowledged", acknowledged, reach.path("acknowledged").asLong());
    }

    private void meetings() throws IOException {
        MeetingHeld meeting = attendedMeeting();
        String id = meeting.meetingId().value();
        long came = count(e -> e instanceof MemberAttendedMeeting a && a.meetingId().equals(meeting.meetingId()));
        long listed = -1;
        for (JsonNode row : get("/api/meetings?organizationId=" + meeting.organizationId().value())) {
            listed = row.path("meetingId").asString().equals(id) ? row.path("attendees").asLong() : listed;
        }
        expect("meeting " + id + " listed with its attendees", came, listed);
        expect("meeting " + id + ": attendees by name", came, get("/api/meetings/" + id).path("attendees").size());
    }

    /** The newest meeting someone attended, as generated. */
    private MeetingHeld attendedMeeting() {
        Set<String> attended = new TreeSet<>();
        for (int n = 0; n < subdistrict.members; n++) {
            plan.memberEvents(n).stream().filter(e -> e instanceof MemberAttendedMeeting)
                    .forEach(e -> attended.add(((MemberAttendedMeeting) e).meetingId().value()));
        }
        return subdistrict.meetings.stream().filter(m -> attended.contains(m.meetingId().value()))
                .max(java.util.Comparator.comparing(MeetingHeld::heldOn)).orElseThrow(() ->
                        new IllegalStateException("no member attended any meeting; the generator wrote no attendance"));
    }

    private void organizationalLife() throws IOException {
        JsonNode summary = get("/api/organizational-life/summary");
        expect("organisational life: branches counted", subdistrict.branches.size(), summary.path("branches").asLong());
        nonZero("organisational life: organisations below the subdistrict", summary.path("items").size());
    }

    private void evaluation() throws IOException {
        String round = subdistrict.round.roundId().value();
        boolean listed = false;
        for (JsonNode item : get("/api/evaluation-rounds?organizationId=" + Subdistrict.ROUND_COMMUNITY).path("items")) {
            listed |= item.path("roundId").asString().equals(round);
        }
        if (!listed) {
            throw new IllegalStateException("round " + round + " is not listed under " + Subdistrict.ROUND_COMMUNITY);
        }
        Set<String> rated = new TreeSet<>();
        for (int n = 0; n < subdistrict.members; n++) {
            for (MemberEvent event : plan.memberEvents(n)) {
                if (event instanceof MemberRated || event instanceof EvaluationRecorded e && e.roundId() != null) {
                    rated.add(event.memberId().value());
                }
            }
        }
        JsonNode results = get("/api/evaluation-rounds/" + round + "/results");
        Set<String> shown = new TreeSet<>();
        results.path("members").forEach(m -> shown.add(m.path("memberId").asString()));
        nonZero("round " + round + ": members rated", rated.size());
        expect("round " + round + ": members with ratings or a grade", rated, shown);
        long organizationRatings = subdistrict.streams().stream().flatMap(s -> s.events().stream())
                .filter(e -> e instanceof OrganizationRated).count();
        long total = 0;
        for (JsonNode organization : results.path("organizations")) {
            total += organization.path("total").asLong();
        }
        expect("round " + round + ": ratings of organisations", organizationRatings, total);
    }

    private void annualReport() throws IOException {
        String community = subdistrict.branches.get(0).communityId();
        int year = subdistrict.today.getYear() - 1;
        long members = 0;
        for (int n = 0; n < subdistrict.members; n++) {
            members += subdistrict.member(n).branch().communityId().equals(community) ? 1 : 0;
        }
        long endOfYear = -1;
        for (JsonNode row : get("/api/reports/annual?organizationId=" + community + "&year=" + year)
                .path("organizations")) {
            endOfYear = row.path("organizationId").asString().equals(community) ? row.path("endOfYear").asLong()
                    : endOfYear;
        }
        expect("annual report " + year + " of " + community + ": members at the end of the year", members, endOfYear);
    }

    private void studyDays() throws IOException {
        String branch = subdistrict.branches.get(0).id();
        expect("study days of " + branch, Subdistrict.STUDY_MONTHS,
                get("/api/study-days?branchId=" + branch).path("items").size());
    }

    /** The member's outcome at a study day as the views define it: attended, made up, excused, else left behind. */
    private static String outcome(List<MemberEvent> events, StudyDayId id) {
        boolean madeUp = false;
        boolean excused = false;
        for (MemberEvent event : events) {
            if (event instanceof MemberAttendedStudyDay a && a.studyDayId().equals(id)) {
                return "ATTENDED";
            }
            madeUp |= event instanceof StudyMadeUp m && m.studyDayId().equals(id);
            excused |= event instanceof StudyAbsenceExcused x && x.studyDayId().equals(id);
        }
        return madeUp ? "MADE_UP" : excused ? "EXCUSED" : "LEFT_BEHIND";
    }

    private long count(Predicate<MemberEvent> which) {
        long count = 0;
        for (int n = 0; n < subdistrict.members; n++) {
            count += plan.memberEvents(n).stream().filter(which).count();
        }
        return count;
    }

    private JsonNode get(String path) throws IOException {
        Http.Answer answer = http.get(path);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET " + path + ": " + answer.failure());
        }
        return answer.json();
    }

    private void expect(String what, long expected, long actual) {
        expect(what, (Object) expected, (Object) actual);
    }

    private void expect(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + ": expected " + expected + ", the view answered " + actual);
        }
        passed.add(what + ": " + (actual instanceof java.util.Collection<?> c ? c.size() + " as expected"
                : actual instanceof Map<?, ?> m ? m : actual));
    }

    /** The data a check compares must hold something, or the check proves nothing. */
    private static void nonZero(String what, long found) {
        if (found == 0) {
            throw new IllegalStateException(what + ": the generated data holds none, so the view proves nothing");
        }
    }
}

package cn.qinglong.dangjian.query.points;

import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.query.attendance.AttendanceFigures;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A member's points for a year as of a date, fact by fact: the sum over the scored facts whose business date falls
 * in the year and is not after {@code asOf}, each at the table's points. Being left behind at a study day and never
 * making it up (the attendance view's rule, {@link AttendanceFigures}, over what was recorded by {@code asOf}) counts
 * from the day the study day is {@value #LEFT_BEHIND_AFTER_DAYS} days past, dated by the study day.
 */
record MemberPoints(String memberId, String name, String branchId, int year, LocalDate asOf, String table, int points,
                    List<Rule> rules, List<Fact> facts) {

    static final int LEFT_BEHIND_AFTER_DAYS = 30;

    /** One row of the table as it applied: how many facts, at how many points each, and their sum. */
    record Rule(String fact, String label, int count, int each, int points) {
    }

    /** One scored fact: what, when, how many, what it was about, its points. */
    record Fact(String fact, String label, LocalDate on, int count, int points, String source) {
    }

    /** The last day a study day may fall on to count as left behind by {@code asOf}. */
    static LocalDate lastLeftBehindDate(LocalDate asOf) {
        return asOf.minusDays(LEFT_BEHIND_AFTER_DAYS);
    }

    /**
     * Every member's points. {@code members}: member documents of this view; {@code credits}: the credit documents of
     * those members; {@code studyDays}: at least the study days of the year, up to {@link #lastLeftBehindDate}, of
     * every branch the members' histories name. Each member is placed by their daily-management branch on
     * {@code placedOn}.
     */
    static List<MemberPoints> score(Collection<Document> members, Collection<Document> credits,
                                    Collection<Document> studyDays, int year, LocalDate asOf, LocalDate placedOn,
                                    PointsTable table) {
        Map<String, List<Fact>> facts = new LinkedHashMap<>();
        Map<String, Document> asRecorded = new LinkedHashMap<>();
        for (Document member : members) {
            String id = member.getString("_id");
            asRecorded.put(id, AttendanceFigures.recordedBy(member, asOf));
            List<Fact> own = facts.computeIfAbsent(id, k -> new ArrayList<>());
            member.getList(PointsProjection.SCORED, Document.class, List.of()).forEach(f -> add(own, f, year, asOf, table));
        }
        for (Document credit : credits) {
            List<Fact> of = facts.get(credit.getString("memberId"));
            if (of != null) {
                credit.getList(PointsProjection.SCORED, Document.class, List.of()).forEach(f -> add(of, f, year, asOf, table));
            }
        }
        LocalDate lastStudyDay = lastLeftBehindDate(asOf);
        List<Document> counted = new ArrayList<>();
        for (Document studyDay : studyDays) {
            LocalDate date = studyDay.getString("date") == null ? null : LocalDate.parse(studyDay.getString("date"));
            if (date != null && date.getYear() == year && !date.isAfter(lastStudyDay)) {
                counted.add(studyDay);
            }
        }
        Map<String, AttendanceFigures> figures = AttendanceFigures.ofEach(counted, asRecorded.values());
        for (Document studyDay : counted) {
            LocalDate date = LocalDate.parse(studyDay.getString("date"));
            for (String id : figures.get(studyDay.getString("_id")).leftBehind()) {
                facts.get(id).add(fact(PointsFact.STUDY_DAY_LEFT_BEHIND, date, 1, studyDay.getString("_id"), table));
            }
        }
        List<MemberPoints> result = new ArrayList<>();
        for (Document member : members) {
            String id = member.getString("_id");
            OrganizationId branch = MemberState.dailyBranchOn(MemberDocuments.dailyHistory(member), placedOn);
            result.add(of(id, member.getString("name"), branch == null ? null : branch.value(), year, asOf, table,
                    facts.get(id)));
        }
        return result;
    }

    private static MemberPoints of(String memberId, String name, String branchId, int year, LocalDate asOf,
                                   PointsTable table, List<Fact> facts) {
        facts.sort(Comparator.comparing(Fact::on).thenComparing(Fact::fact)
                .thenComparing(f -> f.source() == null ? "" : f.source()));
        Map<PointsFact, int[]> byFact = new EnumMap<>(PointsFact.class);
        for (Fact fact : facts) {
            int[] sum = byFact.computeIfAbsent(PointsFact.named(fact.fact()).orElseThrow(), k -> new int[2]);
            sum[0] += fact.count();
            sum[1] += fact.points();
        }
        List<Rule> rules = new ArrayList<>();
        int total = 0;
        for (Map.Entry<PointsFact, Integer> row : table.all().entrySet()) {
            int[] sum = byFact.getOrDefault(row.getKey(), new int[2]);
            rules.add(new Rule(row.getKey().fact(), row.getKey().label(), sum[0], row.getValue(), sum[1]));
            total += sum[1];
        }
        return new MemberPoints(memberId, name, branchId, year, asOf, table.version(), total, rules, List.copyOf(facts));
    }

    private static void add(List<Fact> facts, Document scored, int year, LocalDate asOf, PointsTable table) {
        LocalDate on = LocalDate.parse(scored.getString("on"));
        if (on.getYear() == year && !on.isAfter(asOf)) {
            facts.add(fact(PointsFact.named(scored.getString("fact")).orElseThrow(), on, scored.getInteger("count"),
                    scored.getString("source"), table));
        }
    }

    private static Fact fact(PointsFact fact, LocalDate on, int count, String source, PointsTable table) {
        return new Fact(fact.fact(), fact.label(), on, count, count * table.points(fact), source);
    }
}

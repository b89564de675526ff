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
import java.util.HashMap;
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

    /** Where one member's scored facts go, one at a time: listed for a breakdown, summed for a ranking. */
    @FunctionalInterface
    interface Facts {
        void add(PointsFact fact, LocalDate on, int count, String source);
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
        Map<String, List<Document>> creditsOf = new HashMap<>();
        credits.forEach(c -> creditsOf.computeIfAbsent(c.getString("memberId"), k -> new ArrayList<>()).add(c));
        Map<String, List<Document>> byBranch = studyDaysByBranch(studyDays, year, asOf);
        List<MemberPoints> result = new ArrayList<>();
        for (Document member : members) {
            String id = member.getString("_id");
            List<Fact> facts = new ArrayList<>();
            facts(member, creditsOf.getOrDefault(id, List.of()), byBranch, year, asOf,
                    (fact, on, count, source) -> facts.add(fact(fact, on, count, source, table)));
            result.add(of(id, member.getString("name"), branchOn(member, placedOn), year, asOf, table, facts));
        }
        return result;
    }

    /**
     * The study days a member may be left behind at by {@code asOf} (of the year, at least {@value
     * #LEFT_BEHIND_AFTER_DAYS} days past), by branch.
     */
    static Map<String, List<Document>> studyDaysByBranch(Iterable<Document> studyDays, int year, LocalDate asOf) {
        LocalDate lastStudyDay = lastLeftBehindDate(asOf);
        Map<String, List<Document>> byBranch = new HashMap<>();
        for (Document studyDay : studyDays) {
            LocalDate date = studyDay.getString("date") == null ? null : LocalDate.parse(studyDay.getString("date"));
            if (date != null && date.getYear() == year && !date.isAfter(lastStudyDay)) {
                byBranch.computeIfAbsent(studyDay.getString("branchId"), k -> new ArrayList<>()).add(studyDay);
            }
        }
        return byBranch;
    }

    /**
     * Every fact of the year by {@code asOf} that scores the member, in no particular order: those of their own
     * stream, those of their {@code credits} and the study days of {@code studyDaysByBranch} they were left behind at.
     */
    static void facts(Document member, Iterable<Document> credits, Map<String, List<Document>> studyDaysByBranch,
                      int year, LocalDate asOf, Facts sink) {
        scored(member, year, asOf, sink);
        credits.forEach(credit -> scored(credit, year, asOf, sink));
        List<Document> studyDays = new ArrayList<>();
        for (String branch : MemberDocuments.dailyBranchKeys(member).get(MemberDocuments.DAILY_BRANCH_INDEX)) {
            studyDays.addAll(studyDaysByBranch.getOrDefault(branch, List.of()));
        }
        if (studyDays.isEmpty()) {
            return;
        }
        Map<String, AttendanceFigures> figures = AttendanceFigures.ofEach(studyDays,
                List.of(AttendanceFigures.recordedBy(member, asOf)));
        for (Document studyDay : studyDays) {
            if (!figures.get(studyDay.getString("_id")).leftBehind().isEmpty()) {
                sink.add(PointsFact.STUDY_DAY_LEFT_BEHIND, LocalDate.parse(studyDay.getString("date")), 1,
                        studyDay.getString("_id"));
            }
        }
    }

    /** The scored facts a member or credit document keeps, of the year and dated by {@code asOf}. */
    static void scored(Document document, int year, LocalDate asOf, Facts sink) {
        for (Document scored : document.getList(PointsProjection.SCORED, Document.class, List.of())) {
            LocalDate on = LocalDate.parse(scored.getString("on"));
            if (on.getYear() == year && !on.isAfter(asOf)) {
                sink.add(PointsFact.named(scored.getString("fact")).orElseThrow(), on, scored.getInteger("count"),
                        scored.getString("source"));
            }
        }
    }

    /** The member's daily-management branch on {@code placedOn}, where the ranking places them. */
    static String branchOn(Document member, LocalDate placedOn) {
        OrganizationId branch = MemberState.dailyBranchOn(MemberDocuments.dailyHistory(member), placedOn);
        return branch == null ? null : branch.value();
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

    private static Fact fact(PointsFact fact, LocalDate on, int count, String source, PointsTable table) {
        return new Fact(fact.fact(), fact.label(), on, count, count * table.points(fact), source);
    }
}

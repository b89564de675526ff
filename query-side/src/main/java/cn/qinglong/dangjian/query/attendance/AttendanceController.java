package cn.qinglong.dangjian.query.attendance;

import cn.qinglong.dangjian.security.problem.InvalidInput;
import cn.qinglong.dangjian.security.problem.NotFound;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import com.mongodb.client.model.Projections;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AttendanceController {

    private final Generations runtime;

    /** What {@link AttendanceFigures} reads of a member: a fraction of the member document. */
    private static final Bson FIGURES = Projections.include(AttendanceFigures.READS);

    private final ViewAnswers answers;
    private final MemberReach reach;

    AttendanceController(Generations runtime, ViewAnswers answers, MemberReach reach) {
        this.runtime = runtime;
        this.answers = answers;
        this.reach = reach;
    }

    record StudyDayAttendance(String studyDayId, String branchId, LocalDate date, String topic, boolean cancelled,
                              int expected, int attended, Map<StudyMode, Integer> byMode, int excused,
                              int madeUp, List<String> leftBehind, List<String> followedUp, boolean zeroLeftBehind,
                              BigDecimal rate) {
    }

    /** One study day a member was expected at, and how it went for them. */
    record MemberStudyDay(String studyDayId, LocalDate date, String branchId, Outcome outcome, StudyMode mode,
                          boolean followedUp) {
    }

    enum Outcome { ATTENDED, EXCUSED, MADE_UP, LEFT_BEHIND }

    record LeftBehindMember(String memberId, String name, String branchId, int leftBehind, int followedUp,
                            List<String> studyDayIds) {
    }

    record LeftBehindList(String organizationId, LocalDate from, LocalDate to, int min, List<LeftBehindMember> items) {
    }

    record RateRow(String key, long expected, long attended, BigDecimal rate) {
    }

    record Rates(String by, LocalDate from, LocalDate to, String branchId, int studyDays, List<RateRow> items) {
    }

    /**
     * One study day's figures. For a branch secretary or group leader, a study day of a branch their scope does not
     * name is unknown (404), and the figures count only the members in their reach.
     */
    @GetMapping("/api/study-days/{id}/attendance")
    @ReadsView(AttendanceProjection.NAME)
    StudyDayAttendance studyDay(@PathVariable String id) {
        String studyDayId = QueryParams.id("id", id);
        return answers.answer(AttendanceProjection.NAME, () -> figures(studyDayId), "study-day", studyDayId);
    }

    /**
     * A miss reads the branch's members once (the figures' fields only) and computes every study day of the branch
     * from them (kept as one answer), so a branch's study days cost one read of its members rather than one each.
     */
    private StudyDayAttendance figures(String studyDayId) {
        ViewCollections views = runtime.views(AttendanceProjection.NAME);
        Document studyDay = views.get(AttendanceProjection.STUDY_DAYS).find(eq("_id", studyDayId)).first();
        if (studyDay == null || studyDay.getString("date") == null
                || !reach.reachesOrganization(studyDay.getString("branchId"))) {
            throw new NotFound("study day", studyDayId);
        }
        String branchId = studyDay.getString("branchId");
        Map<String, StudyDayAttendance> ofBranch = answers.answer(AttendanceProjection.NAME,
                () -> branchFigures(branchId), "study-days of branch", branchId);
        StudyDayAttendance figures = ofBranch.get(studyDayId);
        return figures != null ? figures
                : attendance(studyDay, AttendanceFigures.of(studyDay, membersOf(views, Set.of(branchId), FIGURES)));
    }

    private Map<String, StudyDayAttendance> branchFigures(String branchId) {
        ViewCollections views = runtime.views(AttendanceProjection.NAME);
        List<Document> studyDays = new ArrayList<>();
        for (Document studyDay : views.get(AttendanceProjection.STUDY_DAYS).find(eq("branchId", branchId))) {
            if (studyDay.getString("date") != null) {
                studyDays.add(studyDay);
            }
        }
        Map<String, AttendanceFigures> figures = AttendanceFigures.ofEach(studyDays,
                membersOf(views, Set.of(branchId), FIGURES));
        Map<String, StudyDayAttendance> attendance = new HashMap<>();
        for (Document studyDay : studyDays) {
            attendance.put(studyDay.getString("_id"), attendance(studyDay, figures.get(studyDay.getString("_id"))));
        }
        return attendance;
    }

    private static StudyDayAttendance attendance(Document studyDay, AttendanceFigures figures) {
        return new StudyDayAttendance(studyDay.getString("_id"), studyDay.getString("branchId"),
                LocalDate.parse(studyDay.getString("date")), studyDay.getString("topic"),
                Boolean.TRUE.equals(studyDay.getBoolean("cancelled")), figures.expected().size(),
                figures.attended().size(), figures.byMode(), figures.excused().size(), figures.madeUp().size(),
                List.copyOf(figures.leftBehind()), List.copyOf(figures.followedUp()), figures.zeroLeftBehind(),
                rate(figures.attended().size(), figures.expected().size()));
    }

    /**
     * Attendance over the study days held (not cancelled) from {@code from} to {@code to}, grouped by month, by
     * branch, by branch and month (key {@code branchId/YYYY-MM}: the whole heat map in one request), or by mode
     * (then expected is every expected member and attended those who came by that mode). For a
     * branch secretary or group leader only the members in their reach count, and only the study days at which one
     * of them was expected (so {@code studyDays} and the rows leave out branches that are not theirs).
     */
    @GetMapping("/api/attendance/rates")
    @ReadsView(AttendanceProjection.NAME)
    Rates rates(@RequestParam(required = false) String branchId, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String by) {
        String branch = QueryParams.id("branchId", branchId);
        LocalDate start = QueryParams.dateOrMonth("from", from, false);
        LocalDate end = QueryParams.dateOrMonth("to", to, true);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidInput("to", "must not be before from");
        }
        String grouping = by == null || by.isBlank() ? "month" : by;
        if (!Set.of("month", "mode", "branch", "branch-month").contains(grouping)) {
            throw new InvalidInput("by", "must be one of [month, mode, branch, branch-month]");
        }
        boolean everyone = reach.subdistrictWide();
        return answers.answer(AttendanceProjection.NAME, () -> rates(branch, start, end, grouping, everyone), "rates",
                branch, start, end, grouping);
    }

    private Rates rates(String branch, LocalDate start, LocalDate end, String grouping, boolean everyone) {
        List<StudyDayAttendance> held = held(branch == null ? null : Set.of(branch), start, end);
        Map<String, long[]> rows = new TreeMap<>();
        int counted = 0;
        for (StudyDayAttendance day : held) {
            if (!everyone && day.expected() == 0) {
                continue;
            }
            counted++;
            switch (grouping) {
                case "mode" -> {
                    for (StudyMode mode : StudyMode.values()) {
                        add(rows, mode.name(), day.expected(), day.byMode().get(mode));
                    }
                }
                case "branch" -> add(rows, day.branchId(), day.expected(), day.attended());
                case "branch-month" -> add(rows, day.branchId() + "/" + YearMonth.from(day.date()), day.expected(),
                        day.attended());
                default -> add(rows, YearMonth.from(day.date()).toString(), day.expected(), day.attended());
            }
        }
        List<RateRow> items = rows.entrySet().stream()
                .map(e -> new RateRow(e.getKey(), e.getValue()[0], e.getValue()[1], rate(e.getValue()[1], e.getValue()[0])))
                .toList();
        return new Rates(grouping, start, end, branch, counted, items);
    }

    /**
     * Each study day (held, not cancelled, from {@code from} to {@code to}) the member was expected at, by the
     * branch that ran their daily education on its date, with its outcome: attended (in which mode), excused, made
     * up, or left behind; and whether someone followed them up.
     */
    @GetMapping("/api/members/{id}/attendance")
    @ReadsView(AttendanceProjection.NAME)
    List<MemberStudyDay> memberAttendance(@PathVariable String id, @RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to) {
        String memberId = QueryParams.id("id", id);
        LocalDate start = QueryParams.dateOrMonth("from", from, false);
        LocalDate end = QueryParams.dateOrMonth("to", to, true);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidInput("to", "must not be before from");
        }
        ViewCollections views = runtime.views(AttendanceProjection.NAME);
        Document member = views.get(MemberFoldProjection.MEMBERS).find(eq("_id", memberId)).first();
        if (member == null || !reach.reaches(memberId)) {
            throw new NotFound("member", memberId);
        }
        Set<String> branches = new TreeSet<>();
        member.getList(AttendanceProjection.DAILY_HISTORY, Document.class, List.of()).stream()
                .map(e -> e.getString("branchId")).filter(b -> b != null).forEach(branches::add);
        List<MemberStudyDay> days = new ArrayList<>();
        for (Document studyDay : heldStudyDays(views, branches, start, end)) {
            AttendanceFigures figures = AttendanceFigures.of(studyDay, List.of(member));
            if (figures.expected().isEmpty()) {
                continue;
            }
            String studyDayId = studyDay.getString("_id");
            Document attendance = AttendanceFigures.entry(member, AttendanceProjection.ATTENDED, studyDayId);
            Outcome outcome = !figures.attended().isEmpty() ? Outcome.ATTENDED
                    : !figures.madeUp().isEmpty() ? Outcome.MADE_UP
                    : !figures.excused().isEmpty() ? Outcome.EXCUSED : Outcome.LEFT_BEHIND;
            StudyMode mode = attendance != null ? StudyMode.valueOf(attendance.getString("mode"))
                    : outcome == Outcome.MADE_UP ? StudyMode.valueOf(AttendanceFigures.entry(member,
                    AttendanceProjection.MADE_UP, studyDayId).getString("mode")) : null;
            days.add(new MemberStudyDay(studyDayId, LocalDate.parse(studyDay.getString("date")),
                    studyDay.getString("branchId"), outcome, mode,
                    AttendanceFigures.entry(member, AttendanceProjection.FOLLOWED_UP, studyDayId) != null));
        }
        return days;
    }

    /**
     * 零掉队 over a window: the members left behind at least {@code min} times (default 2) at the study days held
     * from {@code from} to {@code to} by the organisation's branches (the organisation and everything below it;
     * without one, the whole subdistrict), with how many of those times someone followed them up.
     */
    @GetMapping("/api/attendance/left-behind")
    @ReadsView(AttendanceProjection.NAME)
    LeftBehindList leftBehind(@RequestParam(required = false) String organizationId,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(required = false) String min) {
        String organization = QueryParams.id("organizationId", organizationId);
        LocalDate start = QueryParams.dateOrMonth("from", from, false);
        LocalDate end = QueryParams.dateOrMonth("to", to, true);
        int times;
        try {
            times = min == null || min.isBlank() ? 2 : Integer.parseInt(min);
        } catch (NumberFormatException e) {
            throw new InvalidInput("min", "must be a whole number from 1");
        }
        if (times < 1) {
            throw new InvalidInput("min", "must be a whole number from 1");
        }
        return answers.answer(AttendanceProjection.NAME, () -> leftBehind(organization, start, end, times),
                "left-behind", organization, start, end, times);
    }

    /** One pass over the window's study days and their figures; then the names of those listed. */
    private LeftBehindList leftBehind(String organization, LocalDate start, LocalDate end, int times) {
        ViewCollections views = runtime.views(AttendanceProjection.NAME);
        Set<String> scope = null;
        if (organization != null) {
            OrganizationTree tree = OrganizationTree.read(views.get(AttendanceProjection.ORGANIZATIONS));
            if (!tree.contains(organization) || !reach.reachesOrganization(organization)) {
                throw new NotFound("organization", organization);
            }
            scope = tree.subtree(organization);
        }
        Map<String, List<String>> missed = new TreeMap<>();
        Map<String, Integer> reached = new HashMap<>();
        Map<String, String> lastBranch = new HashMap<>();
        for (StudyDayAttendance day : held(scope, start, end)) {
            Set<String> followedUp = Set.copyOf(day.followedUp());
            for (String memberId : day.leftBehind()) {
                missed.computeIfAbsent(memberId, k -> new ArrayList<>()).add(day.studyDayId());
                lastBranch.put(memberId, day.branchId());
                if (followedUp.contains(memberId)) {
                    reached.merge(memberId, 1, Integer::sum);
                }
            }
        }
        missed.values().removeIf(ids -> ids.size() < times);
        Map<String, String> names = new HashMap<>();
        if (!missed.isEmpty()) {
            views.get(MemberFoldProjection.MEMBERS).find(in("_id", missed.keySet()))
                    .projection(Projections.include("name"))
                    .forEach(member -> names.put(member.getString("_id"), member.getString("name")));
        }
        List<LeftBehindMember> items = new ArrayList<>();
        missed.forEach((memberId, ids) -> items.add(new LeftBehindMember(memberId, names.get(memberId),
                lastBranch.get(memberId), ids.size(), reached.getOrDefault(memberId, 0), List.copyOf(ids))));
        items.sort(Comparator.comparingInt(LeftBehindMember::leftBehind).reversed()
                .thenComparing(LeftBehindMember::memberId));
        return new LeftBehindList(organization, start, end, times, items);
    }

    /**
     * The study days held (not cancelled) from {@code start} to {@code end} by these branches (null: every branch),
     * by date, each with its figures, taken from its branch's kept figures ({@link #branchFigures}): the study-day
     * view, the rates and the left-behind list read a branch's members once between them, and always agree.
     */
    private List<StudyDayAttendance> held(Collection<String> branches, LocalDate start, LocalDate end) {
        List<Document> studyDays = heldStudyDays(runtime.views(AttendanceProjection.NAME), branches, start, end);
        Set<String> ids = new HashSet<>();
        studyDays.forEach(day -> ids.add(day.getString("_id")));
        List<StudyDayAttendance> held = new ArrayList<>();
        for (String branch : branches(studyDays)) {
            answers.answer(AttendanceProjection.NAME, () -> branchFigures(branch), "study-days of branch", branch)
                    .values().stream().filter(day -> ids.contains(day.studyDayId())).forEach(held::add);
        }
        held.sort(Comparator.comparing(StudyDayAttendance::date).thenComparing(StudyDayAttendance::studyDayId));
        return held;
    }

    private static Set<String> branches(List<Document> studyDays) {
        Set<String> branches = new TreeSet<>();
        studyDays.forEach(d -> branches.add(d.getString("branchId")));
        return branches;
    }

    /** The study days held (not cancelled) by the branches (null: every branch) within the window, by date. */
    private static List<Document> heldStudyDays(ViewCollections views, Collection<String> branches, LocalDate start,
                                                LocalDate end) {
        List<Bson> filters = new ArrayList<>();
        filters.add(eq("cancelled", false));
        if (branches != null) {
            filters.add(in("branchId", branches));
        }
        if (start != null) {
            filters.add(gte("date", start.toString()));
        }
        if (end != null) {
            filters.add(lte("date", end.toString()));
        }
        List<Document> days = views.get(AttendanceProjection.STUDY_DAYS).find(and(filters)).into(new ArrayList<>());
        days.removeIf(d -> d.getString("date") == null);
        days.sort(Comparator.comparing((Document d) -> d.getString("date")).thenComparing(d -> d.getString("_id")));
        return days;
    }

    /** {@link MemberReach#byDailyBranch}, {@code fields} of them; none for no branches. */
    private Iterable<Document> membersOf(ViewCollections views, Set<String> branches, Bson fields) {
        return branches.isEmpty() ? List.of() : reach.byDailyBranch(views, branches).projection(fields);
    }

    private static void add(Map<String, long[]> rows, String key, long expected, long attended) {
        long[] row = rows.computeIfAbsent(key, k -> new long[2]);
        row[0] += expected;
        row[1] += attended;
    }

    static BigDecimal rate(long attended, long expected) {
        return expected == 0 ? null : BigDecimal.valueOf(attended).divide(BigDecimal.valueOf(expected), 4, RoundingMode.HALF_UP);
    }
}

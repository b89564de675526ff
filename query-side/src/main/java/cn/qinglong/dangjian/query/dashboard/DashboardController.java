package cn.qinglong.dangjian.query.dashboard;

import cn.qinglong.dangjian.security.problem.NotFound;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.query.projection.NoticeDocuments;
import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import cn.qinglong.dangjian.security.Caller;
import cn.qinglong.dangjian.security.Role.Access;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
record DashboardController(Generations runtime, Today today, ViewAnswers answers, MemberReach reach) {

    record Indicator(String difficulty, String label, String indicator, long numerator, long denominator,
                     BigDecimal value, String definition) {
    }

    record Dashboard(String organizationId, String name, LocalDate asOf, long activeMembers, List<Indicator> items) {
    }

    /**
     * The eight indicators for one organization and everything below it (members by their daily-management
     * branch); without {@code organizationId}, for the whole subdistrict. For a branch secretary or group leader,
     * an organization outside their scope (the organisations {@code org_scope} names and everything below them) is
     * unknown (404), the member indicators count only the members in their reach, and "holding activities" only
     * the branches of their scope.
     */
    @GetMapping("/api/dashboard/difficulties")
    @ReadsView(DashboardProjection.NAME)
    Dashboard difficulties(@RequestParam(required = false) String organizationId) {
        String id = QueryParams.id("organizationId", organizationId);
        LocalDate date = today.date();
        return answers.answer(DashboardProjection.NAME, () -> difficulties(id, date), "difficulties", id, date);
    }

    private Dashboard difficulties(String id, LocalDate date) {
        ViewCollections views = runtime.views(DashboardProjection.NAME);
        OrganizationTree tree = OrganizationTree.read(views.get(DashboardProjection.ORGANIZATIONS));
        Set<String> scope = new LinkedHashSet<>();
        Caller caller = Caller.current();
        Set<String> reachable = new LinkedHashSet<>();
        caller.scope(Access.READ).stream().filter(tree::contains).forEach(o -> reachable.addAll(tree.subtree(o)));
        String name;
        if (id != null) {
            if (!tree.contains(id) || !caller.subdistrictWide() && !reachable.contains(id)) {
                throw new NotFound("organization", id);
            }
            scope.addAll(tree.subtree(id));
            name = tree.get(id).getString("name");
        } else {
            tree.roots().forEach(root -> scope.addAll(tree.subtree(root)));
            name = tree.roots().size() == 1 ? tree.get(tree.roots().get(0)).getString("name") : null;
        }
        List<NoticeIssued> notices = new ArrayList<>();
        java.util.Map<String, Set<String>> noticeScopes = new java.util.HashMap<>();
        for (Document notice : views.get(DashboardProjection.NOTICES)
                .find(com.mongodb.client.model.Filters.gt("issuedOn", date.minusDays(90).toString()))) {
            if (notice.getString("issuedOn") != null && tree.contains(notice.getString("organizationId"))) {
                notices.add(NoticeDocuments.issued(notice));
                noticeScopes.put(notice.getString("_id"), tree.subtree(notice.getString("organizationId")));
            }
        }
        long[] n = new long[Difficulty.values().length];
        long active = 0;
        long inTransition = 0;
        for (Document d : views.get(MemberFoldProjection.MEMBERS)
                .find(reach.narrow(and(eq("status", MembershipStatus.ACTIVE.name()), in("dailyBranchId", scope))))) {
            MemberState m = MemberDocuments.state(d);
            active++;
            count(n, Difficulty.ATTENDING_ORGANIZATIONAL_LIFE, within(m.lastAttendanceOn(), date.minusDays(90)));
            if (m.residence() != null && m.residence().status() == ResidenceStatus.TRANSITION) {
                inTransition++;
                count(n, Difficulty.GROUP_MEETINGS, within(date(d, DashboardProjection.LAST_GROUP_MEETING_ON),
                        date.minusDays(90)));
            }
            count(n, Difficulty.TALKS, within(date(d, "lastTalkOn"), date.minusMonths(12)));
            List<String> acknowledged = d.getList(DashboardProjection.ACKNOWLEDGED_NOTICES, String.class, List.of());
            count(n, Difficulty.KEEPING_CONTACT, !m.contactLost() && notices.stream()
                    .filter(notice -> notice.isFor(m.dailyHistory(),
                            branch -> noticeScopes.get(notice.noticeId().value()).contains(branch.value())))
                    .allMatch(notice -> acknowledged.contains(notice.noticeId().value())));
            count(n, Difficulty.VANGUARD_ROLE, m.vanguardActivities() > 0 || m.householdsLinked() > 0);
            count(n, Difficulty.KNOWING_PERFORMANCE, m.contactCardCompleteOn(date)
                    && within(date(d, "lastEvaluatedOn"), date.minusMonths(12)));
        }
        YearMonth lastMonth = YearMonth.from(date).minusMonths(1);
        long duesPayers = 0;
        // the committee's and auditors' counts come from the dues key indexes, a scoped caller's from their members
        Optional<long[]> dues = caller.subdistrictWide()
                ? DuesIndex.paying(views.get(KeyIndex.COLLECTION), scope, lastMonth) : Optional.empty();
        if (dues.isPresent()) {
            duesPayers = dues.get()[0];
            n[Difficulty.PAYING_DUES.ordinal()] = dues.get()[1];
        } else {
            for (Document d : views.get(MemberFoldProjection.MEMBERS)
                    .find(reach.narrow(and(eq("status", MembershipStatus.ACTIVE.name()), in("branchId", scope))))) {
                duesPayers++;
                count(n, Difficulty.PAYING_DUES, DuesController.paying(MemberDocuments.state(d), lastMonth));
            }
        }
        if (!caller.subdistrictWide()) {
            scope.retainAll(reachable);
        }
        long branches = scope.stream().filter(o -> "BRANCH".equals(tree.get(o).getString("level"))
                && tree.get(o).getString("dissolvedOn") == null).count();
        if (branches == 0 && id != null && "GENERAL_BRANCH".equals(tree.get(id).getString("level"))) {
            branches = 1;
        }
        String firstMonth = YearMonth.from(date).minusMonths(11).atDay(1).toString();
        Set<String> branchMonths = new java.util.HashSet<>();
        views.get(DashboardProjection.STUDY_DAYS).find(and(in("branchId", scope), eq("cancelled", false),
                        com.mongodb.client.model.Filters.gte("date", firstMonth),
                        com.mongodb.client.model.Filters.lte("date", date.toString())))
                .forEach(s -> branchMonths.add(s.getString("branchId") + "|" + s.getString("date").substring(0, 7)));
        views.get(DashboardProjection.MEETINGS).find(and(in("organizationId", scope),
                        com.mongodb.client.model.Filters.gte("heldOn", firstMonth),
                        com.mongodb.client.model.Filters.lte("heldOn", date.toString())))
                .forEach(meeting -> {
                    if (!MeetingKind.valueOf(meeting.getString("kind")).heldByGroup()) {
                        branchMonths.add(meeting.getString("organizationId") + "|"
                                + meeting.getString("heldOn").substring(0, 7));
                    }
                });
        long held = branchMonths.size();
        List<Indicator> items = new ArrayList<>();
        for (Difficulty difficulty : Difficulty.values()) {
            long numerator = n[difficulty.ordinal()];
            long denominator = switch (difficulty) {
                case GROUP_MEETINGS -> inTransition;
                case PAYING_DUES -> duesPayers;
                case HOLDING_ACTIVITIES -> 12 * branches;
                default -> active;
            };
            if (difficulty == Difficulty.HOLDING_ACTIVITIES) {
                numerator = Math.min(held, denominator);
            }
            items.add(new Indicator(difficulty.name(), difficulty.label(), difficulty.indicator(), numerator,
                    denominator, denominator == 0 ? null
                    : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP),
                    difficulty.definition()));
        }
        return new Dashboard(id, name, date, active, items);
    }

    private static void count(long[] n, Difficulty difficulty, boolean yes) {
        if (yes) {
            n[difficulty.ordinal()]++;
        }
    }

    private static boolean within(LocalDate date, LocalDate since) {
        return date != null && !date.isBefore(since);
    }

    private static LocalDate date(Document d, String field) {
        String value = d.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }
}

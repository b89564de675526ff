package cn.qinglong.dangjian.query.points;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import cn.qinglong.dangjian.query.attendance.AttendanceFigures;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.security.problem.NotFound;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.text.CollationKey;
import java.text.Collator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 积分: the ranking of an organisation's members for a year, and one member's points explained fact by fact, both
 * as of a date (default today, Beijing time) under the configured {@link PointsTable}.
 */
@RestController
record PointsController(Generations runtime, ViewAnswers answers, MemberReach reach, Today today,
                        PointsTable table) {

    record Item(String memberId, String name, String branchId, int points) {
    }

    /** What scores of a member: {@link AttendanceFigures}'s fields for "left behind", the name and the scored facts. */
    private static final Bson SCORING = Projections.fields(Projections.include(AttendanceFigures.READS_AS_RECORDED),
            Projections.include("name", PointsProjection.SCORED));

    record Ranking(String organizationId, int year, LocalDate asOf, String table, List<Item> items, int page, int size,
                   long total) {
    }

    /**
     * The members whose daily-management branch is the organisation or below it (without one: every member the
     * caller reaches), placed on the year's last day or {@code asOf} if earlier; most points first, then by name (in pinyin order).
     */
    @GetMapping("/api/points")
    @ReadsView(PointsProjection.NAME)
    Ranking ranking(@RequestParam(required = false) String organizationId, @RequestParam(required = false) String year,
                    @RequestParam(required = false) String asOf, @RequestParam(required = false) String page,
                    @RequestParam(required = false) String size) {
        String organization = QueryParams.id("organizationId", organizationId);
        LocalDate on = asOf(asOf);
        int y = year(year);
        QueryParams.Paging paging = QueryParams.paging(page, size);
        List<Item> all = answers.answer(PointsProjection.NAME, () -> rank(organization, y, on), "ranking",
                organization, y, on);
        List<Item> items = all.stream().skip(paging.skip()).limit(paging.size()).toList();
        return new Ranking(organization, y, on, table.version(), items, paging.page(), paging.size(), all.size());
    }

    /** {@code {points, rules: [{fact, label, count, each, points}], facts: [...], table}}: every fact that scored. */
    @GetMapping("/api/members/{id}/points")
    @ReadsView(PointsProjection.NAME)
    MemberPoints member(@PathVariable String id, @RequestParam(required = false) String year,
                        @RequestParam(required = false) String asOf) {
        String memberId = QueryParams.id("id", id);
        LocalDate on = asOf(asOf);
        int y = year(year);
        ViewCollections views = runtime.views(PointsProjection.NAME);
        Document member = views.get(MemberFoldProjection.MEMBERS).find(eq("_id", memberId)).projection(SCORING)
                .first();
        if (member == null || !reach.reaches(memberId)) {
            throw new NotFound("member", memberId);
        }
        Set<String> branches = MemberDocuments.dailyBranchKeys(member).get(MemberDocuments.DAILY_BRANCH_INDEX);
        List<Document> studyDays = views.get(PointsProjection.STUDY_DAYS)
                .find(and(in("branchId", branches), countedStudyDays(y, on))).into(new ArrayList<>());
        List<Document> credits = credits(views, Set.of(memberId)).into(new ArrayList<>());
        return MemberPoints.score(List.of(member), credits, studyDays, y, on, placedOn(y, on), table).get(0);
    }

    /**
     * Reads each member once, only what scores ({@link #SCORING}), and keeps their total, never their facts: the
     * members come by daily branch ({@link MemberReach#byDailyBranch}), then their credits by the member they score.
     */
    private List<Item> rank(String organization, int year, LocalDate asOf) {
        ViewCollections views = runtime.views(PointsProjection.NAME);
        LocalDate placedOn = placedOn(year, asOf);
        FindIterable<Document> members;
        Set<String> scope;
        if (organization != null) {
            OrganizationTree tree = OrganizationTree.read(views.get(PointsProjection.ORGANIZATIONS));
            if (!tree.contains(organization) || !reach.reachesOrganization(organization)) {
                throw new NotFound("organization", organization);
            }
            scope = tree.subtree(organization);
            members = reach.byDailyBranch(views, scope);
        } else {
            scope = null;
            members = views.get(MemberFoldProjection.MEMBERS).find(reach.narrow(new Document()));
        }
        Map<String, List<Document>> studyDays = MemberPoints.studyDaysByBranch(
                views.get(PointsProjection.STUDY_DAYS).find(countedStudyDays(year, asOf)), year, asOf);
        Map<String, Item> placed = new HashMap<>();
        for (Document member : members.projection(SCORING)) {
            String branch = MemberPoints.branchOn(member, placedOn);
            if (branch != null && (scope == null || scope.contains(branch))) {
                String id = member.getString("_id");
                placed.put(id, new Item(id, member.getString("name"), branch,
                        points(sink -> MemberPoints.facts(member, List.of(), studyDays, year, asOf, sink))));
            }
        }
        if (!placed.isEmpty()) {
            for (Document credit : credits(views, placed.keySet())) {
                int credited = points(sink -> MemberPoints.scored(credit, year, asOf, sink));
                placed.computeIfPresent(credit.getString("memberId"), (id, item) ->
                        new Item(id, item.name(), item.branchId(), item.points() + credited));
            }
        }
        return ranked(placed.values());
    }

    /** An item and the collation key of its name, computed once, so a sort compares keys, not names. */
    private record ByName(Item item, CollationKey name) {
    }

    /**
     * Most points first, then by name in the Chinese collator's (pinyin) order, then by id. Each name's collation key
     * is computed once: comparing two Chinese names through the collator costs more than comparing their keys.
     */
    static List<Item> ranked(Collection<Item> items) {
        Collator chinese = Collator.getInstance(Locale.CHINA);
        return items.stream()
                .map(item -> new ByName(item, chinese.getCollationKey(item.name() == null ? "" : item.name())))
                .sorted(Comparator.comparingInt((ByName b) -> b.item().points()).reversed()
                        .thenComparing(ByName::name).thenComparing(b -> b.item().memberId()))
                .map(ByName::item)
                .toList();
    }

    /** The study days of the year a member may be counted left behind at by {@code asOf}. */
    private static Bson countedStudyDays(int year, LocalDate asOf) {
        return and(gte("date", LocalDate.of(year, 1, 1).toString()),
                lte("date", MemberPoints.lastLeftBehindDate(asOf).toString()));
    }

    /** The sum of the facts {@code facts} passes on, at this table's points. */
    private int points(Consumer<MemberPoints.Facts> facts) {
        int[] sum = new int[1];
        facts.accept((fact, on, count, source) -> sum[0] += count * table.points(fact));
        return sum[0];
    }

    /**
     * The credits of these members: through the view's key index by the member they score, or, for a view built
     * before it kept that index, by a query on {@code memberId}.
     */
    private static FindIterable<Document> credits(ViewCollections views, Set<String> memberIds) {
        MongoCollection<Document> credits = views.get(PointsProjection.CREDITS);
        return KeyIndex.lookup(views.get(KeyIndex.COLLECTION), PointsProjection.SCORED_MEMBER_INDEX, memberIds)
                .map(ids -> credits.find(in("_id", ids)))
                .orElseGet(() -> credits.find(in("memberId", memberIds)));
    }

    private static LocalDate placedOn(int year, LocalDate asOf) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        return asOf.isBefore(yearEnd) ? asOf : yearEnd;
    }

    private LocalDate asOf(String asOf) {
        LocalDate on = QueryParams.dateOrMonth("asOf", asOf, true);
        return on == null ? today.date() : on;
    }

    private int year(String year) {
        Integer y = QueryParams.optionalInt("year", year, 1900, 2100);
        return y == null ? today.date().getYear() : y;
    }
}

package cn.qinglong.dangjian.query.points;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.security.problem.NotFound;
import java.text.Collator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
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
        List<MemberPoints> all = answers.answer(PointsProjection.NAME, () -> rank(organization, y, on), "ranking",
                organization, y, on);
        List<Item> items = all.stream().skip(paging.skip()).limit(paging.size())
                .map(p -> new Item(p.memberId(), p.name(), p.branchId(), p.points())).toList();
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
        Document member = views.get(MemberFoldProjection.MEMBERS).find(eq("_id", memberId)).first();
        if (member == null || !reach.reaches(memberId)) {
            throw new NotFound("member", memberId);
        }
        return score(views, List.of(member), y, on).get(0);
    }

    private List<MemberPoints> rank(String organization, int year, LocalDate asOf) {
        ViewCollections views = runtime.views(PointsProjection.NAME);
        LocalDate placedOn = placedOn(year, asOf);
        Bson filter;
        Set<String> scope;
        if (organization != null) {
            OrganizationTree tree = OrganizationTree.read(views.get(PointsProjection.ORGANIZATIONS));
            if (!tree.contains(organization) || !reach.reachesOrganization(organization)) {
                throw new NotFound("organization", organization);
            }
            scope = tree.subtree(organization);
            filter = reach.narrow(in(PointsProjection.DAILY_HISTORY + ".branchId", scope));
        } else {
            scope = null;
            filter = reach.narrow(new Document());
        }
        List<Document> members = new ArrayList<>();
        for (Document member : views.get(MemberFoldProjection.MEMBERS).find(filter)) {
            OrganizationId branch = MemberState.dailyBranchOn(MemberDocuments.dailyHistory(member), placedOn);
            if (branch != null && (scope == null || scope.contains(branch.value()))) {
                members.add(member);
            }
        }
        List<MemberPoints> ranked = new ArrayList<>(score(views, members, year, asOf));
        ranked.sort(Comparator.comparingInt(MemberPoints::points).reversed()
                .thenComparing(p -> p.name() == null ? "" : p.name(), Collator.getInstance(Locale.CHINA))
                .thenComparing(MemberPoints::memberId));
        return List.copyOf(ranked);
    }

    /** The members' points, reading their credits and the study days of every branch their histories name. */
    private List<MemberPoints> score(ViewCollections views, List<Document> members, int year, LocalDate asOf) {
        if (members.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new TreeSet<>();
        Set<String> branches = new TreeSet<>();
        for (Document member : members) {
            ids.add(member.getString("_id"));
            MemberDocuments.dailyHistory(member).stream().filter(e -> e.branchId() != null)
                    .forEach(e -> branches.add(e.branchId().value()));
        }
        List<Document> credits = views.get(PointsProjection.CREDITS).find(in("memberId", ids)).into(new ArrayList<>());
        List<Document> studyDays = views.get(PointsProjection.STUDY_DAYS).find(and(in("branchId", branches),
                        gte("date", LocalDate.of(year, 1, 1).toString()),
                        lte("date", MemberPoints.lastLeftBehindDate(asOf).toString())))
                .into(new ArrayList<>());
        return MemberPoints.score(members, credits, studyDays, year, asOf, placedOn(year, asOf), table);
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

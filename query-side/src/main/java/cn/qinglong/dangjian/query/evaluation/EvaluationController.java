package cn.qinglong.dangjian.query.evaluation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.EvaluationRoundOpened;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.RaterKind;
import cn.qinglong.dangjian.kernel.evaluation.Satisfaction;
import cn.qinglong.dangjian.kernel.member.Rating;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.security.problem.NotFound;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 民主评议: the rounds, and each round's results (ratings by rater kind and grade, grades, satisfaction). */
@RestController
record EvaluationController(Generations runtime, ViewAnswers answers, Today today, MemberReach reach) {

    private static final Bson MEMBER_RESULT = Projections.include("name", "branchId", EvaluationProjection.RATINGS,
            EvaluationProjection.GRADES);

    /** A code with its Chinese label (declared on the enum) and a count. */
    record Count(String code, String label, long count) {
    }

    record Round(String roundId, String organizationId, String organizationName, int year, LocalDate opensOn,
                 LocalDate closesOn, boolean open) {
    }

    record Rounds(List<Round> items) {
    }

    record MemberResult(String memberId, String name, String branchId, String branchName,
                        Map<RaterKind, Map<Rating, Long>> ratings, long rated, String grade, String gradeLabel) {
    }

    record OrganizationResult(String organizationId, String name, long satisfied, long basicallySatisfied,
                              long dissatisfied, long total, BigDecimal rate) {
    }

    /**
     * {@code grades}: the distribution of the concluding grades; {@code raterKinds} and {@code ratingLabels}: the
     * labels of the codes the member rows use.
     */
    record Results(Round round, List<MemberResult> members, List<Count> grades, List<OrganizationResult> organizations,
                   Map<RaterKind, String> raterKinds, Map<Rating, String> ratingLabels,
                   Map<Satisfaction, String> satisfactionLabels) {
    }

    /** The rounds, newest year first; {@code organizationId} keeps those of that organisation, {@code year} of that year. */
    @GetMapping("/api/evaluation-rounds")
    @ReadsView(EvaluationProjection.NAME)
    Rounds rounds(@RequestParam(required = false) String organizationId, @RequestParam(required = false) String year) {
        String organization = QueryParams.id("organizationId", organizationId);
        Integer wanted = QueryParams.optionalInt("year", year, 1900, 2100);
        LocalDate date = today.date();
        return answers.answer(EvaluationProjection.NAME, () -> rounds(organization, wanted, date), "rounds",
                organization, wanted, date);
    }

    private Rounds rounds(String organization, Integer year, LocalDate date) {
        ViewCollections views = runtime.views(EvaluationProjection.NAME);
        OrganizationTree tree = OrganizationTree.read(views.get(EvaluationProjection.ORGANIZATIONS));
        List<Bson> filters = new ArrayList<>();
        filters.add(com.mongodb.client.model.Filters.ne("opensOn", null));
        if (organization != null) {
            filters.add(eq("organizationId", organization));
        }
        if (year != null) {
            filters.add(eq("year", year));
        }
        List<Round> items = new ArrayList<>();
        views.get(EvaluationProjection.ROUNDS).find(and(filters)).sort(Sorts.descending("year", "opensOn"))
                .forEach(d -> items.add(round(d, tree, date)));
        return new Rounds(items);
    }

    /** One round's results; an unknown round is a 404. */
    @GetMapping("/api/evaluation-rounds/{id}/results")
    @ReadsView(EvaluationProjection.NAME)
    Results results(@PathVariable String id) {
        String roundId = QueryParams.id("id", id);
        LocalDate date = today.date();
        return answers.answer(EvaluationProjection.NAME, () -> results(roundId, date), "results", roundId, date);
    }

    private Results results(String roundId, LocalDate date) {
        ViewCollections views = runtime.views(EvaluationProjection.NAME);
        Document round = views.get(EvaluationProjection.ROUNDS).find(eq("_id", roundId)).first();
        if (round == null || round.getString("opensOn") == null) {
            throw new NotFound("evaluation round", roundId);
        }
        OrganizationTree tree = OrganizationTree.read(views.get(EvaluationProjection.ORGANIZATIONS));
        List<MemberResult> members = new ArrayList<>();
        Map<Rating, Long> grades = new EnumMap<>(Rating.class);
        for (Rating rating : Rating.values()) {
            grades.put(rating, 0L);
        }
        for (Document member : membersOf(views, roundId)) {
            MemberResult result = memberResult(member, roundId, tree);
            if (result.rated() == 0 && result.grade() == null) {
                continue;
            }
            members.add(result);
            if (result.grade() != null) {
                grades.merge(Rating.valueOf(result.grade()), 1L, Long::sum);
            }
        }
        members.sort(Comparator.comparing(MemberResult::branchId, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(MemberResult::name, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(MemberResult::memberId));
        List<Count> distribution = new ArrayList<>();
        grades.forEach((rating, n) -> distribution.add(new Count(rating.name(), rating.label(), n)));
        return new Results(round(round, tree, date), members, distribution, organizations(round, tree),
                labels(RaterKind.class, RaterKind::label), labels(Rating.class, Rating::label),
                labels(Satisfaction.class, Satisfaction::label));
    }

    /**
     * The members rated or graded in the round (what a member row shows), through the round key index
     * ({@link MemberReach#byKey}), maybe with a few it still names though they no longer are (callers check).
     */
    private Iterable<Document> membersOf(ViewCollections views, String roundId) {
        return reach.byKey(views, EvaluationProjection.ROUND_INDEX, List.of(roundId),
                or(eq(EvaluationProjection.RATINGS + ".roundId", roundId),
                        eq(EvaluationProjection.GRADES + ".roundId", roundId))).projection(MEMBER_RESULT);
    }

    private static MemberResult memberResult(Document member, String roundId, OrganizationTree tree) {
        Map<RaterKind, Map<Rating, Long>> ratings = new EnumMap<>(RaterKind.class);
        for (RaterKind kind : RaterKind.values()) {
            Map<Rating, Long> byRating = new EnumMap<>(Rating.class);
            for (Rating rating : Rating.values()) {
                byRating.put(rating, 0L);
            }
            ratings.put(kind, byRating);
        }
        long rated = 0;
        for (Document r : EvaluationProjection.list(member, EvaluationProjection.RATINGS)) {
            if (roundId.equals(r.getString("roundId"))) {
                ratings.get(RaterKind.valueOf(r.getString("raterKind"))).merge(Rating.valueOf(r.getString("rating")), 1L, Long::sum);
                rated++;
            }
        }
        String grade = EvaluationProjection.list(member, EvaluationProjection.GRADES).stream()
                .filter(g -> roundId.equals(g.getString("roundId"))).map(g -> g.getString("rating")).findFirst()
                .orElse(null);
        String branchId = member.getString("branchId");
        return new MemberResult(member.getString("_id"), member.getString("name"), branchId, name(tree, branchId),
                ratings, rated, grade, grade == null ? null : Rating.valueOf(grade).label());
    }

    /**
     * Satisfaction per organisation rated in the round: the satisfaction rate (满意率) counts the satisfied and the
     * basically satisfied out of all who rated it.
     */
    private static List<OrganizationResult> organizations(Document round, OrganizationTree tree) {
        Map<String, long[]> counts = EvaluationProjection.satisfaction(round);
        List<OrganizationResult> rows = new ArrayList<>();
        counts.forEach((id, c) -> {
            long total = c[0] + c[1] + c[2];
            rows.add(new OrganizationResult(id, name(tree, id), c[Satisfaction.SATISFIED.ordinal()],
                    c[Satisfaction.BASICALLY_SATISFIED.ordinal()], c[Satisfaction.DISSATISFIED.ordinal()], total,
                    rate(c[Satisfaction.SATISFIED.ordinal()] + c[Satisfaction.BASICALLY_SATISFIED.ordinal()], total)));
        });
        return rows;
    }

    private static Round round(Document d, OrganizationTree tree, LocalDate date) {
        var opened = new EvaluationRoundOpened(EvaluationRoundId.of(d.getString("_id")),
                OrganizationId.of(d.getString("organizationId")), d.getInteger("year"),
                LocalDate.parse(d.getString("opensOn")), LocalDate.parse(d.getString("closesOn")));
        return new Round(d.getString("_id"), d.getString("organizationId"), name(tree, d.getString("organizationId")),
                opened.year(), opened.opensOn(), opened.closesOn(), opened.openOn(date));
    }

    private static String name(OrganizationTree tree, String id) {
        if (id == null || !tree.contains(id)) {
            return id;
        }
        String name = tree.get(id).getString("name");
        return name != null ? name : id;
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** Each constant's Chinese label, as the enum declares it. */
    private static <E extends Enum<E>> Map<E, String> labels(Class<E> type, java.util.function.Function<E, String> label) {
        Map<E, String> labels = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            labels.put(constant, label.apply(constant));
        }
        return labels;
    }
}

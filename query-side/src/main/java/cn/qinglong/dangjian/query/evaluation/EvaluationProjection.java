package cn.qinglong.dangjian.query.evaluation;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.EvaluationRoundOpened;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.OrganizationRated;
import cn.qinglong.dangjian.kernel.evaluation.Satisfaction;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.EvaluationRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRated;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.query.projection.Bson;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.OrganizationDocuments;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * 民主评议: the rounds (each from its own stream, with how satisfied the members were with each organisation), the
 * organisations (for names and the round's subtree), and per member the ratings given to them and their concluding
 * grades, each by round. The first record per rater (or per round, for a grade) counts: the command side refuses a
 * different second.
 */
@Component
class EvaluationProjection extends MemberFoldProjection {

    static final String NAME = "evaluation";
    static final String ROUNDS = "rounds";
    static final String ORGANIZATIONS = "organizations";
    static final String RATINGS = "ratings";
    static final String GRADES = "grades";
    /** Per organisation rated in the round, how many rated it at each {@link Satisfaction}. */
    static final String SATISFACTION = "satisfaction";
    /** The ratings themselves, one entry each, as generations built before {@link #SATISFACTION} kept them. */
    static final String ORGANIZATION_RATINGS = "organizationRatings";
    /** {@link KeyIndex}: the rounds a member was rated or graded in, so a round finds its members. */
    static final String ROUND_INDEX = "round";
    /** The key indexes this view keeps. */
    private static final Set<String> INDEXES = Set.of(ROUND_INDEX);

    EvaluationProjection() {
        super(NAME, ROUNDS, ORGANIZATIONS, KeyIndex.COLLECTION);
    }

    @Override
    protected Map<String, Set<String>> keys(String collection, Document document) {
        if (!MEMBERS.equals(collection)) {
            return Map.of();
        }
        Set<String> rounds = new TreeSet<>();
        list(document, RATINGS).forEach(rating -> rounds.add(rating.getString("roundId")));
        list(document, GRADES).forEach(grade -> rounds.add(grade.getString("roundId")));
        return Map.of(ROUND_INDEX, rounds);
    }

    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending(RATINGS + ".roundId"));
        views.get(MEMBERS).createIndex(Indexes.ascending(GRADES + ".roundId"));
        views.get(ROUNDS).createIndex(Indexes.ascending("organizationId", "year"));
        KeyIndex.markCompleteIfEmpty(INDEXES, views.get(MEMBERS), views.get(KeyIndex.COLLECTION));
    }

    @Override
    protected Target otherTarget(Envelope event) {
        if (event.payload() instanceof EvaluationRoundEvent e) {
            return new Target(ROUNDS, e.roundId().value());
        }
        return event.payload() instanceof OrganizationEvent e ? new Target(ORGANIZATIONS, e.organizationId().value()) : null;
    }

    @Override
    protected Document foldOther(String collection, Document current, Envelope event) {
        if (event.payload() instanceof OrganizationEvent e) {
            return OrganizationDocuments.fold(current, e);
        }
        Document d = Bson.copy(current);
        if (event.payload() instanceof EvaluationRoundOpened e) {
            Bson.put(d, "organizationId", e.organizationId());
            d.put("year", e.year());
            Bson.put(d, "opensOn", e.opensOn());
            Bson.put(d, "closesOn", e.closesOn());
        } else if (event.payload() instanceof OrganizationRated e) {
            // counts, not the ratings: a round's document stays the size of its organisations, and each rating costs
            // the same however many came before; the round records one rating per member and organisation (it
            // refuses a second), and the fold takes each event once, so every rating event counts
            Map<String, long[]> counts = satisfaction(current);
            counts.computeIfAbsent(e.organizationId().value(), k -> new long[Satisfaction.values().length])
                    [e.satisfaction().ordinal()]++;
            List<Document> rows = new ArrayList<>();
            counts.forEach((organization, byLevel) -> {
                Document row = new Document("organizationId", organization);
                for (Satisfaction level : Satisfaction.values()) {
                    row.append(level.name(), byLevel[level.ordinal()]);
                }
                rows.add(row);
            });
            d.put(SATISFACTION, rows);
            d.remove(ORGANIZATION_RATINGS);
        }
        return d;
    }

    /**
     * How many rated each organisation at each {@link Satisfaction} (by its ordinal), by organisation: from the
     * round's counts, or, in a round document a generation built before them left as it was, from its ratings.
     */
    static Map<String, long[]> satisfaction(Document round) {
        Map<String, long[]> counts = new TreeMap<>();
        if (round == null) {
            return counts;
        }
        if (round.containsKey(SATISFACTION)) {
            for (Document row : list(round, SATISFACTION)) {
                long[] byLevel = new long[Satisfaction.values().length];
                for (Satisfaction level : Satisfaction.values()) {
                    byLevel[level.ordinal()] = ((Number) row.get(level.name())).longValue();
                }
                counts.put(row.getString("organizationId"), byLevel);
            }
            return counts;
        }
        for (Document r : list(round, ORGANIZATION_RATINGS)) {
            counts.computeIfAbsent(r.getString("organizationId"), k -> new long[Satisfaction.values().length])
                    [Satisfaction.valueOf(r.getString("satisfaction")).ordinal()]++;
        }
        return counts;
    }

    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        List<Document> ratings = new ArrayList<>(list(previous, RATINGS));
        if (event instanceof MemberRated e && ratings.stream().noneMatch(r -> e.roundId().value().equals(r.getString("roundId"))
                && e.raterKind().name().equals(r.getString("raterKind")) && e.raterId().equals(r.getString("raterId")))) {
            ratings.add(new Document("roundId", e.roundId().value()).append("raterKind", e.raterKind().name())
                    .append("raterId", e.raterId()).append("rating", e.rating().name())
                    .append("ratedOn", e.ratedOn().toString()));
        }
        document.put(RATINGS, ratings);
        List<Document> grades = new ArrayList<>(list(previous, GRADES));
        if (event instanceof EvaluationRecorded e && e.roundId() != null
                && grades.stream().noneMatch(g -> e.roundId().value().equals(g.getString("roundId")))) {
            grades.add(new Document("roundId", e.roundId().value()).append("period", e.period())
                    .append("rating", e.rating().name()).append("evaluatedOn", e.evaluatedOn().toString()));
        }
        document.put(GRADES, grades);
    }

    static List<Document> list(Document document, String field) {
        return document == null ? List.of() : document.getList(field, Document.class, List.of());
    }
}

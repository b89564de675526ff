package cn.qinglong.dangjian.query.points;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.query.attendance.AttendanceFigures;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.MemberOrganizationStudyDayProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The facts that score points, never the points: per member, their state (the dated daily-branch history), their
 * study-day facts as the attendance view keeps them ({@link AttendanceFigures#carry}, so "left behind" is that
 * view's rule) and the scored facts of their own stream; the study days and organisations; and in
 * {@value #CREDITS} the facts of another stream that score a member (a visit made as helper is in the visited
 * member's stream, a suggestion in its own), one document per scored member and source stream, keyed
 * {@code <scored member>@<stream>}, so each document still follows exactly one stream and its {@code _v} is that
 * stream's sequence. {@link MemberPoints} applies the rule table when the view is read. Its {@link KeyIndex} finds
 * a branch's members and a member's credits by {@code _id}.
 */
@Component
class PointsProjection extends MemberOrganizationStudyDayProjection {

    static final String NAME = "points";
    static final String CREDITS = "credits";
    static final String SCORED = "scored";
    static final String DAILY_HISTORY = MemberDocuments.DAILY_HISTORY;
    /** {@link KeyIndex}: the member a credit scores, so a member finds their credits. */
    static final String SCORED_MEMBER_INDEX = "scoredMember";
    /** The key indexes this view keeps. */
    private static final Set<String> INDEXES = Set.of(MemberDocuments.DAILY_BRANCH_INDEX, SCORED_MEMBER_INDEX);

    PointsProjection() {
        super(NAME, CREDITS, KeyIndex.COLLECTION);
    }

    /** Members by the branches their daily-branch history names, credits by the member they score. */
    @Override
    protected Map<String, Set<String>> keys(String collection, Document document) {
        return switch (collection) {
            case MEMBERS -> MemberDocuments.dailyBranchKeys(document);
            case CREDITS -> Map.of(SCORED_MEMBER_INDEX, Set.of(document.getString("memberId")));
            default -> Map.of();
        };
    }

    /** The secondary indexes serve the queries a generation built before it kept the key index is answered by. */
    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending(DAILY_HISTORY + ".branchId"));
        views.get(STUDY_DAYS).createIndex(Indexes.ascending("branchId", "date"));
        views.get(STUDY_DAYS).createIndex(Indexes.ascending("date"));
        views.get(CREDITS).createIndex(Indexes.ascending("memberId"));
        KeyIndex.markCompleteIfEmpty(INDEXES, views.get(MEMBERS), views.get(KeyIndex.COLLECTION), views.get(CREDITS));
    }

    /** A fact that scores someone other than its stream's member goes to that member's credit from the stream. */
    @Override
    protected Target target(Envelope event) {
        Optional<ScoredFacts.Scored> scored = ScoredFacts.of(event.payload());
        if (scored.isPresent() && !scored.get().member().value().equals(event.aggregateId())) {
            return new Target(CREDITS, scored.get().member().value() + "@" + event.aggregateId());
        }
        return super.target(event);
    }

    @Override
    protected Document foldOther(String collection, Document current, Envelope event) {
        if (!CREDITS.equals(collection)) {
            return super.foldOther(collection, current, event);
        }
        ScoredFacts.Scored scored = ScoredFacts.of(event.payload()).orElseThrow();
        List<Document> facts = new ArrayList<>(list(current));
        facts.add(scored.document());
        return new Document("memberId", scored.member().value()).append("stream", event.aggregateId())
                .append(SCORED, facts);
    }

    /** The study-day facts as the attendance view keeps them, and the scored facts of the member's own stream. */
    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        AttendanceFigures.carry(document, previous, event);
        List<Document> facts = new ArrayList<>(list(previous));
        ScoredFacts.of(event).filter(s -> s.member().equals(event.memberId()))
                .filter(s -> s.fact() != PointsFact.IDENTITY_DISPLAYED || facts.stream()
                        .noneMatch(f -> PointsFact.IDENTITY_DISPLAYED.fact().equals(f.getString("fact"))))
                .ifPresent(s -> facts.add(s.document()));
        document.put(SCORED, facts);
    }

    private static List<Document> list(Document document) {
        return document == null ? List.of() : document.getList(SCORED, Document.class, List.of());
    }
}

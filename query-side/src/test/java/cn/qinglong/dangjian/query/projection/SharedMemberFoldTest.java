package cn.qinglong.dangjian.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.CareNeed;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CareNeedsRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.query.evaluation.EvaluationProjectionTest;
import cn.qinglong.dangjian.query.testing.OrganizationalLifeScenario;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A stream-order pass folds each member's stream into every view in turn on one thread; the first view's fold and
 * encoding of the member's state serve the views after it ({@link MemberFoldProjection}). Every view must still end
 * with the documents it would have folded alone, including the points view, which sends a helper's scored visit to
 * the helper's credits and so folds fewer of the member's events than the others.
 */
class SharedMemberFoldTest extends QuerySideTest {

    @Autowired
    List<Projection> projections;

    @Test
    @DisplayName("a member's stream folded into every view in turn gives each view the documents it folds alone, and is folded once")
    void streamFoldedOnceServesEveryView() throws Exception {
        Scenario scenario = scenario("shared-fold");
        EvaluationProjectionTest.round(scenario);
        new OrganizationalLifeScenario(scenario, "shared-fold");
        // a visit by a member as helper, then one more event of the member visited: points folds that event onto a
        // state without the visit, the other views onto one with it
        scenario.log.add(new MemberVisitedByHelper(MemberId.of(scenario.needy), "张伟", MemberId.of(scenario.model),
                VisitKind.TALK, scenario.today, "谈心"),
                new CareNeedsRecorded(MemberId.of(scenario.needy), Set.of(CareNeed.POOR, CareNeed.ELDERLY),
                        scenario.today));
        Map<String, List<Envelope>> streams = new LinkedHashMap<>();
        scenario.log.inOrder().stream().filter(e -> e.payload() instanceof MemberEvent)
                .forEach(e -> streams.computeIfAbsent(e.aggregateId(), s -> new ArrayList<>()).add(e));
        List<FoldingProjection> views = projections.stream().filter(p -> p instanceof MemberFoldProjection)
                .map(FoldingProjection.class::cast).toList();
        assertThat(views).as("the views that follow members").hasSizeGreaterThanOrEqualTo(11);

        // each view alone, on a thread of its own: nothing another view folded can serve it
        Map<String, Map<String, Document>> alone = new LinkedHashMap<>();
        for (FoldingProjection view : views) {
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                alone.put(view.name(), thread.submit(() -> fold(List.of(view), streams).get(view.name())).get());
            } finally {
                thread.shutdown();
            }
        }

        // every view in turn on this thread, stream by stream, as the pass folds them
        Map<String, Map<String, Document>> together = fold(views, streams);
        for (FoldingProjection view : views) {
            assertThat(together.get(view.name())).as(view.name()).isEqualTo(alone.get(view.name()));
        }
        assertThat(together.get("points"))
                .as("the helper's visit goes to the helper's credits, so points folds fewer of the member's events")
                .containsKey("credits:" + scenario.model + "@" + scenario.needy);
        // folded once: the views after the first hold the state the first encoded, not an encoding of their own
        Object history = together.get("member").get("members:" + scenario.needy).get(MemberDocuments.DAILY_HISTORY);
        assertThat(together.get("attendance").get("members:" + scenario.needy).get(MemberDocuments.DAILY_HISTORY))
                .isSameAs(history);
    }

    /** Each stream folded into each view in turn; by view, the documents as {@code collection:_id}. */
    private static Map<String, Map<String, Document>> fold(List<FoldingProjection> views,
                                                           Map<String, List<Envelope>> streams) {
        Map<String, Map<String, Document>> documents = new LinkedHashMap<>();
        views.forEach(view -> documents.put(view.name(), new LinkedHashMap<>()));
        streams.values().forEach(stream -> views.forEach(view -> view.foldStream(stream,
                (collection, document) -> documents.get(view.name())
                        .put(collection + ":" + document.getString("_id"), document), new KeyIndex.Changes())));
        return documents;
    }
}

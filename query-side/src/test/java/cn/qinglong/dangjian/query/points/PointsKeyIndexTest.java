package cn.qinglong.dangjian.query.points;

import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ranking finds an organisation's members, and both endpoints a member's credits, through the points view's key
 * index; a view built before it kept that index (no entries, no mark) must give the same answers, by query.
 */
class PointsKeyIndexTest extends QuerySideTest {

    @Test
    @DisplayName("the ranking and a member's points are the same through the key index and, without it, by query")
    void sameAnswerWithoutTheKeyIndex() {
        Scenario scenario = scenario("pkeys");
        scenario.log.add(new MemberVisitedByHelper(mid(scenario.needy), "张伟", mid(scenario.model), VisitKind.TALK,
                scenario.studyDate, "谈心"));
        long position = append(scenario.log);
        // 30 days after the study day: being left behind at it counts
        String when = "year=" + scenario.studyDate.getYear() + "&asOf=" + scenario.studyDate.plusDays(30);
        List<String> paths = List.of("/points?organizationId=" + scenario.community + "&" + when,
                "/points?organizationId=" + scenario.village + "&" + when,
                "/members/" + scenario.model + "/points?" + when,
                "/members/" + scenario.needy + "/points?" + when);
        List<JsonNode> byKeyIndex = paths.stream().map(path -> answerAt(path, position)).toList();

        MongoCollection<Document> keys = runtime.views(PointsProjection.NAME).get(KeyIndex.COLLECTION);
        assertThat(KeyIndex.lookup(keys, MemberDocuments.DAILY_BRANCH_INDEX, List.of(scenario.communityBranch))).get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                .contains(scenario.model, scenario.dual);
        String credit = scenario.model + "@" + scenario.needy;
        assertThat(KeyIndex.lookup(keys, PointsProjection.SCORED_MEMBER_INDEX, List.of(scenario.model)))
                .isEqualTo(Optional.of(Set.of(credit)));
        JsonNode model = item(byKeyIndex.get(0), scenario.model);
        assertThat(model.get("points").asInt()).as("the ranking counts what the breakdown explains")
                .isEqualTo(byKeyIndex.get(2).get("points").asInt());
        assertThat(facts(byKeyIndex.get(2))).contains("MemberVisitedByHelper");
        assertThat(item(byKeyIndex.get(1), scenario.needy).get("points").asInt())
                .isEqualTo(byKeyIndex.get(3).get("points").asInt()).isEqualTo(-1);
        assertThat(facts(byKeyIndex.get(3))).containsExactly("StudyDayLeftBehind");

        // both are read through the index: an entry marked absent takes the credit out of the model's points and
        // the dual-managed member out of the community's ranking
        keys.updateOne(Filters.eq("_id", PointsProjection.SCORED_MEMBER_INDEX + "|" + scenario.model),
                new Document("$set", new Document("m." + credit, 1_000_000L)));
        keys.updateOne(Filters.eq("_id", MemberDocuments.DAILY_BRANCH_INDEX + "|" + scenario.communityBranch),
                new Document("$set", new Document("m." + scenario.dual, 1_000_000L)));
        // more events move the view's state on, so the answers kept for the old state are not reused
        long later = append(scenario("pkeys-later").log);
        JsonNode partial = answerAt(paths.get(0), later);
        assertThat(item(partial, scenario.model).get("points").asInt()).isEqualTo(model.get("points").asInt() - 2);
        assertThat(item(partial, scenario.dual)).isNull();

        keys.drop();
        long latest = append(scenario("pkeys-latest").log);
        assertThat(KeyIndex.lookup(keys, MemberDocuments.DAILY_BRANCH_INDEX, List.of(scenario.communityBranch))).isEmpty();
        List<JsonNode> byQuery = paths.stream().map(path -> answerAt(path, latest)).toList();
        assertThat(byQuery).isEqualTo(byKeyIndex);
    }

    private static JsonNode item(JsonNode ranking, String memberId) {
        for (JsonNode item : ranking.get("items")) {
            if (item.get("memberId").asString().equals(memberId)) {
                return item;
            }
        }
        return null;
    }

    private static List<String> facts(JsonNode points) {
        List<String> facts = new ArrayList<>();
        points.get("facts").forEach(f -> facts.add(f.get("fact").asString()));
        return facts;
    }
}

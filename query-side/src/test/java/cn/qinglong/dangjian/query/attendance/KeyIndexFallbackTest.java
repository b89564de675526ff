package cn.qinglong.dangjian.query.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Study-day figures, rates and the left-behind list come through the attendance view's key index; a view built
 * before it kept that index (no entries, no mark) must still answer, by query.
 */
class KeyIndexFallbackTest extends QuerySideTest {

    @Test
    @DisplayName("study-day figures, rates and the left-behind list are the same through the key index and, without it, "
            + "by query")
    void sameAnswerWithoutTheKeyIndex() {
        Scenario scenario = scenario("keys");
        long position = append(scenario.log);
        List<String> paths = List.of("/study-days/" + scenario.communityStudyDay + "/attendance",
                "/study-days/" + scenario.villageStudyDay + "/attendance",
                "/attendance/rates?branchId=" + scenario.communityBranch + "&by=mode",
                "/attendance/rates?branchId=" + scenario.villageBranch + "&by=month",
                "/attendance/left-behind?min=1&organizationId=" + scenario.village);
        List<JsonNode> byKeyIndex = paths.stream().map(path -> answerAt(path, position)).toList();
        assertThat(KeyIndex.lookup(runtime.views(AttendanceProjection.NAME).get(KeyIndex.COLLECTION),
                MemberDocuments.DAILY_BRANCH_INDEX, List.of(scenario.communityBranch))).get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE).contains(scenario.dual);
        assertThat(byKeyIndex.get(0).get("expected").asInt()).isEqualTo(2);
        assertThat(byKeyIndex.get(1).get("leftBehind").get(0).asString()).isEqualTo(scenario.needy);
        assertThat(byKeyIndex.get(4).get("items").get(0).get("memberId").asString()).isEqualTo(scenario.needy);

        // the figures are read through the index: an entry marked absent takes the member out of them
        var keys = runtime.views(AttendanceProjection.NAME).get(KeyIndex.COLLECTION);
        keys.updateOne(com.mongodb.client.model.Filters.eq("_id",
                MemberDocuments.DAILY_BRANCH_INDEX + "|" + scenario.communityBranch),
                new org.bson.Document("$set", new org.bson.Document("m." + scenario.dual, 1_000_000L)));
        keys.updateOne(com.mongodb.client.model.Filters.eq("_id",
                MemberDocuments.DAILY_BRANCH_INDEX + "|" + scenario.villageBranch),
                new org.bson.Document("$set", new org.bson.Document("m." + scenario.needy, 1_000_000L)));
        // more events move the view's state on, so the answers kept for the old state are not reused
        long later = append(scenario("keys-later").log);
        assertThat(answerAt(paths.get(0), later).get("expected").asInt()).isEqualTo(1);
        assertThat(answerAt(paths.get(4), later).get("items").size()).isZero();

        keys.drop();
        long latest = append(scenario("keys-latest").log);
        List<JsonNode> byQuery = paths.stream().map(path -> answerAt(path, latest)).toList();
        assertThat(byQuery).isEqualTo(byKeyIndex);
    }
}

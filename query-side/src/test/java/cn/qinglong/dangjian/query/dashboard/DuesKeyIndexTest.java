package cn.qinglong.dangjian.query.dashboard;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.time.YearMonth;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Dues find an organisation's members through the dashboard view's relation-branch key index; a view built before
 * it kept that index (no entries, no mark) must still answer, by query, the same.
 */
class DuesKeyIndexTest extends QuerySideTest {

    @Test
    @DisplayName("arrears and collection are the same through the relation-branch key index and, without it, by query")
    void sameAnswerWithoutTheKeyIndex() {
        Scenario scenario = scenario("dues-keys");
        long position = append(scenario.log);
        YearMonth lastMonth = YearMonth.from(scenario.today).minusMonths(1);
        List<String> paths = List.of("/dues/arrears?organizationId=" + scenario.community,
                "/dues/arrears?organizationId=" + scenario.village,
                "/dues/collection?organizationId=" + scenario.community + "&period=" + lastMonth,
                "/dues/collection?organizationId=" + scenario.village + "&period=" + lastMonth);
        List<JsonNode> byKeyIndex = paths.stream().map(path -> answerAt(path, position)).toList();
        var keys = runtime.views(DashboardProjection.NAME).get(KeyIndex.COLLECTION);
        assertThat(KeyIndex.lookup(keys, DashboardProjection.RELATION_BRANCH_INDEX, List.of(scenario.communityBranch))).get()
                .asInstanceOf(InstanceOfAssertFactories.ITERABLE).containsExactly(scenario.model);
        assertThat(byKeyIndex.get(0).get("items").get(0).get("memberId").asString()).isEqualTo(scenario.model);
        assertThat(byKeyIndex.get(3).get(0).get("payers").asLong()).as("the ended member is no payer").isEqualTo(3);

        // read through the index: an entry marked absent takes the member out; one naming a member of another
        // branch is checked against the member's own relation branch and left out
        String entry = DashboardProjection.RELATION_BRANCH_INDEX + "|" + scenario.communityBranch;
        keys.updateOne(eq("_id", entry), new Document("$set", new Document("m." + scenario.model, 1_000_000L)
                .append("m." + scenario.needy, 1_000_001L)));
        // more events move the view's state on, so the answers kept for the old state are not reused
        long later = append(scenario("dues-keys-later").log);
        assertThat(answerAt(paths.get(0), later).get("items").size()).isZero();
        assertThat(answerAt(paths.get(2), later).size()).isZero();

        keys.drop();
        long latest = append(scenario("dues-keys-latest").log);
        List<JsonNode> byQuery = paths.stream().map(path -> answerAt(path, latest)).toList();
        assertThat(byQuery).isEqualTo(byKeyIndex);
    }
}

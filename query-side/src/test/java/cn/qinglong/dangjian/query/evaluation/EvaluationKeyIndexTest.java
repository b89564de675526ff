package cn.qinglong.dangjian.query.evaluation;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A round's results find its members through the evaluation view's round key index; a view built before it kept
 * that index (no entries, no mark) must still answer, by query, the same.
 */
class EvaluationKeyIndexTest extends QuerySideTest {

    @Test
    @DisplayName("a round's results are the same through the round key index and, without it, by query")
    void sameAnswerWithoutTheKeyIndex() {
        Scenario scenario = scenario("round-keys");
        EvaluationProjectionTest.round(scenario);
        long position = append(scenario.log);
        String round = EvaluationProjectionTest.roundId(scenario);
        String path = "/evaluation-rounds/" + round + "/results";
        JsonNode byKeyIndex = answerAt(path, position);
        var keys = runtime.views(EvaluationProjection.NAME).get(KeyIndex.COLLECTION);
        assertThat(KeyIndex.lookup(keys, EvaluationProjection.ROUND_INDEX, List.of(round))).get()
                .asInstanceOf(InstanceOfAssertFactories.ITERABLE).containsExactly(scenario.dual, scenario.needy);
        assertThat(byKeyIndex.get("members")).hasSize(2);

        // read through the index: an entry marked absent takes the member out; one naming a member neither rated nor
        // graded in the round is checked against the member's own ratings and grades and left out
        keys.updateOne(eq("_id", EvaluationProjection.ROUND_INDEX + "|" + round),
                new Document("$set", new Document("m." + scenario.needy, 1_000_000L)
                        .append("m." + scenario.model, 1_000_001L)));
        // more events move the view's state on, so the answers kept for the old state are not reused
        long later = append(scenario("round-keys-later").log);
        JsonNode members = answerAt(path, later).get("members");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("memberId").asString()).isEqualTo(scenario.dual);

        keys.drop();
        long latest = append(scenario("round-keys-latest").log);
        assertThat(answerAt(path, latest)).isEqualTo(byKeyIndex);
    }
}

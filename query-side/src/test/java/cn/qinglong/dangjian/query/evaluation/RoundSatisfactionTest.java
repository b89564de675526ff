package cn.qinglong.dangjian.query.evaluation;

import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.OrganizationRated;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.Satisfaction;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A round's document counts the ratings of each organisation; a generation built before the counts kept the ratings
 * themselves, and its round documents must answer the same until the next rating turns them into counts.
 */
class RoundSatisfactionTest extends QuerySideTest {

    @Test
    @DisplayName("a round kept as a list of ratings answers the same satisfaction, and its next rating turns it into counts")
    void roundKeptAsRatingsAnswersTheSame() {
        Scenario scenario = scenario("round-counts");
        EvaluationProjectionTest.round(scenario);
        long position = append(scenario.log);
        String round = EvaluationProjectionTest.roundId(scenario);
        String path = "/evaluation-rounds/" + round + "/results";
        JsonNode counted = answerAt(path, position).get("organizations");
        assertThat(counted).hasSize(1);
        assertThat(row(counted, 1, 0, 1)).isTrue();

        // the round document as a generation built before the counts left it: each rating an entry of a list
        var rounds = runtime.views(EvaluationProjection.NAME).get(EvaluationProjection.ROUNDS);
        Document stored = rounds.find(eq("_id", round)).first();
        assertThat(stored).doesNotContainKey(EvaluationProjection.ORGANIZATION_RATINGS);
        Document legacy = new Document(stored);
        legacy.remove(EvaluationProjection.SATISFACTION);
        legacy.put(EvaluationProjection.ORGANIZATION_RATINGS, List.of(
                rating(scenario.villageBranch, scenario.dual, Satisfaction.SATISFIED),
                rating(scenario.villageBranch, scenario.needy, Satisfaction.DISSATISFIED)));
        rounds.replaceOne(eq("_id", round), legacy);
        // more events move the view's state on, so the answer kept for the old state is not reused
        long later = append(scenario("round-counts-later").log);
        assertThat(answerAt(path, later).get("organizations")).isEqualTo(counted);

        // the next rating: the list becomes counts, with the new rating in them
        OrganizationRated third = new OrganizationRated(
                EvaluationRoundId.of(round), id(scenario.villageBranch),
                mid(scenario.model), Satisfaction.BASICALLY_SATISFIED, scenario.today);
        eventStore.publish(EventLog.messages(List.of(new Envelope(third, round, 3, 0))));
        long latest = eventStore.createHeadToken().position().orElseThrow();
        JsonNode after = answerAt(path, latest).get("organizations");
        assertThat(row(after, 1, 1, 1)).as(after.toString()).isTrue();
        assertThat(after.get(0).get("rate").decimalValue()).isEqualByComparingTo("0.6667");
        Document converted = rounds.find(eq("_id", round)).first();
        assertThat(converted).doesNotContainKey(EvaluationProjection.ORGANIZATION_RATINGS);
        assertThat(converted.getList(EvaluationProjection.SATISFACTION, Document.class)).singleElement()
                .satisfies(row -> assertThat(row.get("DISSATISFIED", Number.class).longValue()).isEqualTo(1));
    }

    private static boolean row(JsonNode organizations, int satisfied, int basically, int dissatisfied) {
        JsonNode row = organizations.get(0);
        return row.get("satisfied").asInt() == satisfied && row.get("basicallySatisfied").asInt() == basically
                && row.get("dissatisfied").asInt() == dissatisfied
                && row.get("total").asInt() == satisfied + basically + dissatisfied;
    }

    private static Document rating(String organization, String rater, Satisfaction satisfaction) {
        return new Document("organizationId", organization).append("raterMemberId", rater)
                .append("satisfaction", satisfaction.name()).append("ratedOn", "2026-01-01");
    }
}

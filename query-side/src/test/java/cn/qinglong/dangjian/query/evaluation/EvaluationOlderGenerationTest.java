package cn.qinglong.dangjian.query.evaluation;

import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.OrganizationRated;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.Satisfaction;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A generation of the evaluation view built by an older version must answer a round's results as a new one does: a
 * round's results find its members through the round key index, and a view built before it kept that index (no
 * entries, no mark) answers by query; a round's document counts the ratings of each organisation, and one built
 * before the counts (a list of the ratings) answers the same until its next rating turns it into counts.
 */
class EvaluationOlderGenerationTest extends QuerySideTest {

    /** A round of its own, appended: its scenario, the position of its last event and the path of its results. */
    private record Appended(Scenario scenario, long position, String round, String path) {
    }

    private Appended appendRound(String name) {
        Scenario scenario = scenario(name);
        EvaluationProjectionTest.round(scenario);
        long position = append(scenario.log);
        String round = EvaluationProjectionTest.roundId(scenario);
        return new Appended(scenario, position, round, "/evaluation-rounds/" + round + "/results");
    }

    @Test
    @DisplayName("a round's results are the same through the round key index and, without it, by query")
    void sameAnswerWithoutTheKeyIndex() {
        Appended appended = appendRound("round-keys");
        Scenario scenario = appended.scenario();
        String round = appended.round();
        String path = appended.path();
        JsonNode byKeyIndex = answerAt(path, appended.position());
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

    @Test
    @DisplayName("a round kept as a list of ratings answers the same satisfaction, and its next rating turns it into counts")
    void roundKeptAsRatingsAnswersTheSame() {
        Appended appended = appendRound("round-counts");
        Scenario scenario = appended.scenario();
        JsonNode counted = answerAt(appended.path(), appended.position()).get("organizations");
        assertThat(counted).hasSize(1);
        assertThat(row(counted, 1, 0, 1)).isTrue();

        // the round document as a generation built before the counts left it: each rating an entry of a list
        var rounds = runtime.views(EvaluationProjection.NAME).get(EvaluationProjection.ROUNDS);
        Document stored = rounds.find(eq("_id", appended.round())).first();
        assertThat(stored).doesNotContainKey(EvaluationProjection.ORGANIZATION_RATINGS);
        Document legacy = new Document(stored);
        legacy.remove(EvaluationProjection.SATISFACTION);
        legacy.put(EvaluationProjection.ORGANIZATION_RATINGS, List.of(
                rating(scenario.villageBranch, scenario.dual, Satisfaction.SATISFIED),
                rating(scenario.villageBranch, scenario.needy, Satisfaction.DISSATISFIED)));
        rounds.replaceOne(eq("_id", appended.round()), legacy);
        // more events move the view's state on, so the answer kept for the old state is not reused
        long later = append(scenario("round-counts-later").log);
        assertThat(answerAt(appended.path(), later).get("organizations")).isEqualTo(counted);

        // the next rating: the list becomes counts, with the new rating in them
        OrganizationRated third = new OrganizationRated(
                EvaluationRoundId.of(appended.round()), id(scenario.villageBranch),
                mid(scenario.model), Satisfaction.BASICALLY_SATISFIED, scenario.today);
        eventStore.publish(EventLog.messages(List.of(new Envelope(third, appended.round(), 3, 0))));
        long latest = eventStore.createHeadToken().position().orElseThrow();
        JsonNode after = answerAt(appended.path(), latest).get("organizations");
        assertThat(row(after, 1, 1, 1)).as(after.toString()).isTrue();
        assertThat(after.get(0).get("rate").decimalValue()).isEqualByComparingTo("0.6667");
        Document converted = rounds.find(eq("_id", appended.round())).first();
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

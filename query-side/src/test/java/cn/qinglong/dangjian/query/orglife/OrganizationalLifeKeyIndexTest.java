package cn.qinglong.dangjian.query.orglife;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.testing.OrganizationalLifeScenario;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A meeting finds who came, and a notice its audience, through the organisational-life view's key indexes; a view
 * built before it kept them (no entries, no mark) must still answer, by query, the same.
 */
class OrganizationalLifeKeyIndexTest extends QuerySideTest {

    @Test
    @DisplayName("who came to a meeting and a notice's reach are the same through the key indexes and, without them, by query")
    void sameAnswerWithoutTheKeyIndex() {
        Scenario scenario = scenario("ol-keys");
        OrganizationalLifeScenario life = new OrganizationalLifeScenario(scenario, "ol-keys");
        long position = append(scenario.log);
        List<String> paths = List.of("/meetings/" + life.groupMeeting, "/meetings/" + life.committeeMeeting,
                "/notices/" + life.recentNotice + "/reach", "/notices/" + life.earlyNotice + "/reach",
                "/notices?organizationId=" + scenario.village);
        List<JsonNode> byKeyIndex = paths.stream().map(path -> answerAt(path, position)).toList();
        var keys = runtime.views(OrganizationalLifeProjection.NAME).get(KeyIndex.COLLECTION);
        assertThat(KeyIndex.lookup(keys, OrganizationalLifeProjection.MEETING_INDEX, List.of(life.groupMeeting))).get()
                .asInstanceOf(InstanceOfAssertFactories.ITERABLE).containsExactly(scenario.needy);
        assertThat(KeyIndex.lookup(keys, MemberDocuments.DAILY_BRANCH_INDEX, List.of(scenario.villageBranch)))
                .get().asInstanceOf(InstanceOfAssertFactories.ITERABLE)
                .contains(scenario.dual, scenario.eldest, scenario.needy).doesNotContain(scenario.model);
        assertThat(byKeyIndex.get(0).get("attendees").get(0).get("memberId").asString()).isEqualTo(scenario.needy);
        assertThat(byKeyIndex.get(2).get("audience").asInt()).isEqualTo(2);

        // read through the indexes: an entry marked absent takes the member out; one naming a member who did not
        // come, or was not managed within the village on the issue date, is checked against the member and left out
        keys.updateOne(eq("_id", OrganizationalLifeProjection.MEETING_INDEX + "|" + life.groupMeeting),
                new Document("$set", new Document("m." + scenario.needy, 1_000_000L)
                        .append("m." + scenario.model, 1_000_001L)));
        keys.updateOne(eq("_id", MemberDocuments.DAILY_BRANCH_INDEX + "|" + scenario.villageBranch),
                new Document("$set", new Document("m." + scenario.eldest, 1_000_000L)
                        .append("m." + scenario.model, 1_000_001L)));
        // more events move the view's state on, so the answers kept for the old state are not reused
        long later = append(scenario("ol-keys-later").log);
        assertThat(answerAt(paths.get(0), later).get("attendees").size()).isZero();
        assertThat(answerAt(paths.get(1), later)).isEqualTo(byKeyIndex.get(1));
        JsonNode recent = answerAt(paths.get(2), later);
        assertThat(recent.get("audience").asInt()).isEqualTo(1);
        assertThat(recent.get("notReached").size()).as("eldest, not reached, is out of the audience").isZero();

        keys.drop();
        long latest = append(scenario("ol-keys-latest").log);
        List<JsonNode> byQuery = paths.stream().map(path -> answerAt(path, latest)).toList();
        assertThat(byQuery).isEqualTo(byKeyIndex);
    }
}

package cn.qinglong.dangjian.query.orglife;

import static com.mongodb.client.model.Filters.eq;
import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;

import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.OrganizationalLifeScenario;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * A meeting finds who came, the meetings list counts them, and a notice finds its audience, through the
 * organisational-life view's key indexes; a view built before it kept them (no entries, no mark) must still answer,
 * by query, the same.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganizationalLifeKeyIndexTest extends QuerySideTest {

    /** Drops the view's key index, which the other tests read: the last to run. */
    @Test
    @Order(Integer.MAX_VALUE)
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

    @Test
    @DisplayName("the meetings list counts who came through the meeting key index for the committee, by query for a branch secretary (their members only), and without the index the same")
    void attendeesCountedThroughTheKeyIndex() {
        Scenario scenario = scenario("ol-count");
        OrganizationalLifeScenario life = new OrganizationalLifeScenario(scenario, "ol-count");
        scenario.log.add(new MemberAttendedMeeting(mid(scenario.dual), MeetingId.of(life.committeeMeeting),
                        id(scenario.villageBranch), MeetingKind.BRANCH_COMMITTEE, life.meetingDate),
                new MemberAttendedMeeting(mid(scenario.model), MeetingId.of(life.committeeMeeting),
                        id(scenario.villageBranch), MeetingKind.BRANCH_COMMITTEE, life.meetingDate));
        long position = append(scenario.log);
        String villageMeetings = "/meetings?organizationId=" + scenario.village;
        String branchMeetings = "/meetings?organizationId=" + scenario.villageBranch;
        String committeeMeeting = "/meetings/" + life.committeeMeeting;
        Http secretary = query.as("BRANCH_SECRETARY", scenario.villageBranch);

        JsonNode byKeyIndex = answerAt(villageMeetings, position);
        assertThat(attendees(byKeyIndex)).containsExactlyInAnyOrderEntriesOf(
                Map.of(life.committeeMeeting, 3, life.groupMeeting, 1));
        JsonNode whoCame = answerAt(committeeMeeting, position);
        assertThat(whoCame.get("attendees").valueStream().map(a -> a.get("memberId").asString()).toList())
                .containsExactly(scenario.dual, scenario.model, scenario.needy);
        // model is a member of the resettlement community's branch, out of the village secretary's reach
        JsonNode secretaryMeetings = answerAt(secretary, branchMeetings, position);
        assertThat(attendees(secretaryMeetings)).containsExactlyInAnyOrderEntriesOf(
                Map.of(life.committeeMeeting, 2, life.groupMeeting, 1));
        assertThat(answerAt(secretary, committeeMeeting, position).get("attendees").valueStream()
                .map(a -> a.get("memberId").asString()).toList()).containsExactly(scenario.dual, scenario.needy);

        // the committee's count is the index entry's (needy marked absent is not counted); the secretary's is not
        var keys = runtime.views(OrganizationalLifeProjection.NAME).get(KeyIndex.COLLECTION);
        var groupEntry = eq("_id", OrganizationalLifeProjection.MEETING_INDEX + "|" + life.groupMeeting);
        keys.updateOne(groupEntry, new Document("$set", new Document("m." + scenario.needy, 1_000_000L)));
        long later = append(scenario("ol-count-later").log);
        assertThat(attendees(answerAt(villageMeetings, later))).containsEntry(life.groupMeeting, 0);
        assertThat(answerAt(secretary, branchMeetings, later)).isEqualTo(secretaryMeetings);
        // who came is checked member by member: model, named by the entry, came to the committee meeting, not this one
        keys.updateOne(groupEntry, new Document("$set", new Document("m." + scenario.model, 1_000_001L)));
        long named = append(scenario("ol-count-named").log);
        assertThat(answerAt("/meetings/" + life.groupMeeting, named).get("attendees").size()).isZero();

        // without the index (a generation built before the view kept it), by query, the same; then the index is put
        // back as it was, with what the view wrote meanwhile, for the tests that read it
        List<Document> index = keys.find().into(new ArrayList<>());
        keys.drop();
        long latest = append(scenario("ol-count-latest").log);
        assertThat(answerAt(villageMeetings, latest)).isEqualTo(byKeyIndex);
        assertThat(answerAt(secretary, branchMeetings, latest)).isEqualTo(secretaryMeetings);
        assertThat(answerAt(committeeMeeting, latest)).isEqualTo(whoCame);
        keys.insertMany(index);
    }

    @Test
    @DisplayName("a meeting and who came is a kept answer: an entity tag, and 304 for If-None-Match with it")
    void meetingKept() {
        Scenario scenario = scenario("ol-kept");
        OrganizationalLifeScenario life = new OrganizationalLifeScenario(scenario, "ol-kept");
        String path = "/meetings/" + life.groupMeeting + "?minPosition=" + append(scenario.log);
        Http.Response first = query.get(path);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isNotNull();
        assertThat(query.get(path, "If-None-Match", first.header("ETag")).status()).isEqualTo(304);
    }

    private static Map<String, Integer> attendees(JsonNode meetings) {
        return meetings.valueStream().collect(Collectors.toMap(m -> m.get("meetingId").asString(),
                m -> m.get("attendees").asInt()));
    }
}

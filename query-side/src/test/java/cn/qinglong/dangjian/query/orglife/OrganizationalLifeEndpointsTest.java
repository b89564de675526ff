package cn.qinglong.dangjian.query.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.OrganizationalLifeScenario;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.time.YearMonth;
import java.util.List;
import java.util.HashSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 组织生活 and 通知 over HTTP, from projections fed through the real event store and processors. */
class OrganizationalLifeEndpointsTest extends QuerySideTest {

    private static Scenario scenario;
    private static OrganizationalLifeScenario life;
    private static long position;

    @BeforeEach
    void scenarioInTheStore() {
        if (scenario == null) {
            scenario = scenario("orglife");
            life = new OrganizationalLifeScenario(scenario, "orglife");
            position = append(scenario.log);
        }
    }

    private JsonNode get(Http http, String path) {
        Http.Response response = http.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + position);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private JsonNode indicator(String organizationId, String difficulty) {
        return get(query, "/dashboard/difficulties?organizationId=" + organizationId).get("items").valueStream()
                .filter(i -> i.get("difficulty").asString().equals(difficulty)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("compliance per branch and kind, red first, the month of the committee meeting green, group meetings per group")
    void compliance() {
        JsonNode rows = get(query, "/organizational-life/compliance?organizationId=" + scenario.village + "&year="
                + life.meetingDate.getYear());
        assertThat(rows.get(0).get("status").asString()).isEqualTo("RED");
        JsonNode committee = rows.valueStream().filter(r -> r.get("kind").asString().equals("BRANCH_COMMITTEE"))
                .findFirst().orElseThrow();
        assertThat(committee.get("branchId").asString()).isEqualTo(scenario.villageBranch);
        assertThat(committee.get("kindLabel").asString()).isEqualTo("支委会");
        JsonNode month = committee.get("periods").valueStream()
                .filter(p -> p.get("period").asString().equals(YearMonth.from(life.meetingDate).toString()))
                .findFirst().orElseThrow();
        assertThat(month.get("status").asString()).isEqualTo("GREEN");
        assertThat(month.get("meetings").asInt()).isEqualTo(1);
        assertThat(rows.valueStream().filter(r -> r.get("kind").asString().equals("GROUP_MEETING"))
                .map(r -> r.get("groupId").asString()).toList()).contains(scenario.transitionGroup, scenario.area);
        JsonNode summary = get(query, "/organizational-life/summary?organizationId=" + scenario.committee);
        assertThat(summary.get("branches").asInt()).isEqualTo(2);
        assertThat(summary.get("items").valueStream().map(i -> i.get("organizationId").asString()).toList())
                .containsExactlyInAnyOrder(scenario.village, scenario.community);
    }

    @Test
    @DisplayName("a meeting and who came, by name; the village's meetings newest first with their attendance")
    void meetingsAndWhoCame() {
        JsonNode meeting = get(query, "/meetings/" + life.groupMeeting);
        assertThat(meeting.get("kindLabel").asString()).isEqualTo("党小组会");
        assertThat(meeting.get("attendees").valueStream().map(a -> a.get("name").asString()).toList())
                .containsExactly("陈明");
        JsonNode meetings = get(query, "/meetings?organizationId=" + scenario.village);
        assertThat(meetings.valueStream().map(m -> m.get("attendees").asInt()).toList()).containsExactly(1, 1);
    }

    @Test
    @DisplayName("a notice's reach: the audience fixed on its issue date, who is not reached, and no phone without personal data")
    void reach() {
        JsonNode reach = get(query, "/notices/" + life.earlyNotice + "/reach");
        assertThat(reach.get("audience").asInt()).isEqualTo(3);
        assertThat(reach.get("delivered").asInt()).isEqualTo(2);
        assertThat(reach.get("acknowledged").asInt()).isEqualTo(1);
        assertThat(reach.get("notReached").valueStream().map(JsonNode::asString).toList())
                .containsExactly(scenario.eldest, scenario.needy);
        assertThat(reach.get("notReachedMembers").get(0).get("phone").isNull()).isTrue();
        assertThat(get(query, "/notices?organizationId=" + scenario.village).valueStream()
                .map(n -> n.get("noticeId").asString()).toList()).containsExactly(life.recentNotice, life.earlyNotice);
    }

    @Test
    @DisplayName("the difficulties measured from meetings and notices: 集中座谈 by group meetings attended, 保持联系 by notices acknowledged, 开展活动 by branch-months with a study day or a meeting")
    void difficultiesMeasured() {
        JsonNode group = indicator(scenario.village, "GROUP_MEETINGS");
        assertThat(group.get("numerator").asLong()).isEqualTo(1);
        assertThat(group.get("denominator").asLong()).isEqualTo(2);
        assertThat(group.get("definition").asString()).contains("党小组会");
        JsonNode contact = indicator(scenario.village, "KEEPING_CONTACT");
        assertThat(contact.get("numerator").asLong()).as("eldest never acknowledged the recent notice").isEqualTo(1);
        assertThat(contact.get("denominator").asLong()).isEqualTo(2);
        JsonNode activities = indicator(scenario.village, "HOLDING_ACTIVITIES");
        assertThat(activities.get("numerator").asLong())
                .isEqualTo(new HashSet<>(List.of(YearMonth.from(scenario.studyDate), YearMonth.from(life.meetingDate))).size());
        assertThat(activities.get("denominator").asLong()).isEqualTo(12);
    }

    @Test
    @DisplayName("bad input and unknown ids: 400 naming the field, 404 for an unknown notice, meeting or organisation, 404 outside a secretary's scope")
    void refusals() {
        Http.Response quarter = query.get("/organizational-life/compliance?quarter=5");
        assertThat(quarter.status()).isEqualTo(400);
        assertThat(quarter.text()).contains("quarter");
        assertThat(query.get("/notices/nowhere/reach").status()).isEqualTo(404);
        assertThat(query.get("/meetings/nowhere").status()).isEqualTo(404);
        assertThat(query.get("/organizational-life/compliance?organizationId=nowhere").status()).isEqualTo(404);
        Http secretary = query.as("BRANCH_SECRETARY", scenario.communityBranch);
        assertThat(secretary.get("/organizational-life/compliance?organizationId=" + scenario.village + "&minPosition="
                + position).status()).isEqualTo(404);
        assertThat(get(secretary, "/organizational-life/compliance").valueStream()
                .map(r -> r.get("branchId").asString()).distinct().toList())
                .isEqualTo(List.of(scenario.communityBranch));
    }
}

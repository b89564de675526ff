package cn.qinglong.dangjian.query.points;

import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberEvent.CentralHouseholdDesignated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.IdentityDisplayed;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The 积分 ranking, a member's breakdown and the residence pyramid's central households, over HTTP. */
class PointsViewTest extends QuerySideTest {

    private static Scenario scenario;
    private static long position;

    @BeforeEach
    void scenarioInTheStore() {
        if (scenario == null) {
            scenario = scenario("points");
            scenario.log.add(
                    new MemberVisitedByHelper(mid(scenario.needy), "张伟", mid(scenario.model), VisitKind.TALK,
                            scenario.studyDate, "谈心"),
                    new IdentityDisplayed(mid(scenario.model), scenario.studyDate, id(scenario.buildingGroup)),
                    new CentralHouseholdDesignated(mid(scenario.model), id(scenario.buildingGroup), 12,
                            scenario.studyDate));
            position = append(scenario.log);
        }
    }

    private JsonNode get(String path) {
        Http.Response response = query.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + position);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    @Test
    @DisplayName("the ranking lists the organisation's members by points, names before ids, under the table's version")
    void ranking() {
        int year = scenario.studyDate.getYear();
        JsonNode ranking = get("/points?organizationId=" + scenario.community + "&year=" + year);

        assertThat(ranking.get("table").asString()).isEqualTo("1");
        List<String> ids = new ArrayList<>();
        ranking.get("items").forEach(i -> ids.add(i.get("memberId").asString()));
        assertThat(ids).as("daily management in the community: the dual-managed resident and the model")
                .containsExactly(scenario.model, scenario.dual);
        JsonNode first = ranking.get("items").get(0);
        assertThat(first.get("name").asString()).isEqualTo("张伟");
        assertThat(first.get("branchId").asString()).isEqualTo(scenario.communityBranch);
        assertThat(ranking.get("total").asInt()).isEqualTo(2);
        assertThat(get("/points?organizationId=" + scenario.village + "&year=" + year).get("items"))
                .extracting(i -> i.get("memberId").asString()).doesNotContain(scenario.dual, scenario.model);
    }

    @Test
    @DisplayName("a member's points are explained fact by fact, and add up")
    void breakdown() {
        int year = scenario.studyDate.getYear();
        JsonNode points = get("/members/" + scenario.model + "/points?year=" + year);

        int sum = 0;
        for (JsonNode rule : points.get("rules")) {
            sum += rule.get("points").asInt();
        }
        // the scenario's dues for last month are paid 20 days ago: a point only when that lies in last month
        java.time.LocalDate paidOn = scenario.today.minusDays(20);
        boolean duesInTheirMonth = java.time.YearMonth.from(paidOn).equals(java.time.YearMonth.from(scenario.today)
                .minusMonths(1)) && paidOn.getYear() == year;
        assertThat(points.get("points").asInt()).isEqualTo(sum).isEqualTo(2 + 3 + 2 + 2 + 2 + (duesInTheirMonth ? 1 : 0));
        assertThat(points.get("table").asString()).isEqualTo("1");
        List<String> facts = new ArrayList<>();
        points.get("facts").forEach(f -> facts.add(f.get("fact").asString() + "/" + f.get("label").asString()));
        facts.remove("DuesPaid/当月按时交纳党费");
        assertThat(facts).containsExactlyInAnyOrder("MemberAttendedStudyDay/参加固定学习日",
                "VanguardActivityRecorded/先锋模范活动", "HouseholdsLinked/联系群众户（每户）",
                "MemberVisitedByHelper/走访帮扶党员", "IdentityDisplayed/楼道亮身份");
        JsonNode asOfBefore = get("/members/" + scenario.model + "/points?year=" + year + "&asOf="
                + scenario.studyDate.minusDays(1));
        assertThat(asOfBefore.get("facts").size()).as("nothing dated by the day before the study day")
                .isLessThan(points.get("facts").size());
    }

    @Test
    @DisplayName("the residence pyramid shows each building group's central households")
    void centralHouseholdsInTheResidencePyramid() {
        JsonNode tree = get("/organizations/tree?by=residence");
        JsonNode group = find(tree.get("roots"), scenario.buildingGroup);

        assertThat(group.get("centralHouseholds")).hasSize(1);
        JsonNode central = group.get("centralHouseholds").get(0);
        assertThat(central.get("memberId").asString()).isEqualTo(scenario.model);
        assertThat(central.get("name").asString()).isEqualTo("张伟");
        assertThat(central.get("households").asInt()).isEqualTo(12);
        assertThat(central.get("designatedOn").asString()).isEqualTo(scenario.studyDate.toString());
    }

    private static JsonNode find(JsonNode nodes, String id) {
        for (JsonNode node : nodes) {
            if (node.get("id").asString().equals(id)) {
                return node;
            }
            JsonNode below = find(node.get("children"), id);
            if (below != null) {
                return below;
            }
        }
        return null;
    }
}

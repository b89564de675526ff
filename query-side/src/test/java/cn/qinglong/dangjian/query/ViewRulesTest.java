package cn.qinglong.dangjian.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The views' rules, read over HTTP from projections fed through the real event store and processors. */
class ViewRulesTest extends QuerySideTest {

    private static Scenario scenario;
    private static long position;

    @BeforeEach
    void scenarioInTheStore() {
        if (scenario == null) {
            scenario = scenario("rules");
            position = append(scenario.log);
        }
    }

    private Http.Response get(String path) {
        Http.Response response = query.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + position);
        assertThat(response.header("X-View-Behind")).as("view behind for %s", path).isNull();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response;
    }

    @Test
    @DisplayName("80+ care rule: members with care needs or aged 80 or more who were not visited within the window are overdue")
    void careOverdue() {
        List<String> overdue = ids(get("/care/overdue?days=30").json().get("items"));
        assertThat(overdue).contains(scenario.eldest).doesNotContain(scenario.needy, scenario.model, scenario.ended);
        List<String> strict = ids(get("/care/overdue?days=5").json().get("items"));
        assertThat(strict).contains(scenario.eldest, scenario.needy);
        JsonNode eldest = get("/care/overdue?days=30").json().get("items").valueStream()
                .filter(i -> i.get("memberId").asString().equals(scenario.eldest)).findFirst().orElseThrow();
        assertThat(eldest.get("aged80Plus").asBoolean()).isTrue();
        assertThat(eldest.get("lastVisitOn").isNull()).isTrue();
    }

    @Test
    @DisplayName("six-clears completeness rule: a card is complete when all six are filled and verified within the last 12 months")
    void contactCardCompleteness() {
        JsonNode model = get("/members/" + scenario.model).json();
        assertThat(model.get("contactCard").get("complete").asBoolean()).isTrue();
        assertThat(model.get("contactCard").get("verifiedOn").asString())
                .isEqualTo(scenario.today.minusMonths(3).toString());
        JsonNode eldest = get("/members/" + scenario.eldest).json();
        assertThat(eldest.get("contactCard").get("complete").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("dual-management attendance rule holds over HTTP: the residence branch's study day expects the dual-managed member")
    void studyDayAttendance() {
        JsonNode community = get("/study-days/" + scenario.communityStudyDay + "/attendance").json();
        assertThat(community.get("expected").asInt()).isEqualTo(2);
        assertThat(community.get("attended").asInt()).isEqualTo(2);
        assertThat(community.get("byMode").get("HOME_DELIVERY").asInt()).isEqualTo(1);
        JsonNode village = get("/study-days/" + scenario.villageStudyDay + "/attendance").json();
        assertThat(village.get("expected").asInt()).isEqualTo(2);
        assertThat(village.get("excused").asInt()).isEqualTo(1);
        assertThat(ids(village.get("leftBehind"))).containsExactly(scenario.needy);
        JsonNode rates = get("/attendance/rates?branchId=" + scenario.communityBranch + "&by=mode").json();
        assertThat(rates.get("items").valueStream().map(r -> r.get("key").asString()).toList())
                .containsExactly("HOME_DELIVERY", "NEARBY", "ONLINE");
    }

    @Test
    @DisplayName("the roster, tree, dual-management, transition and dashboard views answer the scenario")
    void otherViews() {
        assertThat(get("/members?branchId=" + scenario.villageBranch).json().get("total").asInt()).isEqualTo(3);
        assertThat(get("/members?dailyBranchId=" + scenario.communityBranch + "&minAge=60").json().get("total").asInt())
                .isEqualTo(1);
        JsonNode tree = get("/organizations/tree").json();
        JsonNode root = tree.get("roots").valueStream()
                .filter(n -> n.get("id").asString().equals(scenario.committee)).findFirst().orElseThrow();
        assertThat(root.get("members").asInt()).isEqualTo(4);
        assertThat(root.get("aged60Plus").asInt()).isEqualTo(2);
        JsonNode dual = get("/dual-management?communityId=" + scenario.community).json();
        assertThat(ids(dual.get("items"))).containsExactly(scenario.dual);
        JsonNode transition = get("/transition?areaId=" + scenario.area).json();
        assertThat(transition.get("summary").get("inNoGroup").asInt()).isEqualTo(1);
        assertThat(ids(get("/transition?areaId=" + scenario.area + "&groupId=none").json().get("items")))
                .containsExactly(scenario.eldest);
        JsonNode dashboard = get("/dashboard/difficulties?organizationId=" + scenario.committee).json();
        assertThat(dashboard.get("items").size()).isEqualTo(8);
        assertThat(dashboard.get("activeMembers").asInt()).isEqualTo(4);
    }

    @Test
    @DisplayName("transition paging: longest waiting first, and pages of one item add up to the whole list and its summary")
    void transitionPages() {
        JsonNode whole = get("/transition?areaId=" + scenario.area).json();
        assertThat(ids(whole.get("items"))).containsExactly(scenario.eldest, scenario.needy);
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode one = get("/transition?areaId=" + scenario.area + "&size=1&page=" + page).json();
            assertThat(one.get("total").asInt()).isEqualTo(2);
            assertThat(one.get("summary")).isEqualTo(whole.get("summary"));
            paged.addAll(ids(one.get("items")));
        }
        assertThat(paged).containsExactly(scenario.eldest, scenario.needy);
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.isString() ? node.asString() : node.get("memberId").asString()));
        return ids;
    }
}

package cn.qinglong.dangjian.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEstablished;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberJoinedTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberTransferredToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberEvent.OrganizationalRelationTransferred;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.Pyramids;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        List<JsonNode> overdue = overdue(30);
        assertThat(ids(overdue)).contains(scenario.eldest).doesNotContain(scenario.needy, scenario.model, scenario.ended);
        assertThat(ids(overdue(5))).as("needy as the member view has them: %s", get("/members/" + scenario.needy).text())
                .contains(scenario.eldest, scenario.needy);
        JsonNode eldest = overdue.stream()
                .filter(i -> i.get("memberId").asString().equals(scenario.eldest)).findFirst().orElseThrow();
        assertThat(eldest.get("aged80Plus").asBoolean()).isTrue();
        assertThat(eldest.get("lastVisitOn").isNull()).isTrue();
    }

    /**
     * Every page of the overdue list, up to the first empty one: the shared context holds more never-visited members
     * than one page.
     */
    private List<JsonNode> overdue(int days) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            JsonNode answer = get("/care/overdue?days=" + days + "&size=500&page=" + page).json();
            if (answer.get("items").isEmpty()) {
                break;
            }
            answer.get("items").forEach(items::add);
        }
        assertThat(ids(items)).as("no member on two pages").doesNotHaveDuplicates();
        return items;
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
    @DisplayName("a branch's attendance rate adds up its held study days' figures, both bounds of the window included")
    void branchRateAddsUpItsStudyDays() {
        JsonNode day = get("/study-days/" + scenario.communityStudyDay + "/attendance").json();
        String rates = "/attendance/rates?by=month&branchId=";
        String on = scenario.studyDate.toString();
        JsonNode within = get(rates + scenario.communityBranch + "&from=" + on + "&to=" + on).json();
        assertThat(within.get("studyDays").asInt()).isEqualTo(1);
        JsonNode row = within.get("items").get(0);
        assertThat(row.get("key").asString()).isEqualTo(YearMonth.from(scenario.studyDate).toString());
        assertThat(row.get("expected").asLong()).isEqualTo(day.get("expected").asLong()).isEqualTo(2);
        assertThat(row.get("attended").asLong()).isEqualTo(day.get("attended").asLong()).isEqualTo(2);
        assertThat(get(rates + scenario.communityBranch + "&from=" + scenario.studyDate.plusDays(1)).json()
                .get("studyDays").asInt()).isZero();
        assertThat(get(rates + scenario.communityBranch + "&to=" + scenario.studyDate.minusDays(1)).json()
                .get("studyDays").asInt()).isZero();
        JsonNode village = get(rates + scenario.villageBranch + "&from=" + on + "&to=" + scenario.studyDate.plusDays(7))
                .json();
        assertThat(village.get("studyDays").asInt()).as("the study day cancelled a week later is not counted")
                .isEqualTo(1);
        assertThat(village.get("items").get(0).get("expected").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("zero-left-behind rule: a make-up takes a member off the list, a follow-up is shown beside them, and the study day reaches zero left behind when no one is left")
    void zeroLeftBehind() {
        JsonNode village = get("/study-days/" + scenario.villageStudyDay + "/attendance").json();
        assertThat(village.get("madeUp").asInt()).isEqualTo(1);
        assertThat(ids(village.get("leftBehind"))).containsExactly(scenario.needy);
        assertThat(ids(village.get("followedUp"))).containsExactly(scenario.needy);
        assertThat(village.get("zeroLeftBehind").asBoolean()).isFalse();
        JsonNode community = get("/study-days/" + scenario.communityStudyDay + "/attendance").json();
        assertThat(community.get("zeroLeftBehind").asBoolean()).isTrue();
        assertThat(community.get("madeUp").asInt()).isZero();
    }

    @Test
    @DisplayName("a member's attendance window: each study day the member was expected at, with its outcome")
    void memberAttendanceWindow() {
        String window = "?from=" + scenario.studyDate.minusDays(1) + "&to=" + scenario.today;
        JsonNode needy = get("/members/" + scenario.needy + "/attendance" + window).json();
        assertThat(needy.size()).isEqualTo(1);
        assertThat(needy.get(0).get("studyDayId").asString()).isEqualTo(scenario.villageStudyDay);
        assertThat(needy.get(0).get("outcome").asString()).isEqualTo("LEFT_BEHIND");
        assertThat(needy.get(0).get("followedUp").asBoolean()).isTrue();
        JsonNode dual = get("/members/" + scenario.dual + "/attendance" + window).json();
        assertThat(dual.size()).as("the dual-managed member is expected at the residence branch only").isEqualTo(1);
        assertThat(dual.get(0).get("branchId").asString()).isEqualTo(scenario.communityBranch);
        assertThat(dual.get(0).get("outcome").asString()).isEqualTo("ATTENDED");
        assertThat(dual.get(0).get("mode").asString()).isEqualTo("HOME_DELIVERY");
        JsonNode eldest = get("/members/" + scenario.eldest + "/attendance" + window).json();
        assertThat(eldest.get(0).get("outcome").asString()).isEqualTo("MADE_UP");
        assertThat(get("/members/" + scenario.needy + "/attendance?from=" + scenario.today).json().size()).isZero();
    }

    @Test
    @DisplayName("the left-behind list: members left behind at least min times in the window, with names and follow-ups")
    void leftBehindList() {
        JsonNode once = get("/attendance/left-behind?organizationId=" + scenario.village + "&min=1").json();
        assertThat(ids(once.get("items"))).containsExactly(scenario.needy);
        JsonNode needy = once.get("items").get(0);
        assertThat(needy.get("name").asString()).isEqualTo("陈明");
        assertThat(needy.get("leftBehind").asInt()).isEqualTo(1);
        assertThat(needy.get("followedUp").asInt()).isEqualTo(1);
        assertThat(ids(needy.get("studyDayIds"))).containsExactly(scenario.villageStudyDay);
        assertThat(needy.get("branchId").asString()).isEqualTo(scenario.villageBranch);
        assertThat(ids(get("/study-days/" + scenario.villageStudyDay + "/attendance").json().get("leftBehind")))
                .as("the study day's own figures agree").containsExactly(scenario.needy);
        assertThat(ids(get("/attendance/left-behind?min=1").json().get("items")))
                .as("the whole subdistrict's list").contains(scenario.needy).doesNotContain(scenario.eldest);
        assertThat(get("/attendance/left-behind?organizationId=" + scenario.village).json().get("items").size())
                .as("min defaults to 2").isZero();
        assertThat(get("/attendance/left-behind?organizationId=" + scenario.community + "&min=1").json()
                .get("items").size()).isZero();
    }

    @Test
    @DisplayName("dues arrears rule: every unpaid month since the standard's first month is owed, and paying a later month hides none")
    void duesArrears() {
        YearMonth lastMonth = YearMonth.from(scenario.today).minusMonths(1);
        List<String> owed = List.of(lastMonth.minusMonths(2).toString(), lastMonth.minusMonths(1).toString());
        JsonNode model = get("/members/" + scenario.model).json();
        assertThat(model.get("duesPaidThrough").asString()).isEqualTo(lastMonth.toString());
        assertThat(strings(model.get("arrears").get("months"))).isEqualTo(owed);
        assertThat(model.get("arrears").get("owedFen").asLong()).isEqualTo(4000);
        JsonNode arrears = get("/dues/arrears?organizationId=" + scenario.community).json();
        assertThat(ids(arrears.get("items"))).containsExactly(scenario.model);
        assertThat(arrears.get("items").get(0).get("branchId").asString()).isEqualTo(scenario.communityBranch);
        assertThat(strings(arrears.get("items").get(0).get("months"))).isEqualTo(owed);
        assertThat(get("/dues/arrears?organizationId=" + scenario.community + "&through="
                + lastMonth.minusMonths(3)).json().get("items").size()).as("nothing owed before the standard").isZero();
    }

    @Test
    @DisplayName("dues collection rule: per relation branch and month, how many of its members paid and how much")
    void duesCollection() {
        YearMonth lastMonth = YearMonth.from(scenario.today).minusMonths(1);
        JsonNode community = get("/dues/collection?organizationId=" + scenario.community + "&period=" + lastMonth).json();
        assertThat(community.size()).isEqualTo(1);
        assertThat(community.get(0).get("branchId").asString()).isEqualTo(scenario.communityBranch);
        assertThat(community.get(0).get("payers").asLong()).isEqualTo(1);
        assertThat(community.get(0).get("paid").asLong()).isEqualTo(1);
        assertThat(community.get(0).get("amountFen").asLong()).isEqualTo(2000);
        JsonNode village = get("/dues/collection?organizationId=" + scenario.village + "&period=" + lastMonth).json();
        assertThat(village.get(0).get("branchId").asString()).as("the dual-managed member pays to the village branch")
                .isEqualTo(scenario.villageBranch);
        assertThat(village.get(0).get("payers").asLong()).isEqualTo(3);
        assertThat(village.get(0).get("paid").asLong()).isZero();
    }

    @Test
    @DisplayName("the paying-dues difficulty counts arrears, by relation branch: a member who paid last month but owes earlier months is not paying")
    void payingDuesUsesArrears() {
        JsonNode dues = get("/dashboard/difficulties?organizationId=" + scenario.community).json().get("items")
                .valueStream().filter(i -> i.get("difficulty").asString().equals("PAYING_DUES")).findFirst().orElseThrow();
        assertThat(dues.get("denominator").asLong()).isEqualTo(1);
        assertThat(dues.get("numerator").asLong()).isZero();
    }

    @Test
    @DisplayName("one pyramid per base: by relation a building group counts no resident whose relation is elsewhere; by residence the dual-managed resident counts in the community")
    void pyramids() {
        JsonNode relation = get("/organizations/tree").json();
        JsonNode residence = get("/organizations/tree?by=residence").json();
        assertThat(residence.get("by").asString()).isEqualTo("residence");
        assertThat(node(relation, scenario.buildingGroup).get("members").asInt()).isZero();
        assertThat(node(relation, scenario.villageBranch).get("members").asInt()).isEqualTo(3);
        assertThat(node(relation, scenario.communityBranch).get("members").asInt()).isEqualTo(1);
        assertThat(node(residence, scenario.communityBranch).get("members").asInt()).isEqualTo(2);
        assertThat(node(residence, scenario.buildingGroup).get("members").asInt()).isEqualTo(1);
        assertThat(node(residence, scenario.villageBranch).get("members").asInt()).isEqualTo(2);
        assertThat(node(relation, scenario.area).get("members").asInt())
                .as("an area under the village counts the relocated members whose branch lies below the village")
                .isEqualTo(3);
        Pyramids.assertChildrenAddUpToNoMore(relation.get("roots"));
        Pyramids.assertChildrenAddUpToNoMore(residence.get("roots"));
    }

    @Test
    @DisplayName("pyramid sums on generated data: members moved at random between villages, groups and communities, no node's children add up to more than the node, on either base")
    void pyramidSumsOnGeneratedData() {
        Scenario gen = new Scenario("gen", scenario.today);
        java.util.Random random = new java.util.Random(17);
        LocalDate longAgo = scenario.today.minusYears(3);
        for (int i = 0; i < 60; i++) {
            MemberId id = MemberId.of("gen-m-" + i);
            boolean villager = random.nextBoolean();
            OrganizationId branch = Scenario.id(villager ? gen.villageBranch : gen.communityBranch);
            gen.log.add(new MemberRegistered(id, "成员" + i, Gender.F, LocalDate.of(1940 + random.nextInt(60), 1, 1),
                    LocalDate.of(2000, 7, 1), branch, Set.of(), new Residence(villager ? ResidenceStatus.ORIGINAL
                    : ResidenceStatus.RESETTLED, null, null), null, longAgo));
            if (!villager) {
                continue;
            }
            LocalDate moved = scenario.today.minusMonths(1 + random.nextInt(20));
            gen.log.add(new MemberRelocated(id, "某处", random.nextBoolean() ? Scenario.id(gen.area) : null,
                    moved.minusMonths(6)));
            int fate = random.nextInt(3);
            if (fate == 0) {
                gen.log.add(new MemberJoinedTransitionGroup(id, Scenario.id(gen.transitionGroup), moved.minusMonths(5)));
            } else {
                boolean transferRelation = fate == 2;
                gen.log.add(new MemberTransferredToResettlementCommunity(id, Scenario.id(gen.community),
                        Scenario.id(gen.communityBranch), Scenario.id(gen.buildingGroup), moved, transferRelation));
                gen.log.add(transferRelation
                        ? new OrganizationalRelationTransferred(id, branch, Scenario.id(gen.communityBranch), moved)
                        : new DualManagementEstablished(id, branch, Scenario.id(gen.communityBranch), moved));
            }
        }
        long at = append(gen.log);
        for (String by : List.of("", "?by=residence")) {
            Http.Response response = query.get("/organizations/tree" + by + (by.isEmpty() ? "?" : "&") + "minPosition=" + at);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode tree = response.json();
            Pyramids.assertChildrenAddUpToNoMore(tree.get("roots"));
            assertThat(node(tree, gen.committee).get("members").asInt()).isEqualTo(64);
        }
    }

    private static JsonNode node(JsonNode tree, String id) {
        List<JsonNode> todo = new ArrayList<>();
        tree.get("roots").forEach(todo::add);
        while (!todo.isEmpty()) {
            JsonNode n = todo.remove(0);
            if (n.get("id").asString().equals(id)) {
                return n;
            }
            n.get("children").forEach(todo::add);
        }
        throw new AssertionError("no node " + id);
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

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }

    private static List<String> ids(Iterable<JsonNode> array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.isString() ? node.asString() : node.get("memberId").asString()));
        return ids;
    }
}

package cn.qinglong.dangjian.query.dashboard;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesStandardSet;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import com.mongodb.client.MongoCollection;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Dues are answered from the dashboard view's key indexes: collection counted from the entries of who pays where and
 * who paid what ({@link DuesIndex}), arrears reading only the members an entry says owe; a view built before it kept
 * those indexes (no entries, no mark naming them) must still answer, by query, the same.
 */
class DuesKeyIndexTest extends QuerySideTest {

    /**
     * The scenario, with a dues standard for the member whose membership ended five months ago, from eight months
     * back, and a payment of last month by one of the village branch's members.
     */
    private static Scenario withMoreDues(String name) {
        Scenario scenario = scenario(name);
        YearMonth thisMonth = YearMonth.from(scenario.today);
        scenario.log.add(new DuesStandardSet(MemberId.of(scenario.ended), 200, thisMonth.minusMonths(8), "离退休党员",
                        scenario.today.minusMonths(8)),
                new DuesPaid(MemberId.of(scenario.needy), thisMonth.minusMonths(1), 200, scenario.today.minusDays(3)));
        return scenario;
    }

    private List<String> paths(Scenario scenario) {
        YearMonth lastMonth = YearMonth.from(scenario.today).minusMonths(1);
        return List.of("/dues/arrears?organizationId=" + scenario.community,
                "/dues/arrears?organizationId=" + scenario.village,
                "/dues/arrears",
                "/dues/collection?organizationId=" + scenario.community + "&period=" + lastMonth,
                "/dues/collection?organizationId=" + scenario.village + "&period=" + lastMonth,
                "/dues/collection?period=" + lastMonth,
                "/dashboard/difficulties?organizationId=" + scenario.community,
                "/dashboard/difficulties?organizationId=" + scenario.village);
    }

    private MongoCollection<Document> keys() {
        return runtime.views(DashboardProjection.NAME).get(KeyIndex.COLLECTION);
    }

    @Test
    @DisplayName("dues arrears rule: nothing is owed after the membership ended, through the key indexes and by query alike")
    void arrearsOfAnEndedMembershipStopAtItsEnd() {
        Scenario scenario = withMoreDues("dues-ended");
        long position = append(scenario.log);
        YearMonth thisMonth = YearMonth.from(scenario.today);
        List<String> owed = List.of(thisMonth.minusMonths(8).toString(), thisMonth.minusMonths(7).toString(),
                thisMonth.minusMonths(6).toString(), thisMonth.minusMonths(5).toString());
        JsonNode village = answerAt("/dues/arrears?organizationId=" + scenario.village, position);
        assertThat(village.get("items").size()).isEqualTo(1);
        assertThat(village.get("items").get(0).get("memberId").asString()).isEqualTo(scenario.ended);
        assertThat(village.get("items").get(0).get("months").valueStream().map(JsonNode::asString).toList())
                .isEqualTo(owed);
        assertThat(village.get("items").get(0).get("owedFen").asLong()).isEqualTo(800);

        keys().drop();
        long later = append(scenario("dues-ended-later").log);
        assertThat(answerAt("/dues/arrears?organizationId=" + scenario.village, later)).as("by query")
                .isEqualTo(village);
    }

    @Test
    @DisplayName("arrears and collection are the same through the dues key indexes and, without them, by query")
    void sameAnswerWithoutTheKeyIndex() {
        Scenario scenario = withMoreDues("dues-keys");
        long position = append(scenario.log);
        YearMonth lastMonth = YearMonth.from(scenario.today).minusMonths(1);
        List<String> paths = paths(scenario);
        List<JsonNode> byKeyIndex = paths.stream().map(path -> answerAt(path, position)).toList();
        assertThat(DuesIndex.owing(keys(), lastMonth, Set.of(scenario.communityBranch, scenario.villageBranch)))
                .contains(Set.of(scenario.model, scenario.ended));
        assertThat(DuesIndex.payers(keys(), Set.of(scenario.villageBranch))).as("the ended member is no payer")
                .contains(Map.of(scenario.villageBranch, Set.of(scenario.dual, scenario.eldest, scenario.needy)));
        assertThat(byKeyIndex.get(1).get("items").get(0).get("memberId").asString()).isEqualTo(scenario.ended);
        JsonNode village = byKeyIndex.get(4).get(0);
        assertThat(List.of(village.get("payers").asLong(), village.get("paid").asLong(),
                village.get("amountFen").asLong())).isEqualTo(List.of(3L, 1L, 200L));

        keys().drop();
        long latest = append(scenario("dues-keys-latest").log);
        List<JsonNode> byQuery = paths.stream().map(path -> answerAt(path, latest)).toList();
        assertThat(byQuery.subList(0, 2)).isEqualTo(byKeyIndex.subList(0, 2));
        assertThat(byQuery.subList(3, 5)).isEqualTo(byKeyIndex.subList(3, 5));
        assertThat(byQuery.subList(6, 8)).isEqualTo(byKeyIndex.subList(6, 8));
        assertThat(payingDues(byKeyIndex.get(6))).as("the community's member owes two months").containsExactly(1L, 0L);
        assertThat(payingDues(byKeyIndex.get(7))).as("of the village's three payers, one paid last month")
                .containsExactly(3L, 1L);
        // the subdistrict-wide answers (every branch's entries) also hold other scenarios' branches: this one's agree
        Set<String> branches = Set.of(scenario.communityBranch, scenario.villageBranch);
        assertThat(ofBranches(byQuery.get(2).get("items"), branches))
                .isEqualTo(ofBranches(byKeyIndex.get(2).get("items"), branches)).hasSize(2);
        assertThat(ofBranches(byQuery.get(5), branches)).isEqualTo(ofBranches(byKeyIndex.get(5), branches))
                .hasSize(2);
    }

    @Test
    @DisplayName("collection is counted from the entries alone; arrears read the members the entries name and check each")
    void answeredFromTheEntries() {
        Scenario scenario = withMoreDues("dues-entries");
        long position = append(scenario.log);
        assertThat(answerAt("/dues/arrears?organizationId=" + scenario.community, position).get("items").size())
                .isEqualTo(1);
        YearMonth lastMonth = YearMonth.from(scenario.today).minusMonths(1);
        // an entry marked absent takes the member out; one naming a member who owes nothing is read and left out
        keys().updateOne(eq("_id", DuesIndex.OWED + "|" + scenario.communityBranch + "|" + lastMonth.minusMonths(2)),
                new Document("$set", new Document("m." + scenario.model, 1_000_000L)), UPSERT);
        keys().updateOne(eq("_id", DuesIndex.OWED + "|" + scenario.villageBranch + "|" + lastMonth),
                new Document("$set", new Document("m." + scenario.dual, 1_000_001L)), UPSERT);
        // the entries say one more member paid 500 fen in the village branch
        keys().updateOne(eq("_id", DuesIndex.PAID + "|" + lastMonth + "|" + scenario.villageBranch + "|500"),
                new Document("$set", new Document("m." + scenario.eldest, 1_000_001L)), UPSERT);
        // more events move the view's state on, so the answers kept for the old state are not reused
        long later = append(scenario("dues-entries-later").log);
        assertThat(answerAt("/dues/arrears?organizationId=" + scenario.community, later).get("items").size()).isZero();
        JsonNode village = answerAt("/dues/arrears?organizationId=" + scenario.village, later).get("items");
        assertThat(village.valueStream().map(item -> item.get("memberId").asString())).containsExactly(scenario.ended);
        JsonNode collection = answerAt("/dues/collection?organizationId=" + scenario.village + "&period=" + lastMonth,
                later).get(0);
        assertThat(List.of(collection.get("payers").asLong(), collection.get("paid").asLong(),
                collection.get("amountFen").asLong())).isEqualTo(List.of(3L, 2L, 700L));
    }

    /** The rows or items of an answer that belong to these branches. */
    private static List<JsonNode> ofBranches(JsonNode rows, Set<String> branches) {
        return rows.valueStream().filter(row -> branches.contains(row.get("branchId").asString())).toList();
    }

    /** The paying-dues indicator's denominator and numerator. */
    private static List<Long> payingDues(JsonNode dashboard) {
        JsonNode dues = dashboard.get("items").valueStream()
                .filter(item -> item.get("difficulty").asString().equals("PAYING_DUES")).findFirst().orElseThrow();
        return List.of(dues.get("denominator").asLong(), dues.get("numerator").asLong());
    }

    private static final com.mongodb.client.model.UpdateOptions UPSERT =
            new com.mongodb.client.model.UpdateOptions().upsert(true);
}

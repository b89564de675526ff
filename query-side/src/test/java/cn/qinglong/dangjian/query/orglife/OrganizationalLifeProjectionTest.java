package cn.qinglong.dangjian.query.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.orglife.NoticeReach.NotReachedMember;
import cn.qinglong.dangjian.query.orglife.NoticeReach.Reach;
import cn.qinglong.dangjian.query.testing.OrganizationalLifeScenario;
import cn.qinglong.dangjian.query.testing.ProjectionContract;
import cn.qinglong.dangjian.query.testing.TestMongo;
import com.mongodb.client.MongoCollection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrganizationalLifeProjectionTest extends ProjectionContract {

    private final OrganizationalLifeScenario life;

    OrganizationalLifeProjectionTest() {
        super(new OrganizationalLifeProjection(), (scenario, documents) -> {
            Map<String, Document> meetings = documents.get(OrganizationalLifeProjection.MEETINGS);
            assertThat(meetings.values()).extracting(m -> m.getString("kind"))
                    .containsExactlyInAnyOrder("BRANCH_COMMITTEE", "GROUP_MEETING");
            assertThat(documents.get(OrganizationalLifeProjection.NOTICES).values())
                    .extracting(n -> n.getString("organizationId")).containsOnly(scenario.village);
            Document needy = documents.get("members").get(scenario.needy);
            assertThat(needy.getList(OrganizationalLifeProjection.ATTENDED, Document.class))
                    .extracting(a -> a.getString("kind")).containsExactly("BRANCH_COMMITTEE", "GROUP_MEETING");
            assertThat(needy.getList(OrganizationalLifeProjection.DELIVERIES, Document.class))
                    .extracting(d -> d.getString("channel") + "/" + d.getString("acknowledgedOn"))
                    .containsExactly("WECHAT/null", "WECHAT/" + scenario.today.minusDays(10));
            assertThat(documents.get(OrganizationalLifeProjection.ORGANIZATIONS)).containsKey(scenario.transitionGroup);
        });
        life = new OrganizationalLifeScenario(scenario, "t");
    }

    private Reach reach(Map<String, Map<String, Document>> documents, String noticeId, boolean phone) {
        MongoCollection<Document> organizations = TestMongo.database().getCollection("orglife-tree-" + UUID.randomUUID());
        organizations.insertMany(List.copyOf(documents.get(OrganizationalLifeProjection.ORGANIZATIONS).values()));
        return NoticeReach.of(OrganizationTree.read(organizations),
                documents.get(OrganizationalLifeProjection.NOTICES).get(noticeId), documents.get("members").values(),
                phone);
    }

    @Test
    @DisplayName("reach: the audience is fixed on the issue date, so a member who moved away afterwards stays in it and counts as reached")
    void audienceMemberWhoMovedAwayAfterTheIssueDate() {
        Map<String, Map<String, Document>> documents = feed(scenario.log.inOrder(), 100);

        Reach early = reach(documents, life.earlyNotice, false);

        assertThat(early.audience()).isEqualTo(3);
        assertThat(early.delivered()).isEqualTo(2);
        assertThat(early.acknowledged()).isEqualTo(1);
        assertThat(early.rate()).isEqualByComparingTo("0.3333");
        assertThat(early.notReached()).containsExactly(scenario.eldest, scenario.needy);
        assertThat(early.notReachedMembers()).extracting(NotReachedMember::name, NotReachedMember::branchId,
                        NotReachedMember::delivered, NotReachedMember::residenceStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("李秀英", scenario.villageBranch, false, "TRANSITION"),
                        org.assertj.core.groups.Tuple.tuple("陈明", scenario.villageBranch, true, "TRANSITION"));
        assertThat(early.notReachedMembers()).extracting(NotReachedMember::branchName).containsOnly("东风村第一党支部");
    }

    @Test
    @DisplayName("reach: a member who moved in after the issue date, or whose membership had ended, is not in the audience")
    void audienceOfTheRecentNotice() {
        Reach recent = reach(feed(scenario.log.inOrder(), 100), life.recentNotice, false);

        assertThat(recent.audience()).isEqualTo(2);
        assertThat(recent.acknowledged()).isEqualTo(1);
        assertThat(recent.notReached()).containsExactly(scenario.eldest);
        assertThat(recent.notReachedMembers().get(0).phone()).isNull();
    }
}

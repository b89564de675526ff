package cn.qinglong.dangjian.query.member;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.testing.ProjectionContract;
import java.util.Map;
import org.bson.Document;

class MemberProjectionTest extends ProjectionContract {

    MemberProjectionTest() {
        super(new MemberProjection(), (scenario, documents) -> {
            Map<String, Document> members = documents.get("members");
            assertThat(members).containsOnlyKeys(scenario.dual, scenario.eldest, scenario.model, scenario.needy, scenario.ended);
            Document dual = members.get(scenario.dual);
            assertThat(dual.getString("branchId")).isEqualTo(scenario.villageBranch);
            assertThat(dual.getString("dailyBranchId")).isEqualTo(scenario.communityBranch);
            assertThat(dual.getBoolean("dualManaged")).isTrue();
            assertThat(dual.get("residence", Document.class).getString("status")).isEqualTo("RESETTLED");
            assertThat(dual.getString("groupId")).isNull();
            assertThat(dual.get("_v")).isEqualTo(6L);
            assertThat(dual.getList(NamePinyin.PINYIN, String.class)).containsExactly("wangjianguo");
            assertThat(dual.getList(NamePinyin.INITIALS, String.class)).containsExactly("wjg");
            MemberState model = MemberDocuments.state(members.get(scenario.model));
            assertThat(model.contactCardCompleteOn(scenario.today)).isTrue();
            assertThat(model.householdsLinked()).isEqualTo(2);
            assertThat(model.lastAttendanceOn()).isEqualTo(scenario.studyDate);
            assertThat(members.get(scenario.ended).getString("status")).isEqualTo("ENDED");
            assertThat(MemberDocuments.state(members.get(scenario.needy)).needs()).extracting(Enum::name).containsExactly("POOR");
        });
    }
}

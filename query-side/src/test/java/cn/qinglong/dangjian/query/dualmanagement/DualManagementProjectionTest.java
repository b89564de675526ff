package cn.qinglong.dangjian.query.dualmanagement;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.ProjectionContract;
import java.util.Map;
import org.bson.Document;

class DualManagementProjectionTest extends ProjectionContract {

    DualManagementProjectionTest() {
        super(new DualManagementProjection(), (scenario, documents) -> {
            Map<String, Document> members = documents.get("members");
            assertThat(members.values()).filteredOn(d -> d.getBoolean("dualManaged")).extracting(d -> d.getString("_id"))
                    .containsExactly(scenario.dual);
            Document dual = members.get(scenario.dual);
            assertThat(dual.getString("dualSince")).isEqualTo(scenario.today.minusMonths(2).toString());
            assertThat(dual.getString("residenceBranchId")).isEqualTo(scenario.communityBranch);
            assertThat(dual.get("residence", Document.class).getString("communityId")).isEqualTo(scenario.community);
            assertThat(members.get(scenario.model).getString("dualSince")).isNull();
        });
    }
}

package cn.qinglong.dangjian.query.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.ProjectionContract;
import java.util.List;
import java.util.Map;
import org.bson.Document;

class OrganizationProjectionTest extends ProjectionContract {

    OrganizationProjectionTest() {
        super(new OrganizationProjection(), (scenario, documents) -> {
            Map<String, Document> organizations = documents.get(OrganizationProjection.ORGANIZATIONS);
            assertThat(organizations).hasSize(8);
            Document group = organizations.get(scenario.transitionGroup);
            assertThat(group.getString("parentId")).isEqualTo(scenario.villageBranch);
            assertThat(group.getString("groupKind")).isEqualTo("TRANSITION");
            assertThat(organizations.get(scenario.village).getString("setting")).isEqualTo("RELOCATING_VILLAGE");
            assertThat(organizations.get(scenario.villageBranch).getList("leaders", Document.class))
                    .extracting(d -> d.getString("memberId")).isEqualTo(List.of(scenario.needy));
            assertThat(documents.get("members")).hasSize(5);
            assertThat(documents.get("members").get(scenario.needy).getString("groupId")).isEqualTo(scenario.transitionGroup);
        });
    }
}

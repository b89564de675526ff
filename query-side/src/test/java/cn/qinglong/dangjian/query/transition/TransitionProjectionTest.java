package cn.qinglong.dangjian.query.transition;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.ProjectionContract;
import java.util.Map;
import org.bson.Document;

class TransitionProjectionTest extends ProjectionContract {

    TransitionProjectionTest() {
        super(new TransitionProjection(), (scenario, documents) -> {
            Map<String, Document> members = documents.get("members");
            assertThat(members.values())
                    .filteredOn(d -> "TRANSITION".equals(d.get("residence", Document.class).getString("status")))
                    .extracting(d -> d.getString("_id")).containsExactlyInAnyOrder(scenario.eldest, scenario.needy);
            Document needy = members.get(scenario.needy);
            assertThat(needy.getString("areaId")).isEqualTo(scenario.area);
            assertThat(needy.getString("groupId")).isEqualTo(scenario.transitionGroup);
            assertThat(needy.getString("relocatedOn")).isEqualTo(scenario.today.minusDays(400).toString());
            assertThat(members.get(scenario.eldest).getString("groupId")).isNull();
        });
    }
}

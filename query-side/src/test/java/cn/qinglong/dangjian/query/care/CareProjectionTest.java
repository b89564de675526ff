package cn.qinglong.dangjian.query.care;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.ProjectionContract;
import java.util.Map;
import org.bson.Document;

class CareProjectionTest extends ProjectionContract {

    CareProjectionTest() {
        super(new CareProjection(), (scenario, documents) -> {
            Map<String, Document> members = documents.get("members");
            Document needy = members.get(scenario.needy);
            assertThat(needy.getList("needs", String.class)).containsExactly("POOR");
            assertThat(needy.getString("lastVisitOn")).isEqualTo(scenario.today.minusDays(7).toString());
            assertThat(needy.getString("lastVisitKind")).isEqualTo("CARE_VISIT");
            assertThat(members.get(scenario.model).getString("lastVisitKind")).isEqualTo("TALK");
            assertThat(members.get(scenario.eldest).getString("lastVisitOn")).isNull();
        });
    }
}

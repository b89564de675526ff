package cn.qinglong.dangjian.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.ProjectionContract;
import java.util.Map;
import org.bson.Document;

class DashboardProjectionTest extends ProjectionContract {

    DashboardProjectionTest() {
        super(new DashboardProjection(), (scenario, documents) -> {
            assertThat(documents.get(DashboardProjection.ORGANIZATIONS)).hasSize(8);
            assertThat(documents.get(DashboardProjection.STUDY_DAYS)).hasSize(3);
            Document model = documents.get("members").get(scenario.model);
            assertThat(model.getString("lastTalkOn")).isEqualTo(scenario.today.minusMonths(2).toString());
            assertThat(model.getString("lastEvaluatedOn")).isEqualTo(scenario.today.minusMonths(4).toString());
            assertThat(documents.get("members").get(scenario.needy).getString("lastTalkOn")).isNull();
        });
    }
}

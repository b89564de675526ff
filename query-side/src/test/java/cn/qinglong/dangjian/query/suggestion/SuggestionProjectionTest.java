package cn.qinglong.dangjian.query.suggestion;

import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.suggestion.SuggestionCategory;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionAnswered;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionDeliberated;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionSubmitted;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionId;
import cn.qinglong.dangjian.query.testing.ProjectionContract;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.util.Map;
import org.bson.Document;

public class SuggestionProjectionTest extends ProjectionContract {

    /**
     * Three suggestions to the resettlement community: one from a resident, open for 20 days; one from the model
     * member, answered after 10 days; one from a resident, deliberated by the council after 30 days.
     */
    public static void suggestions(Scenario s) {
        SuggestionId open = SuggestionId.of(s.community + "-sg-open");
        SuggestionId answered = SuggestionId.of(s.community + "-sg-answered");
        SuggestionId deliberated = SuggestionId.of(s.community + "-sg-council");
        s.log.add(new SuggestionSubmitted(open, id(s.community), SuggestionCategory.GREENING, "3幢北侧绿地积水",
                        s.today.minusDays(20), null, "赵桂兰"),
                new SuggestionSubmitted(answered, id(s.communityBranch), SuggestionCategory.PROPERTY, "电梯常坏",
                        s.today.minusDays(40), mid(s.model), null),
                new SuggestionAnswered(answered, id(s.communityBranch), "已督促物业维修", s.today.minusDays(30)),
                new SuggestionSubmitted(deliberated, id(s.community), SuggestionCategory.ENVIRONMENT, "增设非机动车棚",
                        s.today.minusDays(60), null, "孙大爷"),
                new SuggestionDeliberated(deliberated, id(s.community), s.today.minusDays(30), "在5幢旁增设车棚"),
                new SuggestionAnswered(deliberated, id(s.community), "（不会被记录的第二次办理）", s.today.minusDays(29)));
    }

    SuggestionProjectionTest() {
        super(new SuggestionProjection(), (scenario, documents) -> {
            Map<String, Document> suggestions = documents.get("suggestions");
            assertThat(suggestions.get(scenario.community + "-sg-open").getString("status")).isEqualTo("OPEN");
            assertThat(suggestions.get(scenario.community + "-sg-open").getString("residentName")).isEqualTo("赵桂兰");
            assertThat(suggestions.get(scenario.community + "-sg-answered").getString("status")).isEqualTo("ANSWERED");
            assertThat(suggestions.get(scenario.community + "-sg-answered").getString("memberId")).isEqualTo(scenario.model);
            assertThat(suggestions.get(scenario.community + "-sg-answered").getString("answeredOn"))
                    .isEqualTo(scenario.today.minusDays(30).toString());
            Document council = suggestions.get(scenario.community + "-sg-council");
            assertThat(council.getString("status")).as("settled once: the council's decision stands").isEqualTo("DELIBERATED");
            assertThat(council.getString("decision")).isEqualTo("在5幢旁增设车棚");
            assertThat(council.getString("answeredOn")).isNull();
            assertThat(documents.get("members").get(scenario.model).getString("name")).isEqualTo("张伟");
        });
        suggestions(scenario);
    }
}

package cn.qinglong.dangjian.query.evaluation;

import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.EvaluationRoundOpened;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.OrganizationRated;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.RaterKind;
import cn.qinglong.dangjian.kernel.evaluation.Satisfaction;
import cn.qinglong.dangjian.kernel.member.MemberEvent.EvaluationRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRated;
import cn.qinglong.dangjian.kernel.member.Rating;
import cn.qinglong.dangjian.query.testing.ProjectionContract;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bson.Document;

public class EvaluationProjectionTest extends ProjectionContract {

    /**
     * A round of the village for last year, open the last twenty days: the dual-managed member rated by two ballots
     * of the masses, by themself and graded; the needy member rated by a peer; the village branch rated by both.
     */
    public static String roundId(Scenario s) {
        return s.village + "-er";
    }

    public static void round(Scenario s) {
        EvaluationRoundId round = EvaluationRoundId.of(roundId(s));
        LocalDate opens = s.today.minusDays(20);
        s.log.add(new EvaluationRoundOpened(round, id(s.village), s.today.getYear() - 1, opens, s.today),
                new MemberRated(mid(s.dual), round, RaterKind.MASSES, "ballot-1", Rating.EXCELLENT, opens),
                new MemberRated(mid(s.dual), round, RaterKind.MASSES, "ballot-2", Rating.QUALIFIED, opens.plusDays(1)),
                new MemberRated(mid(s.dual), round, RaterKind.SELF, s.dual, Rating.EXCELLENT, opens),
                new MemberRated(mid(s.needy), round, RaterKind.PEER, s.dual, Rating.QUALIFIED, opens.plusDays(2)),
                new OrganizationRated(round, id(s.villageBranch), mid(s.dual), Satisfaction.SATISFIED, opens),
                new OrganizationRated(round, id(s.villageBranch), mid(s.needy), Satisfaction.DISSATISFIED, opens),
                new EvaluationRecorded(mid(s.dual), String.valueOf(s.today.getYear() - 1), Rating.EXCELLENT, s.today, round));
    }

    EvaluationProjectionTest() {
        super(new EvaluationProjection(), (scenario, documents) -> {
            Map<String, Document> members = documents.get("members");
            List<Document> ratings = members.get(scenario.dual).getList("ratings", Document.class);
            assertThat(ratings).extracting(r -> r.getString("raterKind") + ":" + r.getString("raterId") + ":" + r.getString("rating"))
                    .containsExactly("MASSES:ballot-1:EXCELLENT", "MASSES:ballot-2:QUALIFIED",
                            "SELF:" + scenario.dual + ":EXCELLENT");
            assertThat(members.get(scenario.dual).getList("grades", Document.class))
                    .extracting(g -> g.getString("roundId") + ":" + g.getString("rating"))
                    .containsExactly(roundId(scenario) + ":EXCELLENT");
            assertThat(members.get(scenario.needy).getList("ratings", Document.class)).hasSize(1);
            assertThat(members.get(scenario.model).getList("grades", Document.class))
                    .as("a period's grade without a round is no round's grade").isEmpty();
            Document round = documents.get("rounds").get(roundId(scenario));
            assertThat(round.getString("organizationId")).isEqualTo(scenario.village);
            assertThat(round.getString("closesOn")).isEqualTo(scenario.today.toString());
            assertThat(round.getList("satisfaction", Document.class))
                    .extracting(r -> r.getString("organizationId") + ":" + r.get("SATISFIED") + ":"
                            + r.get("BASICALLY_SATISFIED") + ":" + r.get("DISSATISFIED"))
                    .containsExactly(scenario.villageBranch + ":1:0:1");
            assertThat(round).doesNotContainKey("organizationRatings");
            assertThat(documents.get("organizations").get(scenario.villageBranch).getString("name")).isEqualTo("东风村第一党支部");
        });
        round(scenario);
    }
}

package cn.qinglong.dangjian.query.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.query.testing.ProjectionContract;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AttendanceProjectionTest extends ProjectionContract {

    AttendanceProjectionTest() {
        super(new AttendanceProjection(), (scenario, documents) -> {
            Document cancelled = documents.get(AttendanceProjection.STUDY_DAYS).get(scenario.cancelledStudyDay);
            assertThat(cancelled.getBoolean("cancelled")).isTrue();
            Document dual = documents.get("members").get(scenario.dual);
            assertThat(dual.getList(AttendanceProjection.DAILY_HISTORY, Document.class))
                    .extracting(e -> e.getString("branchId"))
                    .containsExactly(scenario.villageBranch, scenario.communityBranch);
            assertThat(dual.getList(AttendanceProjection.ATTENDED, Document.class))
                    .extracting(e -> e.getString("mode")).containsExactly("HOME_DELIVERY");
            Document ended = documents.get("members").get(scenario.ended);
            assertThat(ended.getList(AttendanceProjection.DAILY_HISTORY, Document.class))
                    .extracting(e -> e.getString("branchId")).containsExactly(scenario.villageBranch, null);
            assertThat(documents.get("members").get(scenario.eldest).getList(AttendanceProjection.EXCUSED, String.class))
                    .containsExactly(scenario.villageStudyDay);
        });
    }

    @Test
    @DisplayName("dual-management attendance rule: a dual-managed member is expected at the residence branch's study day, not the origin branch's")
    void dualManagedMembersStudyWithTheResidenceBranch() {
        Map<String, Map<String, Document>> documents = feed(scenario.log.inOrder(), 100);
        List<Document> members = List.copyOf(documents.get("members").values());
        Map<String, Document> studyDays = documents.get(AttendanceProjection.STUDY_DAYS);

        AttendanceFigures community = AttendanceFigures.of(studyDays.get(scenario.communityStudyDay), members);
        AttendanceFigures village = AttendanceFigures.of(studyDays.get(scenario.villageStudyDay), members);

        assertThat(community.expected()).containsExactly(scenario.dual, scenario.model);
        assertThat(community.byMode()).containsEntry(StudyMode.HOME_DELIVERY, 1).containsEntry(StudyMode.NEARBY, 1)
                .containsEntry(StudyMode.ONLINE, 0);
        assertThat(community.leftBehind()).isEmpty();
        assertThat(village.expected()).containsExactly(scenario.eldest, scenario.needy);
        assertThat(village.excused()).containsExactly(scenario.eldest);
        assertThat(village.leftBehind()).containsExactly(scenario.needy);
        assertThat(AttendanceFigures.of(studyDays.get(scenario.cancelledStudyDay), members).expected()).isEmpty();
    }
}

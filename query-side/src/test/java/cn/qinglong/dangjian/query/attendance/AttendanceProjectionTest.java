package cn.qinglong.dangjian.query.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEstablished;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberTransferredToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.query.testing.EventLog;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import cn.qinglong.dangjian.query.projection.Projection;
import cn.qinglong.dangjian.query.testing.ProjectionContract;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AttendanceProjectionTest extends ProjectionContract {

    private final AttendanceProjection projection = new AttendanceProjection();

    @Override
    protected Projection projection() {
        return projection;
    }

    @Override
    protected void assertDocuments(Map<String, Map<String, Document>> documents) {
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
        assertThat(documents.get("members").get(scenario.eldest).getList(AttendanceProjection.MADE_UP, Document.class))
                .extracting(e -> e.getString("mode")).containsExactly("HOME_DELIVERY");
        assertThat(documents.get("members").get(scenario.needy).getList(AttendanceProjection.FOLLOWED_UP, Document.class))
                .extracting(e -> e.getString("by")).containsExactly("赵书记");
        assertThat(documents.get(AttendanceProjection.ORGANIZATIONS)).containsKey(scenario.villageBranch);
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
        assertThat(village.madeUp()).containsExactly(scenario.eldest);
        assertThat(village.followedUp()).containsExactly(scenario.needy);
        assertThat(village.zeroLeftBehind()).isFalse();
        assertThat(community.zeroLeftBehind()).isTrue();
        assertThat(AttendanceFigures.of(studyDays.get(scenario.cancelledStudyDay), members).expected()).isEmpty();
    }

    /** The secretary's story: attends the village study day of 11-06, resettled on 11-16, the sheet typed in later. */
    private Map<String, Map<String, Document>> movedAfterTheStudyDay(boolean attendsVillage) {
        LocalDate studyDay = LocalDate.of(2026, 11, 6);
        LocalDate moved = LocalDate.of(2026, 11, 16);
        MemberId li = MemberId.of("t-m-li");
        OrganizationId village = OrganizationId.of(scenario.villageBranch);
        OrganizationId community = OrganizationId.of(scenario.communityBranch);
        EventLog log = new EventLog().add(
                new StudyDayScheduled(StudyDayId.of("t-sd-v-1106"), village, studyDay, "主题党日", EnumSet.allOf(StudyMode.class)),
                new StudyDayScheduled(StudyDayId.of("t-sd-c-1106"), community, studyDay, "主题党日", EnumSet.allOf(StudyMode.class)));
        log.add(new MemberRegistered(li, "李明", Gender.M, LocalDate.of(1960, 1, 1), LocalDate.of(1985, 7, 1), village,
                        Set.of(), new Residence(ResidenceStatus.ORIGINAL, null, null), null, LocalDate.of(2020, 1, 1)),
                new MemberTransferredToResettlementCommunity(li, OrganizationId.of(scenario.community), community, null,
                        moved, false),
                new DualManagementEstablished(li, village, community, moved),
                attendsVillage
                        ? new MemberAttendedStudyDay(li, StudyDayId.of("t-sd-v-1106"), village, StudyMode.NEARBY, studyDay)
                        : new MemberAttendedStudyDay(li, StudyDayId.of("t-sd-c-1106"), community, StudyMode.NEARBY, studyDay));
        return feed(log.inOrder(), 50);
    }

    @Test
    @DisplayName("study-day date rule, late entry after a move: the member counts as attended at the old branch's study day and leaves its left-behind list")
    void lateEntryAfterAMoveCounts() {
        Map<String, Map<String, Document>> documents = movedAfterTheStudyDay(true);
        List<Document> members = List.copyOf(documents.get("members").values());
        AttendanceFigures village = AttendanceFigures.of(documents.get(AttendanceProjection.STUDY_DAYS).get("t-sd-v-1106"),
                members);
        AttendanceFigures community = AttendanceFigures.of(documents.get(AttendanceProjection.STUDY_DAYS).get("t-sd-c-1106"),
                members);
        assertThat(village.expected()).containsExactly("t-m-li");
        assertThat(village.attended()).containsExactly("t-m-li");
        assertThat(village.leftBehind()).isEmpty();
        assertThat(village.zeroLeftBehind()).isTrue();
        assertThat(community.expected()).isEmpty();
    }

    @Test
    @DisplayName("study-day date rule, early entry before a move: the new branch's study day from before the move does not expect the member")
    void earlyEntryBeforeAMoveIsNotExpected() {
        Map<String, Map<String, Document>> documents = movedAfterTheStudyDay(false);
        List<Document> members = List.copyOf(documents.get("members").values());
        AttendanceFigures community = AttendanceFigures.of(documents.get(AttendanceProjection.STUDY_DAYS).get("t-sd-c-1106"),
                members);
        AttendanceFigures village = AttendanceFigures.of(documents.get(AttendanceProjection.STUDY_DAYS).get("t-sd-v-1106"),
                members);
        assertThat(community.expected()).isEmpty();
        assertThat(community.attended()).isEmpty();
        assertThat(village.leftBehind()).containsExactly("t-m-li");
    }
}

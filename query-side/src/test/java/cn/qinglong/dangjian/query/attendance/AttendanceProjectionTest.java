package cn.qinglong.dangjian.query.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEstablished;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberTransferredToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MemberState;
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
            assertThat(documents.get("members").get(scenario.eldest).getList(AttendanceProjection.MADE_UP, Document.class))
                    .extracting(e -> e.getString("mode")).containsExactly("HOME_DELIVERY");
            assertThat(documents.get("members").get(scenario.needy).getList(AttendanceProjection.FOLLOWED_UP, Document.class))
                    .extracting(e -> e.getString("by")).containsExactly("赵书记");
            assertThat(documents.get(AttendanceProjection.ORGANIZATIONS)).containsKey(scenario.villageBranch);
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
        AttendanceFigures village = studyDay(documents, "t-sd-v-1106");
        AttendanceFigures community = studyDay(documents, "t-sd-c-1106");
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
        AttendanceFigures community = studyDay(documents, "t-sd-c-1106");
        AttendanceFigures village = studyDay(documents, "t-sd-v-1106");
        assertThat(community.expected()).isEmpty();
        assertThat(community.attended()).isEmpty();
        assertThat(village.leftBehind()).containsExactly("t-m-li");
    }

    /** The figures of one study day over all the members in the view. */
    private static AttendanceFigures studyDay(Map<String, Map<String, Document>> documents, String studyDayId) {
        return AttendanceFigures.of(documents.get(AttendanceProjection.STUDY_DAYS).get(studyDayId),
                List.copyOf(documents.get("members").values()));
    }

    @Test
    @DisplayName("study-day date rule over several study days at once: a member whose daily branch changed between two "
            + "study days is expected at the old branch's first and the new branch's second, and at no other")
    void movedBetweenTwoStudyDays() {
        OrganizationId village = OrganizationId.of(scenario.villageBranch);
        OrganizationId community = OrganizationId.of(scenario.communityBranch);
        LocalDate first = LocalDate.of(2026, 10, 6);
        LocalDate moved = LocalDate.of(2026, 10, 20);
        LocalDate second = LocalDate.of(2026, 11, 6);
        MemberId li = MemberId.of("e-m-li");
        MemberId wang = MemberId.of("e-m-wang");
        EventLog log = new EventLog();
        for (LocalDate date : List.of(first, second)) {
            log.add(new StudyDayScheduled(StudyDayId.of("e-sd-v-" + date), village, date, "主题党日",
                            EnumSet.allOf(StudyMode.class)),
                    new StudyDayScheduled(StudyDayId.of("e-sd-c-" + date), community, date, "主题党日",
                            EnumSet.allOf(StudyMode.class)));
        }
        log.add(new MemberRegistered(li, "李明", Gender.M, LocalDate.of(1960, 1, 1), LocalDate.of(1985, 7, 1), village,
                        Set.of(), new Residence(ResidenceStatus.ORIGINAL, null, null), null, LocalDate.of(2020, 1, 1)),
                new DualManagementEstablished(li, village, community, moved),
                new MemberAttendedStudyDay(li, StudyDayId.of("e-sd-c-" + second), community, StudyMode.ONLINE, second));
        log.add(new MemberRegistered(wang, "王强", Gender.M, LocalDate.of(1958, 1, 1), LocalDate.of(1980, 7, 1), village,
                Set.of(), new Residence(ResidenceStatus.ORIGINAL, null, null), null, LocalDate.of(2020, 1, 1)));
        Map<String, Map<String, Document>> documents = feed(log.inOrder(), 50);
        List<Document> studyDays = documents.get(AttendanceProjection.STUDY_DAYS).values().stream()
                .filter(d -> d.getString("_id").startsWith("e-sd-")).toList();
        List<Document> members = documents.get("members").values().stream()
                .filter(m -> m.getString("_id").startsWith("e-m-")).toList();

        Map<String, AttendanceFigures> each = AttendanceFigures.ofEach(studyDays, members);

        assertThat(each.get("e-sd-v-" + first).expected()).containsExactly("e-m-li", "e-m-wang");
        assertThat(each.get("e-sd-v-" + first).leftBehind()).containsExactly("e-m-li", "e-m-wang");
        assertThat(each.get("e-sd-c-" + first).expected()).isEmpty();
        assertThat(each.get("e-sd-v-" + second).expected()).containsExactly("e-m-wang");
        assertThat(each.get("e-sd-c-" + second).expected()).containsExactly("e-m-li");
        assertThat(each.get("e-sd-c-" + second).attended()).containsExactly("e-m-li");
        assertThat(each.get("e-sd-c-" + second).byMode()).containsEntry(StudyMode.ONLINE, 1);
        assertThat(each.keySet()).as("one entry per study day, in the order given")
                .containsExactlyElementsOf(studyDays.stream().map(d -> d.getString("_id")).toList());
    }

    /**
     * The views and the command side agree: a generated history of members moving between two branches (dual
     * management established and ended, relations transferred), with every sheet typed in after all the moves.
     * An attendance is generated where the command side accepts it (the kernel's {@code dailyBranchOn} on the study
     * day's date, the very rule the aggregate decides by); the view must then count each one as attended, expect
     * the member at exactly those study days, and leave out no other.
     */
    @Test
    @DisplayName("views and command side agree on a generated history of moves with attendance typed in late")
    void viewsAndCommandSideAgreeOnGeneratedMoves() {
        java.util.Random random = new java.util.Random(2026);
        OrganizationId village = OrganizationId.of(scenario.villageBranch);
        OrganizationId community = OrganizationId.of(scenario.communityBranch);
        List<LocalDate> dates = new java.util.ArrayList<>();
        EventLog log = new EventLog();
        for (int month = 1; month <= 12; month++) {
            LocalDate date = LocalDate.of(2026, month, 10);
            dates.add(date);
            log.add(new StudyDayScheduled(StudyDayId.of("g-sd-v-" + month), village, date, "主题党日", EnumSet.allOf(StudyMode.class)),
                    new StudyDayScheduled(StudyDayId.of("g-sd-c-" + month), community, date, "主题党日", EnumSet.allOf(StudyMode.class)));
        }
        Map<String, java.util.Set<String>> accepted = new java.util.TreeMap<>();
        for (int i = 0; i < 40; i++) {
            MemberId id = MemberId.of("g-m-" + i);
            OrganizationId branch = random.nextBoolean() ? village : community;
            List<cn.qinglong.dangjian.kernel.member.MemberEvent> events = new java.util.ArrayList<>();
            events.add(new MemberRegistered(id, "成员" + i, Gender.M, LocalDate.of(1960, 1, 1), LocalDate.of(1985, 7, 1),
                    branch, Set.of(), new Residence(ResidenceStatus.ORIGINAL, null, null), null, LocalDate.of(2025, 1, 1)));
            OrganizationId relation = branch;
            boolean dual = false;
            LocalDate on = LocalDate.of(2026, 1, 1);
            for (int move = 0; move < random.nextInt(4); move++) {
                on = on.plusDays(20 + random.nextInt(90));
                OrganizationId other = relation.equals(village) ? community : village;
                if (!dual && random.nextBoolean()) {
                    events.add(new DualManagementEstablished(id, relation, other, on));
                    dual = true;
                } else if (dual) {
                    events.add(new cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEnded(id, relation, other, on));
                    dual = false;
                } else {
                    events.add(new cn.qinglong.dangjian.kernel.member.MemberEvent.OrganizationalRelationTransferred(
                            id, relation, other, on));
                    relation = other;
                }
            }
            MemberState state = MemberState.none();
            for (int k = 0; k < events.size(); k++) {
                state = state.apply(events.get(k), k);
            }
            for (int month = 1; month <= 12; month++) {
                if (random.nextInt(100) < 70) {
                    LocalDate date = dates.get(month - 1);
                    OrganizationId expectedAt = state.dailyBranchOn(date);
                    String studyDay = (village.equals(expectedAt) ? "g-sd-v-" : "g-sd-c-") + month;
                    events.add(new MemberAttendedStudyDay(id, StudyDayId.of(studyDay), expectedAt, StudyMode.ONLINE,
                            date.plusDays(random.nextInt(60))));
                    accepted.computeIfAbsent(studyDay, k -> new java.util.TreeSet<>()).add(id.value());
                }
            }
            log.add(events.toArray());
        }
        Map<String, Map<String, Document>> documents = feed(log.inOrder(), 50);
        List<Document> members = documents.get("members").values().stream()
                .filter(m -> m.getString("_id").startsWith("g-m-")).toList();
        int counted = 0;
        List<Document> generated = documents.get(AttendanceProjection.STUDY_DAYS).values().stream()
                .filter(d -> d.getString("_id").startsWith("g-sd-")).toList();
        Map<String, AttendanceFigures> each = AttendanceFigures.ofEach(generated, members);
        for (Document studyDay : generated) {
            AttendanceFigures figures = AttendanceFigures.of(studyDay, members);
            assertThat(each.get(studyDay.getString("_id"))).as("all study days at once, by branch")
                    .isEqualTo(figures);
            java.util.Set<String> attended = accepted.getOrDefault(studyDay.getString("_id"), java.util.Set.of());
            assertThat(figures.attended()).as(studyDay.getString("_id")).isEqualTo(attended);
            assertThat(figures.expected()).as(studyDay.getString("_id")).containsAll(attended);
            assertThat(figures.expected().size()).isEqualTo(figures.attended().size() + figures.leftBehind().size());
            counted += figures.attended().size();
            for (Document member : members) {
                boolean expectedHere = !AttendanceFigures.of(studyDay, List.of(member)).expected().isEmpty();
                assertThat(expectedHere).isEqualTo(figures.expected().contains(member.getString("_id")));
            }
        }
        assertThat(counted).isEqualTo(accepted.values().stream().mapToInt(java.util.Set::size).sum());
        assertThat(counted).isGreaterThan(200);
    }
}

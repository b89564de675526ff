package cn.qinglong.dangjian.command.member;

import static cn.qinglong.dangjian.command.member.Directory.AREA;
import static cn.qinglong.dangjian.command.member.Directory.BUILDING_GROUP;
import static cn.qinglong.dangjian.command.member.Directory.OTHER_AREA;
import static cn.qinglong.dangjian.command.member.Directory.OTHER_COMMUNITY;
import static cn.qinglong.dangjian.command.member.Directory.OTHER_VILLAGE_GROUP;
import static cn.qinglong.dangjian.command.member.Directory.VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static cn.qinglong.dangjian.command.member.Directory.CANCELLED_STUDY_DAY;
import static cn.qinglong.dangjian.command.member.Directory.COMMUNITY;
import static cn.qinglong.dangjian.command.member.Directory.DISSOLVED_BRANCH;
import static cn.qinglong.dangjian.command.member.Directory.EARLY_DATE;
import static cn.qinglong.dangjian.command.member.Directory.ORIGIN_EARLY_STUDY_DAY;
import static cn.qinglong.dangjian.command.member.Directory.RESIDENCE_EARLY_STUDY_DAY;
import static cn.qinglong.dangjian.command.member.Directory.ORIGIN_BRANCH;
import static cn.qinglong.dangjian.command.member.Directory.ORIGIN_STUDY_DAY;
import static cn.qinglong.dangjian.command.member.Directory.OTHER_TRANSITION_GROUP;
import static cn.qinglong.dangjian.command.member.Directory.RESIDENCE_BRANCH;
import static cn.qinglong.dangjian.command.member.Directory.RESIDENCE_STUDY_DAY;
import static cn.qinglong.dangjian.command.member.Directory.STUDY_DAY_DATE;
import static cn.qinglong.dangjian.command.member.Directory.TRANSITION_GROUP;

import cn.qinglong.dangjian.command.organization.Occupants;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.shared.RulesFixture;
import cn.qinglong.dangjian.kernel.member.CareNeed;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.FollowUpMethod;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberCommand.EndMembership;
import cn.qinglong.dangjian.kernel.member.MemberCommand.EraseMemberPersonalData;
import cn.qinglong.dangjian.kernel.member.MemberCommand.ExcuseAbsence;
import cn.qinglong.dangjian.kernel.member.MemberCommand.JoinTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberCommand.LeaveTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberCommand.PayDues;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordAttendance;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordCareNeeds;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordCareVisit;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordEvaluation;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordFollowUp;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordMakeUpStudy;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RegisterMember;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RelocateMember;
import cn.qinglong.dangjian.kernel.member.MemberCommand.SetDuesStandard;
import cn.qinglong.dangjian.kernel.member.MemberCommand.TransferOrganizationalRelation;
import cn.qinglong.dangjian.kernel.member.MemberCommand.TransferToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CareNeedsRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEnded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEstablished;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesStandardSet;
import cn.qinglong.dangjian.kernel.member.MemberEvent.EvaluationRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberJoinedTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberLeftTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberTransferredToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberPersonalDataErased;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.OrganizationalRelationTransferred;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyAbsenceExcused;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyFollowedUp;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyMadeUp;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.Rating;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Given/when/then tests of every member rule in docs/domain.md, one nested class per rule. */
class MemberRulesTest {

    /** 2026-11-27 in Changzhou. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
    static final MemberId ID = MemberId.of("m-zhang");
    static final LocalDate RELOCATED_ON = LocalDate.of(2019, 5, 1);
    static final LocalDate MOVED_IN_ON = LocalDate.of(2026, 6, 1);

    FixtureConfiguration<Member> fixture;
    Occupants occupants;
    /** The members whose key the erasure destroyed, in order. */
    List<MemberId> destroyedKeys = new ArrayList<>();

    @BeforeEach
    void setUp() {
        Directory directory = new Directory();
        occupants = RulesFixture.occupants();
        fixture = directory.memberFixture(destroyedKeys::add, occupants);
    }

    @Test
    @DisplayName("an active member is counted in their organisations, and nowhere once the membership ended")
    void anActiveMemberIsCountedInTheirOrganisations() {
        fixture.givenNoPriorActivity().when(register(registered())).expectSuccessfulHandlerExecution();
        assertThat(occupants.count(ORIGIN_BRANCH)).isEqualTo(new Occupants.Count(1, 0));
        fixture.given(registered()).when(new EndMembership(ID, MembershipEndReason.DECEASED, LocalDate.of(2026, 3, 1), null))
                .expectSuccessfulHandlerExecution();
        assertThat(occupants.count(ORIGIN_BRANCH)).isEqualTo(new Occupants.Count(0, 0));
    }

    static MemberRegistered registered() {
        return new MemberRegistered(ID, "张建国", Gender.M, LocalDate.of(1948, 3, 1), LocalDate.of(1972, 7, 1),
                ORIGIN_BRANCH, Set.of(Category.FARMER, Category.RETIRED), new Residence(ResidenceStatus.ORIGINAL, null, "常青村12号"),
                "13800000000", LocalDate.of(2020, 1, 1));
    }

    static RegisterMember register(MemberRegistered e) {
        return new RegisterMember(e.memberId(), e.name(), e.gender(), e.birthDate(), e.joinedPartyOn(), e.branchId(),
                e.categories(), e.residence(), e.phone(), e.registeredOn());
    }

    static MemberRelocated relocated() {
        return new MemberRelocated(ID, "天宁区红梅新村5幢", null, RELOCATED_ON);
    }

    static MemberJoinedTransitionGroup joined() {
        return new MemberJoinedTransitionGroup(ID, TRANSITION_GROUP, RELOCATED_ON.plusMonths(1));
    }

    static TransferToResettlementCommunity resettle(boolean transferRelation) {
        return new TransferToResettlementCommunity(ID, COMMUNITY, RESIDENCE_BRANCH, BUILDING_GROUP, MOVED_IN_ON,
                transferRelation, null);
    }

    static MemberTransferredToResettlementCommunity resettled(boolean relationTransferred) {
        return new MemberTransferredToResettlementCommunity(ID, COMMUNITY, RESIDENCE_BRANCH, BUILDING_GROUP,
                MOVED_IN_ON, relationTransferred);
    }

    @Nested
    @DisplayName("Registration")
    class Registration {

        @Test
        @DisplayName("a new member is registered in an existing branch")
        void registers() {
            fixture.givenNoPriorActivity().when(register(registered())).expectEvents(registered());
        }

        @Test
        @DisplayName("registering the same id with the same details again is an idempotent no-op")
        void repeatIsIdempotent() {
            fixture.given(registered()).when(register(registered())).expectNoEvents().expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("registering the same id with other details is refused")
        void sameIdOtherDetailsRefused() {
            MemberRegistered other = registered();
            RegisterMember differentName = new RegisterMember(ID, "李四", other.gender(), other.birthDate(),
                    other.joinedPartyOn(), other.branchId(), other.categories(), other.residence(), other.phone(),
                    other.registeredOn());
            fixture.given(registered()).when(differentName).expectException(IdConflict.class).expectExceptionMessage(containsString("already registered with other details")).expectNoEvents();
        }

        @Test
        @DisplayName("a member cannot be registered in a branch that does not exist or was dissolved")
        void unknownOrDissolvedBranchRefused() {
            MemberRegistered e = registered();
            fixture.givenNoPriorActivity()
                    .when(new RegisterMember(ID, e.name(), e.gender(), e.birthDate(), e.joinedPartyOn(),
                            cn.qinglong.dangjian.kernel.organization.OrganizationId.of("nowhere"), e.categories(),
                            e.residence(), e.phone(), e.registeredOn()))
                    .expectException(NotFound.class).expectExceptionMessage(containsString("nowhere"));
            fixture.givenNoPriorActivity()
                    .when(new RegisterMember(ID, e.name(), e.gender(), e.birthDate(), e.joinedPartyOn(), DISSOLVED_BRANCH,
                            e.categories(), e.residence(), e.phone(), e.registeredOn()))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("dissolved"));
        }

        @Test
        @DisplayName("a member joins the party at eighteen or older: the day before the eighteenth birthday is refused")
        void joiningTheDayBeforeEighteenIsRefused() {
            MemberRegistered e = registered();
            LocalDate dayBefore = e.birthDate().plusYears(18).minusDays(1);
            fixture.givenNoPriorActivity()
                    .when(new RegisterMember(ID, e.name(), e.gender(), e.birthDate(), dayBefore,
                            e.branchId(), e.categories(), e.residence(), e.phone(), e.registeredOn()))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("a member joins the party at 18 or older"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a member joins the party at eighteen or older: on the eighteenth birthday is accepted")
        void joiningOnTheEighteenthBirthdayIsAccepted() {
            MemberRegistered e = registered();
            MemberRegistered atEighteen = new MemberRegistered(ID, e.name(), e.gender(), e.birthDate(),
                    e.birthDate().plusYears(18), e.branchId(), e.categories(), e.residence(), e.phone(),
                    e.registeredOn());
            fixture.givenNoPriorActivity().when(register(atEighteen)).expectEvents(atEighteen);
        }
    }

    @Nested
    @DisplayName("A member can join a transition group only while relocated and only one at a time")
    class TransitionGroupRule {

        @Test
        @DisplayName("a relocated member joins a transition group")
        void relocatedMemberJoins() {
            fixture.given(registered(), relocated())
                    .when(new JoinTransitionGroup(ID, TRANSITION_GROUP, RELOCATED_ON.plusMonths(1), null))
                    .expectEvents(joined());
        }

        @Test
        @DisplayName("a member still living in the village cannot join a transition group")
        void notRelocatedRefused() {
            fixture.given(registered())
                    .when(new JoinTransitionGroup(ID, TRANSITION_GROUP, RELOCATED_ON, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("a member can join a transition group only while relocated (TRANSITION); this member is ORIGINAL")).expectNoEvents();
        }

        @Test
        @DisplayName("a resettled member cannot join a transition group")
        void resettledRefused() {
            fixture.given(registered(), relocated(), resettled(true))
                    .when(new JoinTransitionGroup(ID, TRANSITION_GROUP, MOVED_IN_ON, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("only while relocated (TRANSITION); this member is RESETTLED")).expectNoEvents();
        }

        @Test
        @DisplayName("a member cannot join a second transition group")
        void secondGroupRefused() {
            fixture.given(registered(), relocated(), joined())
                    .when(new JoinTransitionGroup(ID, OTHER_TRANSITION_GROUP, RELOCATED_ON.plusMonths(2), null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("a member belongs to one transition group at a time; leave '" + TRANSITION_GROUP + "' first")).expectNoEvents();
        }

        @Test
        @DisplayName("after leaving one group a member may join another")
        void joinAfterLeaving() {
            var left = new MemberLeftTransitionGroup(ID, TRANSITION_GROUP, RELOCATED_ON.plusMonths(3), "moved across town");
            fixture.given(registered(), relocated(), joined(), left)
                    .when(new JoinTransitionGroup(ID, OTHER_TRANSITION_GROUP, RELOCATED_ON.plusMonths(3), null))
                    .expectEvents(new MemberJoinedTransitionGroup(ID, OTHER_TRANSITION_GROUP, RELOCATED_ON.plusMonths(3)));
        }

        @Test
        @DisplayName("joining the group the member is already in records nothing")
        void rejoiningSameGroupIsNoOp() {
            fixture.given(registered(), relocated(), joined())
                    .when(new JoinTransitionGroup(ID, TRANSITION_GROUP, RELOCATED_ON.plusMonths(2), null))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("only a TRANSITION group can be joined as a transition group")
        void onlyTransitionGroups() {
            fixture.given(registered(), relocated())
                    .when(new JoinTransitionGroup(ID, BUILDING_GROUP, RELOCATED_ON.plusMonths(1), null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("is not a TRANSITION group")).expectNoEvents();
        }

        @Test
        @DisplayName("leaving requires being in a group")
        void leavingWithoutGroupRefused() {
            fixture.given(registered(), relocated())
                    .when(new LeaveTransitionGroup(ID, RELOCATED_ON.plusMonths(1), "no reason", null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("the member is in no transition group"));
        }
    }

    @Nested
    @DisplayName("Transfer to a resettlement community ends transition-group membership and sets up dual management unless the relation moves")
    class ResettlementRule {

        @Test
        @DisplayName("resettling without moving the relation ends the group and establishes dual management")
        void dualManagementEstablished() {
            fixture.given(registered(), relocated(), joined())
                    .when(resettle(false))
                    .expectEvents(resettled(false),
                            new MemberLeftTransitionGroup(ID, TRANSITION_GROUP, MOVED_IN_ON, "resettled"),
                            new DualManagementEstablished(ID, ORIGIN_BRANCH, RESIDENCE_BRANCH, MOVED_IN_ON));
        }

        @Test
        @DisplayName("resettling with the relation transferred moves the relation and establishes no dual management")
        void relationTransferredWithMove() {
            fixture.given(registered(), relocated(), joined())
                    .when(resettle(true))
                    .expectEvents(resettled(true),
                            new MemberLeftTransitionGroup(ID, TRANSITION_GROUP, MOVED_IN_ON, "resettled"),
                            new OrganizationalRelationTransferred(ID, ORIGIN_BRANCH, RESIDENCE_BRANCH, MOVED_IN_ON));
        }

        @Test
        @DisplayName("transferring the relation to the residence branch later ends dual management")
        void laterTransferEndsDualManagement() {
            LocalDate later = LocalDate.of(2026, 9, 1);
            fixture.given(registered(), relocated(), resettled(false),
                            new DualManagementEstablished(ID, ORIGIN_BRANCH, RESIDENCE_BRANCH, MOVED_IN_ON))
                    .when(new TransferOrganizationalRelation(ID, RESIDENCE_BRANCH, later, null))
                    .expectEvents(new OrganizationalRelationTransferred(ID, ORIGIN_BRANCH, RESIDENCE_BRANCH, later),
                            new DualManagementEnded(ID, ORIGIN_BRANCH, RESIDENCE_BRANCH, later));
        }

        @Test
        @DisplayName("a member already resettled cannot be resettled again")
        void resettleTwiceRefused() {
            fixture.given(registered(), relocated(), resettled(true))
                    .when(resettle(true))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("the member is already resettled")).expectNoEvents();
        }

        @Test
        @DisplayName("transferring the relation to the branch it is already with is refused")
        void transferToSameBranchRefused() {
            fixture.given(registered())
                    .when(new TransferOrganizationalRelation(ID, ORIGIN_BRANCH, MOVED_IN_ON, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("the member's organisational relation is already with '" + ORIGIN_BRANCH + "'"));
        }
    }

    @Nested
    @DisplayName("Attendance is recorded once per study day, only for an open study day of the daily-management branch, in a mode it offers")
    class AttendanceRule {

        MemberAttendedStudyDay attended() {
            return new MemberAttendedStudyDay(ID, ORIGIN_STUDY_DAY, ORIGIN_BRANCH, StudyMode.NEARBY, STUDY_DAY_DATE);
        }

        @Test
        @DisplayName("a member attends a study day of their branch")
        void attends() {
            fixture.given(registered())
                    .when(new RecordAttendance(ID, ORIGIN_STUDY_DAY, StudyMode.NEARBY, STUDY_DAY_DATE, null))
                    .expectEvents(attended());
        }

        @Test
        @DisplayName("an identical repeated attendance is a no-op, not a second event")
        void repeatIsNoOp() {
            fixture.given(registered(), attended())
                    .when(new RecordAttendance(ID, ORIGIN_STUDY_DAY, StudyMode.NEARBY, STUDY_DAY_DATE, null))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("the same study day with another mode or date is a conflict that says what was recorded")
        void differentRepeatIsAConflict() {
            fixture.given(registered(), attended())
                    .when(new RecordAttendance(ID, ORIGIN_STUDY_DAY, StudyMode.ONLINE, STUDY_DAY_DATE, null))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("study day '" + ORIGIN_STUDY_DAY
                            + "' is already recorded for member '" + ID + "' as attended NEARBY on " + STUDY_DAY_DATE))
                    .expectNoEvents();
            fixture.given(registered(), attended())
                    .when(new RecordAttendance(ID, ORIGIN_STUDY_DAY, StudyMode.NEARBY, STUDY_DAY_DATE.plusDays(1), null))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("as attended NEARBY on " + STUDY_DAY_DATE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("an excused absence repeated with another reason is a conflict that says what was recorded")
        void differentExcuseIsAConflict() {
            var excused = new StudyAbsenceExcused(ID, ORIGIN_STUDY_DAY, ORIGIN_BRANCH, "住院", TODAY);
            fixture.given(registered(), excused)
                    .when(new ExcuseAbsence(ID, ORIGIN_STUDY_DAY, "外出", null, null))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("as excused on " + TODAY + " (住院)"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a cancelled study day cannot be attended")
        void cancelledRefused() {
            fixture.given(registered())
                    .when(new RecordAttendance(ID, CANCELLED_STUDY_DAY, StudyMode.NEARBY, STUDY_DAY_DATE, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("study day '" + CANCELLED_STUDY_DAY + "' has been cancelled")).expectNoEvents();
        }

        @Test
        @DisplayName("an unknown study day is not found")
        void unknownNotFound() {
            fixture.given(registered())
                    .when(new RecordAttendance(ID, cn.qinglong.dangjian.kernel.studyday.StudyDayId.of("sd-none"),
                            StudyMode.NEARBY, STUDY_DAY_DATE, null))
                    .expectException(NotFound.class).expectExceptionMessage(containsString("sd-none"));
        }

        @Test
        @DisplayName("a study day of another branch cannot be attended")
        void otherBranchRefused() {
            fixture.given(registered())
                    .when(new RecordAttendance(ID, RESIDENCE_STUDY_DAY, StudyMode.NEARBY, STUDY_DAY_DATE, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("not to the member's daily-management branch on its date " + STUDY_DAY_DATE + ", '" + ORIGIN_BRANCH + "'")).expectNoEvents();
        }

        @Test
        @DisplayName("a dual-managed member attends the residence branch's study day, not the origin branch's")
        void dualManagedMemberAttendsResidenceBranch() {
            var dual = new DualManagementEstablished(ID, ORIGIN_BRANCH, RESIDENCE_BRANCH, MOVED_IN_ON);
            fixture.given(registered(), relocated(), resettled(false), dual)
                    .when(new RecordAttendance(ID, RESIDENCE_STUDY_DAY, StudyMode.ONLINE, STUDY_DAY_DATE, null))
                    .expectEvents(new MemberAttendedStudyDay(ID, RESIDENCE_STUDY_DAY, RESIDENCE_BRANCH, StudyMode.ONLINE,
                            STUDY_DAY_DATE));
            fixture.given(registered(), relocated(), resettled(false), dual)
                    .when(new RecordAttendance(ID, ORIGIN_STUDY_DAY, StudyMode.NEARBY, STUDY_DAY_DATE, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("not to the member's daily-management branch on its date " + STUDY_DAY_DATE + ", '" + RESIDENCE_BRANCH + "'")).expectNoEvents();
        }

        @Test
        @DisplayName("attendance only in a mode the study day offers")
        void modeMustBeOffered() {
            fixture.given(registered())
                    .when(new RecordAttendance(ID, ORIGIN_STUDY_DAY, StudyMode.HOME_DELIVERY, STUDY_DAY_DATE, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("offers [NEARBY, ONLINE], not HOME_DELIVERY")).expectNoEvents();
        }

        @Test
        @DisplayName("an absence is excused once, and not after the member attended")
        void excuses() {
            var excused = new StudyAbsenceExcused(ID, ORIGIN_STUDY_DAY, ORIGIN_BRANCH, "住院", TODAY);
            fixture.given(registered())
                    .when(new ExcuseAbsence(ID, ORIGIN_STUDY_DAY, "住院", null, null))
                    .expectEvents(excused);
            fixture.given(registered(), excused)
                    .when(new ExcuseAbsence(ID, ORIGIN_STUDY_DAY, "住院", null, null))
                    .expectNoEvents();
            fixture.given(registered(), attended())
                    .when(new ExcuseAbsence(ID, ORIGIN_STUDY_DAY, "住院", null, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("the member already attended study day '" + ORIGIN_STUDY_DAY + "'"));
        }
    }

    /** The member of the secretary's story: village branch, resettled under dual management on 2026-11-16. */
    static Object[] movedOn16November() {
        LocalDate moved = LocalDate.of(2026, 11, 16);
        return new Object[] {registered(), relocated(),
                new MemberTransferredToResettlementCommunity(ID, COMMUNITY, RESIDENCE_BRANCH, BUILDING_GROUP, moved, false),
                new DualManagementEstablished(ID, ORIGIN_BRANCH, RESIDENCE_BRANCH, moved)};
    }

    @Nested
    @DisplayName("Attendance, excuses, follow-ups and make-ups are decided by the daily-management branch on the study day's date")
    class StudyDayDateRule {

        @Test
        @DisplayName("a late entry after a move: the old branch's study day before the move is accepted")
        void lateEntryAfterMoveAccepted() {
            fixture.given(movedOn16November())
                    .when(new RecordAttendance(ID, ORIGIN_EARLY_STUDY_DAY, StudyMode.NEARBY, EARLY_DATE, null))
                    .expectEvents(new MemberAttendedStudyDay(ID, ORIGIN_EARLY_STUDY_DAY, ORIGIN_BRANCH, StudyMode.NEARBY,
                            EARLY_DATE));
        }

        @Test
        @DisplayName("an early entry before a move: the new branch's study day from before the move is refused")
        void earlyEntryBeforeMoveRefused() {
            fixture.given(movedOn16November())
                    .when(new RecordAttendance(ID, RESIDENCE_EARLY_STUDY_DAY, StudyMode.ONLINE, EARLY_DATE, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("study day '" + RESIDENCE_EARLY_STUDY_DAY
                            + "' belongs to branch '" + RESIDENCE_BRANCH + "', not to the member's daily-management "
                            + "branch on its date " + EARLY_DATE + ", '" + ORIGIN_BRANCH + "'"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("an excuse typed in after a move is decided on the study day's date too")
        void lateExcuseAfterMoveAccepted() {
            fixture.given(movedOn16November())
                    .when(new ExcuseAbsence(ID, ORIGIN_EARLY_STUDY_DAY, "住院", EARLY_DATE, null))
                    .expectEvents(new StudyAbsenceExcused(ID, ORIGIN_EARLY_STUDY_DAY, ORIGIN_BRANCH, "住院", EARLY_DATE));
        }
    }

    @Nested
    @DisplayName("Zero left behind: a follow-up and a make-up study only for a study day the member was expected at and did not attend")
    class ZeroLeftBehindRule {

        StudyFollowedUp followedUp() {
            return new StudyFollowedUp(ID, ORIGIN_STUDY_DAY, ORIGIN_BRANCH, "王芳", FollowUpMethod.VISIT, TODAY, "病后在家");
        }

        @Test
        @DisplayName("a follow-up is recorded for a missed study day")
        void followUpRecorded() {
            fixture.given(registered())
                    .when(new RecordFollowUp(ID, ORIGIN_STUDY_DAY, "王芳", FollowUpMethod.VISIT, TODAY, "病后在家", null))
                    .expectEvents(followedUp());
        }

        @Test
        @DisplayName("an identical follow-up is a no-op; another one for the same study day is a conflict")
        void followUpRepeats() {
            fixture.given(registered(), followedUp())
                    .when(new RecordFollowUp(ID, ORIGIN_STUDY_DAY, "王芳", FollowUpMethod.VISIT, TODAY, "病后在家", null))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
            fixture.given(registered(), followedUp())
                    .when(new RecordFollowUp(ID, ORIGIN_STUDY_DAY, "李强", FollowUpMethod.PHONE, TODAY, null, null))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("as followed up by 王芳 (VISIT) on " + TODAY))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("no follow-up for a study day the member attended")
        void noFollowUpAfterAttendance() {
            fixture.given(registered(), new MemberAttendedStudyDay(ID, ORIGIN_STUDY_DAY, ORIGIN_BRANCH,
                            StudyMode.NEARBY, STUDY_DAY_DATE))
                    .when(new RecordFollowUp(ID, ORIGIN_STUDY_DAY, "王芳", FollowUpMethod.VISIT, TODAY, null, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("a follow-up is only for a study day the member did not "
                            + "attend; the member attended '" + ORIGIN_STUDY_DAY + "'"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("no follow-up for a study day the member was not expected at, nor before the study day")
        void followUpOnlyWhereExpected() {
            fixture.given(registered())
                    .when(new RecordFollowUp(ID, RESIDENCE_STUDY_DAY, "王芳", FollowUpMethod.VISIT, TODAY, null, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("not to the member's daily-management branch on its date"))
                    .expectNoEvents();
            fixture.given(registered())
                    .when(new RecordFollowUp(ID, ORIGIN_STUDY_DAY, "王芳", FollowUpMethod.VISIT,
                            STUDY_DAY_DATE.minusDays(1), null, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("the follow-up on " + STUDY_DAY_DATE.minusDays(1)
                            + " precedes the study day on " + STUDY_DAY_DATE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a make-up study is recorded at home or online, once")
        void makeUpRecorded() {
            var madeUp = new StudyMadeUp(ID, ORIGIN_STUDY_DAY, ORIGIN_BRANCH, StudyMode.ONLINE, TODAY);
            fixture.given(registered())
                    .when(new RecordMakeUpStudy(ID, ORIGIN_STUDY_DAY, StudyMode.ONLINE, TODAY, null))
                    .expectEvents(madeUp);
            fixture.given(registered(), madeUp)
                    .when(new RecordMakeUpStudy(ID, ORIGIN_STUDY_DAY, StudyMode.ONLINE, TODAY, null))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
            fixture.given(registered(), madeUp)
                    .when(new RecordMakeUpStudy(ID, ORIGIN_STUDY_DAY, StudyMode.HOME_DELIVERY, TODAY, null))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("as made up ONLINE on " + TODAY))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a make-up study is not taken in person, nor for a study day the member attended")
        void makeUpRefusals() {
            fixture.given(registered())
                    .when(new RecordMakeUpStudy(ID, ORIGIN_STUDY_DAY, StudyMode.NEARBY, TODAY, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString(
                            "a make-up study is taken at home or online ([HOME_DELIVERY, ONLINE]), not NEARBY"))
                    .expectNoEvents();
            fixture.given(registered(), new MemberAttendedStudyDay(ID, ORIGIN_STUDY_DAY, ORIGIN_BRANCH,
                            StudyMode.NEARBY, STUDY_DAY_DATE))
                    .when(new RecordMakeUpStudy(ID, ORIGIN_STUDY_DAY, StudyMode.ONLINE, TODAY, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("a make-up study is only for a study day the member did "
                            + "not attend"))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Places must fit: areas and transition groups of the member's own village, a residence branch under the community moved to")
    class PlacesRule {

        @Test
        @DisplayName("a relocation names an AREA group of the member's own village general branch")
        void areaOfOwnVillage() {
            fixture.given(registered())
                    .when(new RelocateMember(ID, "天宁区红梅新村5幢", AREA, RELOCATED_ON, null))
                    .expectEvents(new MemberRelocated(ID, "天宁区红梅新村5幢", AREA, RELOCATED_ON));
        }

        @Test
        @DisplayName("an area id that is not an AREA group is refused")
        void areaMustBeAnArea() {
            fixture.given(registered())
                    .when(new RelocateMember(ID, "天宁区红梅新村5幢", TRANSITION_GROUP, RELOCATED_ON, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("area '" + TRANSITION_GROUP + "' is not a AREA group"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("another village's area is refused")
        void otherVillagesAreaRefused() {
            fixture.given(registered())
                    .when(new RelocateMember(ID, "天宁区红梅新村5幢", OTHER_AREA, RELOCATED_ON, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("an area must sit under the member's own village general "
                            + "branch '" + VILLAGE + "'; '" + OTHER_AREA + "' does not"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("another village's transition group is refused")
        void otherVillagesTransitionGroupRefused() {
            fixture.given(registered(), relocated())
                    .when(new JoinTransitionGroup(ID, OTHER_VILLAGE_GROUP, RELOCATED_ON.plusMonths(1), null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("a transition group must sit under the member's own village "
                            + "general branch '" + VILLAGE + "'; '" + OTHER_VILLAGE_GROUP + "' does not"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a residence branch outside the community moved to is refused")
        void residenceBranchOutsideCommunityRefused() {
            fixture.given(registered(), relocated())
                    .when(new TransferToResettlementCommunity(ID, OTHER_COMMUNITY, RESIDENCE_BRANCH, null, MOVED_IN_ON,
                            false, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("a residence branch sits under the resettlement community "
                            + "the member moves to; '" + RESIDENCE_BRANCH + "' is not under '" + OTHER_COMMUNITY + "'"))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Democratic evaluation: one concluding grade per member per evaluation period")
    class EvaluationRule {

        EvaluationRecorded graded() {
            return new EvaluationRecorded(ID, "2025", Rating.EXCELLENT, LocalDate.of(2026, 1, 15), null);
        }

        @Test
        @DisplayName("a period is graded once; the same grade again records nothing")
        void gradedOnce() {
            fixture.given(registered())
                    .when(new RecordEvaluation(ID, "2025", Rating.EXCELLENT, LocalDate.of(2026, 1, 15), null, null))
                    .expectEvents(graded());
            fixture.given(registered(), graded())
                    .when(new RecordEvaluation(ID, "2025", Rating.EXCELLENT, LocalDate.of(2026, 1, 15), null, null))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("a second, different grade for the same period is refused, saying what was recorded")
        void secondGradeRefused() {
            fixture.given(registered(), graded())
                    .when(new RecordEvaluation(ID, "2025", Rating.QUALIFIED, LocalDate.of(2026, 2, 1), null, null))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("a member is graded once per evaluation period; period "
                            + "'2025' of member '" + ID + "' is already graded EXCELLENT on 2026-01-15"))
                    .expectNoEvents();
            fixture.given(registered(), graded())
                    .when(new RecordEvaluation(ID, "2026", Rating.QUALIFIED, LocalDate.of(2026, 11, 1), null, null))
                    .expectEvents(new EvaluationRecorded(ID, "2026", Rating.QUALIFIED, LocalDate.of(2026, 11, 1), null));
        }
    }

    @Nested
    @DisplayName("Dues are paid once per month period")
    class DuesRule {

        @Test
        @DisplayName("dues for a month are recorded")
        void pays() {
            fixture.given(registered())
                    .when(new PayDues(ID, YearMonth.of(2026, 10), 200, TODAY, null))
                    .expectEvents(new DuesPaid(ID, YearMonth.of(2026, 10), 200, TODAY));
        }

        @Test
        @DisplayName("a second payment for the same period is rejected")
        void secondPaymentRejected() {
            fixture.given(registered(), new DuesPaid(ID, YearMonth.of(2026, 10), 200, TODAY))
                    .when(new PayDues(ID, YearMonth.of(2026, 10), 200, TODAY, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("dues for 2026-10 are already paid")).expectNoEvents();
        }

        @Test
        @DisplayName("the branch sets a member's monthly standard from a month on, dated today")
        void standardSet() {
            fixture.given(registered())
                    .when(new SetDuesStandard(ID, 200, YearMonth.of(2026, 1), "退休金标准", null))
                    .expectEvents(new DuesStandardSet(ID, 200, YearMonth.of(2026, 1), "退休金标准", TODAY));
        }

        @Test
        @DisplayName("the same standard again records nothing; a negative standard is refused")
        void standardRepeatsAndRefusals() {
            var set = new DuesStandardSet(ID, 200, YearMonth.of(2026, 1), null, TODAY);
            fixture.given(registered(), set)
                    .when(new SetDuesStandard(ID, 200, YearMonth.of(2026, 1), null, null))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
            fixture.given(registered())
                    .when(new SetDuesStandard(ID, -1, YearMonth.of(2026, 1), null, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("a dues standard is zero or more fen"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("another period can still be paid")
        void otherPeriodAccepted() {
            fixture.given(registered(), new DuesPaid(ID, YearMonth.of(2026, 10), 200, TODAY))
                    .when(new PayDues(ID, YearMonth.of(2026, 11), 200, TODAY, null))
                    .expectEvents(new DuesPaid(ID, YearMonth.of(2026, 11), 200, TODAY));
        }
    }

    @Nested
    @DisplayName("No fact is recorded for a member whose membership has ended")
    class EndedMembershipRule {

        MembershipEnded ended() {
            return new MembershipEnded(ID, MembershipEndReason.DECEASED, LocalDate.of(2026, 3, 1));
        }

        @Test
        @DisplayName("a membership ends")
        void ends() {
            fixture.given(registered())
                    .when(new EndMembership(ID, MembershipEndReason.DECEASED, LocalDate.of(2026, 3, 1), null))
                    .expectEvents(ended());
        }

        @Test
        @DisplayName("after the end, visits, dues, attendance and a second end are all refused")
        void everythingRefusedAfterEnd() {
            fixture.given(registered(), ended())
                    .when(new RecordCareVisit(ID, "王芳", null, VisitKind.CONDOLENCE, TODAY, null, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("has ended; no new facts can be recorded")).expectNoEvents();
            fixture.given(registered(), ended())
                    .when(new PayDues(ID, YearMonth.of(2026, 2), 200, TODAY, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("has ended; no new facts can be recorded")).expectNoEvents();
            fixture.given(registered(), ended())
                    .when(new RecordAttendance(ID, ORIGIN_STUDY_DAY, StudyMode.NEARBY, STUDY_DAY_DATE, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("has ended; no new facts can be recorded")).expectNoEvents();
            fixture.given(registered(), ended())
                    .when(new EndMembership(ID, MembershipEndReason.OTHER, TODAY, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("has ended; no new facts can be recorded")).expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Personal data is erased only after the membership ended")
    class ErasureRule {

        MembershipEnded ended() {
            return new MembershipEnded(ID, MembershipEndReason.DECEASED, LocalDate.of(2026, 3, 1));
        }

        @Test
        @DisplayName("personal data is erased only after the membership ended")
        void personal_data_is_erased_only_after_the_membership_ended() {
            fixture.given(registered())
                    .when(new EraseMemberPersonalData(ID, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("only after the membership ended"))
                    .expectNoEvents();
            assertThat(destroyedKeys).isEmpty();

            fixture.given(registered(), ended())
                    .when(new EraseMemberPersonalData(ID, null))
                    .expectEvents(new MemberPersonalDataErased(ID, TODAY));
            assertThat(destroyedKeys).containsExactly(ID);
        }

        @Test
        @DisplayName("a second erasure changes nothing")
        void erasureIsOnce() {
            fixture.given(registered(), ended(), new MemberPersonalDataErased(ID, TODAY))
                    .when(new EraseMemberPersonalData(ID, null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            assertThat(destroyedKeys).isEmpty();
        }
    }

    @Nested
    @DisplayName("Dates in the future are rejected for things that already happened")
    class FutureDatesRule {

        LocalDate tomorrow = TODAY.plusDays(1);

        @Test
        @DisplayName("a visit dated tomorrow is rejected, one dated today is accepted")
        void visits() {
            fixture.given(registered())
                    .when(new RecordCareVisit(ID, "王芳", null, VisitKind.CARE_VISIT, tomorrow, null, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("visitedOn 2026-11-28 is in the future; only what already happened can be recorded")).expectNoEvents();
            fixture.given(registered())
                    .when(new RecordCareVisit(ID, "王芳", null, VisitKind.CARE_VISIT, TODAY, "身体尚好", null))
                    .expectEvents(new MemberVisitedByHelper(ID, "王芳", null, VisitKind.CARE_VISIT, TODAY, "身体尚好"));
        }

        @Test
        @DisplayName("attendance dated in the future is rejected")
        void attendance() {
            fixture.given(registered())
                    .when(new RecordAttendance(ID, ORIGIN_STUDY_DAY, StudyMode.NEARBY, tomorrow, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("attendedOn 2026-11-28 is in the future")).expectNoEvents();
        }

        @Test
        @DisplayName("moves dated in the future are rejected")
        void moves() {
            fixture.given(registered())
                    .when(new RelocateMember(ID, "红梅新村", null, tomorrow, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("relocatedOn 2026-11-28 is in the future")).expectNoEvents();
            fixture.given(registered(), relocated())
                    .when(new TransferToResettlementCommunity(ID, COMMUNITY, RESIDENCE_BRANCH, null, tomorrow, false, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("movedInOn 2026-11-28 is in the future")).expectNoEvents();
        }

        @Test
        @DisplayName("a registration dated in the future is rejected")
        void registration() {
            MemberRegistered e = registered();
            fixture.givenNoPriorActivity()
                    .when(new RegisterMember(ID, e.name(), e.gender(), e.birthDate(), e.joinedPartyOn(), e.branchId(),
                            e.categories(), e.residence(), e.phone(), tomorrow))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("registeredOn 2026-11-28 is in the future")).expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Care needs")
    class CareNeeds {

        @Test
        @DisplayName("care needs are recorded as a set, dated today when no date is given")
        void recordsNeeds() {
            fixture.given(registered())
                    .when(new RecordCareNeeds(ID, Set.of(CareNeed.FRAIL, CareNeed.EMPTY_NEST), null, null))
                    .expectEvents(new CareNeedsRecorded(ID, Set.of(CareNeed.EMPTY_NEST, CareNeed.FRAIL), TODAY));
        }
    }
}

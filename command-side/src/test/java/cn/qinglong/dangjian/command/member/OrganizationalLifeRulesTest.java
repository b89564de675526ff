package cn.qinglong.dangjian.command.member;

import static cn.qinglong.dangjian.command.member.Directory.AREA;
import static cn.qinglong.dangjian.command.member.Directory.BUILDING_GROUP;
import static cn.qinglong.dangjian.command.member.Directory.COMMITTEE;
import static cn.qinglong.dangjian.command.member.Directory.COMMUNITY;
import static cn.qinglong.dangjian.command.member.Directory.ORIGIN_BRANCH;
import static cn.qinglong.dangjian.command.member.Directory.OTHER_VILLAGE;
import static cn.qinglong.dangjian.command.member.Directory.RESIDENCE_BRANCH;
import static cn.qinglong.dangjian.command.member.Directory.TRANSITION_GROUP;
import static cn.qinglong.dangjian.command.member.Directory.VILLAGE;
import static cn.qinglong.dangjian.command.member.MemberRulesTest.CLOCK;
import static cn.qinglong.dangjian.command.member.MemberRulesTest.ID;
import static cn.qinglong.dangjian.command.member.MemberRulesTest.registered;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.shared.RulesFixture;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent.MeetingHeld;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.member.MemberCommand.AcknowledgeNotice;
import cn.qinglong.dangjian.kernel.member.MemberCommand.DeliverNotice;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordMeetingAttendance;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEstablished;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberJoinedTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberLeftTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberTransferredToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeAcknowledged;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeDelivered;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.notice.NoticeChannel;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Given/when/then tests of the rules of notices and of 三会一课 attendance (docs/organizational-life.md). */
class OrganizationalLifeRulesTest {

    static final LocalDate ISSUED_ON = LocalDate.of(2026, 11, 1);
    /** The village's notice: its audience is the members managed day to day within 常青村 on 2026-11-01. */
    static final NoticeId VILLAGE_NOTICE = NoticeId.of("notice-changqing-2026-11");
    /** The other village's notice, of the same date. */
    static final NoticeId OTHER_NOTICE = NoticeId.of("notice-dongfeng-2026-11");
    /** The committee's notice of 2019-12-01, issued before the member was registered (2020-01-01). */
    static final NoticeId EARLY_NOTICE = NoticeId.of("notice-qinglong-2019");
    static final LocalDate HELD_ON = LocalDate.of(2026, 11, 12);
    static final MeetingId BRANCH_COMMITTEE = MeetingId.of("mtg-changqing-1-committee-2026-11");
    static final MeetingId RESIDENCE_CONGRESS = MeetingId.of("mtg-qingzhuyuan-1-congress-2026-11");
    static final MeetingId GROUP_MEETING = MeetingId.of("mtg-changqing-t1-2026-11");
    static final MeetingId BUILDING_MEETING = MeetingId.of("mtg-qingzhuyuan-b3-2026-11");
    static final MeetingId AREA_MEETING = MeetingId.of("mtg-changqing-area-2-2026-11");
    static final LocalDate RELOCATED_ON = LocalDate.of(2019, 5, 1);

    FixtureConfiguration<Member> fixture;

    @BeforeEach
    void setUp() {
        Directory directory = new Directory();
        publish(directory, "Notice", VILLAGE_NOTICE.value(),
                new NoticeIssued(VILLAGE_NOTICE, VILLAGE, "十一月主题党日通知", "11月10日上午九点村委会", ISSUED_ON));
        publish(directory, "Notice", OTHER_NOTICE.value(),
                new NoticeIssued(OTHER_NOTICE, OTHER_VILLAGE, "东风村通知", "东风村党员", ISSUED_ON));
        publish(directory, "Notice", EARLY_NOTICE.value(),
                new NoticeIssued(EARLY_NOTICE, COMMITTEE, "2019年通知", "全体党员", LocalDate.of(2019, 12, 1)));
        publish(directory, "Meeting", BRANCH_COMMITTEE.value(),
                new MeetingHeld(BRANCH_COMMITTEE, ORIGIN_BRANCH, MeetingKind.BRANCH_COMMITTEE, HELD_ON, "支委会"));
        publish(directory, "Meeting", RESIDENCE_CONGRESS.value(),
                new MeetingHeld(RESIDENCE_CONGRESS, RESIDENCE_BRANCH, MeetingKind.BRANCH_CONGRESS, HELD_ON, "党员大会"));
        publish(directory, "Meeting", GROUP_MEETING.value(),
                new MeetingHeld(GROUP_MEETING, TRANSITION_GROUP, MeetingKind.GROUP_MEETING, HELD_ON, "过渡期座谈"));
        publish(directory, "Meeting", BUILDING_MEETING.value(),
                new MeetingHeld(BUILDING_MEETING, BUILDING_GROUP, MeetingKind.GROUP_MEETING, HELD_ON, "楼栋党小组会"));
        publish(directory, "Meeting", AREA_MEETING.value(),
                new MeetingHeld(AREA_MEETING, AREA, MeetingKind.GROUP_MEETING, HELD_ON, "片区会"));
        fixture = directory.memberFixture(id -> { }, RulesFixture.occupants());
    }

    private static void publish(Directory directory, String type, String id, Object event) {
        directory.store.publish(new GenericDomainEventMessage<>(type, id, 0L, event));
    }

    static DeliverNotice deliver(NoticeId notice, NoticeChannel channel, LocalDate on) {
        return new DeliverNotice(ID, notice, channel, on, null);
    }

    static NoticeDelivered delivered(LocalDate on) {
        return new NoticeDelivered(ID, VILLAGE_NOTICE, VILLAGE, NoticeChannel.WECHAT, on);
    }

    static MemberTransferredToResettlementCommunity resettledOn(LocalDate on) {
        return new MemberTransferredToResettlementCommunity(ID, COMMUNITY, RESIDENCE_BRANCH, BUILDING_GROUP, on, false);
    }

    static DualManagementEstablished dualManagedOn(LocalDate on) {
        return new DualManagementEstablished(ID, ORIGIN_BRANCH, RESIDENCE_BRANCH, on);
    }

    @Nested
    @DisplayName("Notice audience rule: a notice reaches only its audience, fixed on the issue date")
    class AudienceRule {

        @Test
        @DisplayName("a member managed day to day within the issuing organisation on the issue date is delivered the notice")
        void audienceMemberIsDelivered() {
            fixture.given(registered()).when(deliver(VILLAGE_NOTICE, NoticeChannel.WECHAT, ISSUED_ON.plusDays(1)))
                    .expectEvents(delivered(ISSUED_ON.plusDays(1)));
        }

        @Test
        @DisplayName("delivery only to an audience member: a member of another village is refused, naming the rule")
        void deliveryOnlyToAnAudienceMember() {
            fixture.given(registered()).when(deliver(OTHER_NOTICE, NoticeChannel.SMS, ISSUED_ON.plusDays(1)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(allOf(containsString("is for the members managed day to day within 'dongfeng'"),
                            containsString("'changqing-1'")))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("audience fixed at issue: a member who moved to the residence branch after the issue date is still delivered the village's notice")
        void audienceFixedAtIssueMovedAwayLater() {
            LocalDate movedIn = ISSUED_ON.plusDays(5);
            fixture.given(registered(), new MemberRelocated(ID, "出租屋", null, RELOCATED_ON), resettledOn(movedIn),
                            dualManagedOn(movedIn))
                    .when(deliver(VILLAGE_NOTICE, NoticeChannel.PHONE, movedIn.plusDays(1)))
                    .expectEvents(new NoticeDelivered(ID, VILLAGE_NOTICE, VILLAGE, NoticeChannel.PHONE, movedIn.plusDays(1)));
        }

        @Test
        @DisplayName("audience fixed at issue: a member who moved to the residence branch before the issue date is not in the village's audience")
        void audienceFixedAtIssueMovedAwayBefore() {
            LocalDate movedIn = ISSUED_ON.minusDays(1);
            fixture.given(registered(), new MemberRelocated(ID, "出租屋", null, RELOCATED_ON), resettledOn(movedIn),
                            dualManagedOn(movedIn))
                    .when(deliver(VILLAGE_NOTICE, NoticeChannel.PHONE, ISSUED_ON.plusDays(1)))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("'qingzhuyuan-1'"));
        }

        @Test
        @DisplayName("audience fixed at issue: a member registered after the issue date is not in its audience")
        void registeredAfterTheIssueDate() {
            fixture.given(registered()).when(deliver(EARLY_NOTICE, NoticeChannel.PAPER, ISSUED_ON))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("on its issue date 2019-12-01"));
        }

        @Test
        @DisplayName("a delivery cannot precede the notice's issue, and an unknown notice is a 404")
        void notBeforeIssueAndUnknownNotice() {
            fixture.given(registered()).when(deliver(VILLAGE_NOTICE, NoticeChannel.WECHAT, ISSUED_ON.minusDays(1)))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("precedes the notice's issue"));
            fixture.given(registered()).when(deliver(NoticeId.of("notice-nowhere"), NoticeChannel.WECHAT, ISSUED_ON))
                    .expectException(NotFound.class).expectExceptionMessage(containsString("notice-nowhere"));
        }

        @Test
        @DisplayName("delivery repeats: the same delivery again is a no-op, another channel or date is a conflict naming the recorded one")
        void deliveryRepeats() {
            fixture.given(registered(), delivered(ISSUED_ON))
                    .when(deliver(VILLAGE_NOTICE, NoticeChannel.WECHAT, ISSUED_ON))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(registered(), delivered(ISSUED_ON))
                    .when(deliver(VILLAGE_NOTICE, NoticeChannel.SMS, ISSUED_ON))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("as delivered by WECHAT on 2026-11-01"));
        }
    }

    @Nested
    @DisplayName("Acknowledgement rule: a notice is acknowledged only after it was delivered")
    class AcknowledgementRule {

        @Test
        @DisplayName("acknowledgement only after delivery: without a delivery it is refused")
        void acknowledgementOnlyAfterDelivery() {
            fixture.given(registered()).when(new AcknowledgeNotice(ID, VILLAGE_NOTICE, ISSUED_ON.plusDays(2), null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("acknowledged only after it was delivered"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a delivered notice is acknowledged on the delivery day or later, never before it")
        void acknowledgedOnOrAfterTheDelivery() {
            fixture.given(registered(), delivered(ISSUED_ON.plusDays(1)))
                    .when(new AcknowledgeNotice(ID, VILLAGE_NOTICE, ISSUED_ON.plusDays(1), null))
                    .expectEvents(new NoticeAcknowledged(ID, VILLAGE_NOTICE, ISSUED_ON.plusDays(1)));
            fixture.given(registered(), delivered(ISSUED_ON.plusDays(1)))
                    .when(new AcknowledgeNotice(ID, VILLAGE_NOTICE, ISSUED_ON, null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("precedes the delivery"));
        }

        @Test
        @DisplayName("acknowledgement repeats: the same again is a no-op, another date is a conflict")
        void acknowledgementRepeats() {
            var acknowledged = new NoticeAcknowledged(ID, VILLAGE_NOTICE, ISSUED_ON.plusDays(2));
            fixture.given(registered(), delivered(ISSUED_ON), acknowledged)
                    .when(new AcknowledgeNotice(ID, VILLAGE_NOTICE, ISSUED_ON.plusDays(2), null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(registered(), delivered(ISSUED_ON), acknowledged)
                    .when(new AcknowledgeNotice(ID, VILLAGE_NOTICE, ISSUED_ON.plusDays(3), null))
                    .expectException(IdConflict.class).expectExceptionMessage(containsString("acknowledged on 2026-11-03"));
        }
    }

    @Nested
    @DisplayName("Meeting attendance rule: only at a meeting of the member's own branch or group on that date")
    class MeetingAttendanceRule {

        static RecordMeetingAttendance attend(MeetingId meeting) {
            return new RecordMeetingAttendance(ID, meeting, HELD_ON, null);
        }

        static MemberAttendedMeeting attended(MeetingId meeting, OrganizationId organization, MeetingKind kind) {
            return new MemberAttendedMeeting(ID, meeting, organization, kind, HELD_ON);
        }

        @Test
        @DisplayName("a member attends a meeting of their daily-management branch on its date")
        void attendsOwnBranchMeeting() {
            fixture.given(registered()).when(attend(BRANCH_COMMITTEE))
                    .expectEvents(attended(BRANCH_COMMITTEE, ORIGIN_BRANCH, MeetingKind.BRANCH_COMMITTEE));
        }

        @Test
        @DisplayName("attendance only at a meeting of the member's own branch: another branch's meeting is refused")
        void anotherBranchsMeetingRefused() {
            fixture.given(registered()).when(attend(RESIDENCE_CONGRESS))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("attends the meetings of their own branch or group"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("attendance on that date: a member dual-managed before the meeting attends the residence branch's meeting, typed in after they moved on")
        void branchOnTheMeetingDate() {
            fixture.given(registered(), new MemberRelocated(ID, "出租屋", null, RELOCATED_ON),
                            resettledOn(HELD_ON.minusDays(1)), dualManagedOn(HELD_ON.minusDays(1)))
                    .when(attend(RESIDENCE_CONGRESS))
                    .expectEvents(attended(RESIDENCE_CONGRESS, RESIDENCE_BRANCH, MeetingKind.BRANCH_CONGRESS));
            fixture.given(registered(), new MemberRelocated(ID, "出租屋", null, RELOCATED_ON),
                            resettledOn(HELD_ON.plusDays(1)), dualManagedOn(HELD_ON.plusDays(1)))
                    .when(attend(BRANCH_COMMITTEE))
                    .expectEvents(attended(BRANCH_COMMITTEE, ORIGIN_BRANCH, MeetingKind.BRANCH_COMMITTEE));
        }

        @Test
        @DisplayName("attendance only at a meeting of the member's own group on that date: the transition group while in it, not after leaving")
        void ownGroupOnThatDate() {
            var relocated = new MemberRelocated(ID, "出租屋", AREA, RELOCATED_ON);
            var joined = new MemberJoinedTransitionGroup(ID, TRANSITION_GROUP, RELOCATED_ON.plusMonths(1));
            fixture.given(registered(), relocated, joined).when(attend(GROUP_MEETING))
                    .expectEvents(attended(GROUP_MEETING, TRANSITION_GROUP, MeetingKind.GROUP_MEETING));
            fixture.given(registered(), relocated, joined).when(attend(AREA_MEETING))
                    .expectEvents(attended(AREA_MEETING, AREA, MeetingKind.GROUP_MEETING));
            fixture.given(registered(), relocated, joined,
                            new MemberLeftTransitionGroup(ID, TRANSITION_GROUP, HELD_ON, "moved"))
                    .when(attend(GROUP_MEETING))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("not the member's group"));
            fixture.given(registered(), relocated, joined,
                            new MemberLeftTransitionGroup(ID, TRANSITION_GROUP, HELD_ON.plusDays(1), "moved"))
                    .when(attend(GROUP_MEETING))
                    .expectEvents(attended(GROUP_MEETING, TRANSITION_GROUP, MeetingKind.GROUP_MEETING));
        }

        @Test
        @DisplayName("a member never in a group, or whose membership ended, does not attend its meeting; a building group's from the move-in on")
        void groupsNotJoined() {
            fixture.given(registered()).when(attend(GROUP_MEETING))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("not the member's group"));
            fixture.given(registered(), new MemberRelocated(ID, "出租屋", null, RELOCATED_ON), resettledOn(HELD_ON))
                    .when(attend(BUILDING_MEETING))
                    .expectEvents(attended(BUILDING_MEETING, BUILDING_GROUP, MeetingKind.GROUP_MEETING));
            fixture.given(registered(), new MemberRelocated(ID, "出租屋", null, RELOCATED_ON), resettledOn(HELD_ON.plusDays(1)))
                    .when(attend(BUILDING_MEETING))
                    .expectException(RuleViolation.class);
        }

        @Test
        @DisplayName("attendance is dated the meeting's day, and an unknown meeting is a 404")
        void datedTheMeetingsDay() {
            fixture.given(registered()).when(new RecordMeetingAttendance(ID, BRANCH_COMMITTEE, HELD_ON.plusDays(1), null))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("was held on 2026-11-12"));
            fixture.given(registered()).when(new RecordMeetingAttendance(ID, MeetingId.of("mtg-nowhere"), HELD_ON, null))
                    .expectException(NotFound.class);
        }

        @Test
        @DisplayName("attendance repeats: the same again is a no-op; the same meeting on another date is a conflict")
        void attendanceRepeats() {
            var recorded = attended(BRANCH_COMMITTEE, ORIGIN_BRANCH, MeetingKind.BRANCH_COMMITTEE);
            fixture.given(registered(), recorded).when(attend(BRANCH_COMMITTEE))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(registered(), recorded)
                    .when(new RecordMeetingAttendance(ID, BRANCH_COMMITTEE, HELD_ON.plusDays(1), null))
                    .expectException(IdConflict.class).expectExceptionMessage(containsString("attended on 2026-11-12"));
        }

        @Test
        @DisplayName("no meeting is recorded for a member whose membership ended")
        void endedMembership() {
            fixture.given(registered(), new MembershipEnded(ID, MembershipEndReason.DECEASED, HELD_ON.minusDays(3)))
                    .when(attend(BRANCH_COMMITTEE))
                    .expectException(RuleViolation.class).expectExceptionMessage(containsString("has ended"));
        }
    }
}

package cn.qinglong.dangjian.command.meeting;

import static org.hamcrest.Matchers.containsString;

import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.shared.RulesFixture;
import cn.qinglong.dangjian.kernel.meeting.MeetingCommand.HoldMeeting;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent.MeetingHeld;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import java.time.LocalDate;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MeetingRulesTest {

    static final OrganizationId BRANCH = OrganizationId.of("yaxin-1");
    static final OrganizationId GROUP = OrganizationId.of("yaxin-t1");
    static final MeetingId ID = MeetingId.of("mtg-yaxin-1-2026-11");
    static final LocalDate HELD_ON = LocalDate.of(2026, 11, 12);

    final FixtureConfiguration<Meeting> fixture = RulesFixture.of(Meeting.class,
            new OrganizationEstablished(BRANCH, "亚新村第一党支部", OrganizationLevel.BRANCH, null, null,
                    OrganizationId.of("yaxin"), LocalDate.of(2005, 1, 1)),
            new OrganizationEstablished(GROUP, "亚新村过渡期党小组", OrganizationLevel.GROUP, null, GroupKind.TRANSITION,
                    BRANCH, LocalDate.of(2015, 1, 1)));

    @Test
    @DisplayName("a branch holds a branch committee meeting and a group holds a group meeting")
    void branchAndGroupMeetings() {
        fixture.givenNoPriorActivity().when(new HoldMeeting(ID, BRANCH, MeetingKind.BRANCH_COMMITTEE, HELD_ON, "支委会"))
                .expectEvents(new MeetingHeld(ID, BRANCH, MeetingKind.BRANCH_COMMITTEE, HELD_ON, "支委会"));
        fixture.givenNoPriorActivity().when(new HoldMeeting(ID, GROUP, MeetingKind.GROUP_MEETING, HELD_ON, "座谈"))
                .expectEvents(new MeetingHeld(ID, GROUP, MeetingKind.GROUP_MEETING, HELD_ON, "座谈"));
    }

    @Test
    @DisplayName("group meetings belong to groups, the other kinds to branches")
    void kindsBelongToLevels() {
        fixture.givenNoPriorActivity().when(new HoldMeeting(ID, BRANCH, MeetingKind.GROUP_MEETING, HELD_ON, "座谈"))
                .expectException(RuleViolation.class).expectExceptionMessage(containsString("is a BRANCH, not a [GROUP]"));
        fixture.givenNoPriorActivity().when(new HoldMeeting(ID, GROUP, MeetingKind.PARTY_LECTURE, HELD_ON, "党课"))
                .expectException(RuleViolation.class).expectExceptionMessage(containsString("is a GROUP"));
        fixture.givenNoPriorActivity().when(new HoldMeeting(ID, OrganizationId.of("nowhere"), MeetingKind.PARTY_LECTURE,
                        HELD_ON, "党课"))
                .expectException(NotFound.class);
    }

    @Test
    @DisplayName("a meeting is recorded once it was held: not in the future")
    void notInTheFuture() {
        fixture.givenNoPriorActivity().when(new HoldMeeting(ID, BRANCH, MeetingKind.PARTY_LECTURE,
                        LocalDate.of(2026, 11, 28), "党课"))
                .expectException(RuleViolation.class).expectExceptionMessage(containsString("is in the future"));
    }

    @Test
    @DisplayName("meeting repeats: the same meeting again is a no-op, the same id with other details a conflict")
    void repeats() {
        var held = new MeetingHeld(ID, BRANCH, MeetingKind.BRANCH_COMMITTEE, HELD_ON, "支委会");
        fixture.given(held).when(new HoldMeeting(ID, BRANCH, MeetingKind.BRANCH_COMMITTEE, HELD_ON, "支委会"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(held).when(new HoldMeeting(ID, BRANCH, MeetingKind.BRANCH_CONGRESS, HELD_ON, "支委会"))
                .expectException(IdConflict.class);
    }
}

package cn.qinglong.dangjian.kernel.member;

import cn.qinglong.dangjian.kernel.common.BusinessDate;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.RaterKind;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.notice.NoticeChannel;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * What may be asked of a member. {@code expectedVersion}, when not null, makes the command conditional on
 * the member's current version (HTTP {@code If-Match}). Each {@link BusinessDate} (a contact card's
 * {@code verifiedOn} included) is a day that already happened: the member aggregate refuses one in the future,
 * for every command in one place.
 */
public sealed interface MemberCommand {

    MemberId memberId();

    record RegisterMember(@TargetAggregateIdentifier MemberId memberId, String name, Gender gender,
                          LocalDate birthDate, @BusinessDate LocalDate joinedPartyOn, OrganizationId branchId,
                          Set<Category> categories, Residence residence, String phone,
                          @BusinessDate LocalDate registeredOn) implements MemberCommand {
    }

    record UpdateContactCard(@TargetAggregateIdentifier MemberId memberId, ContactCard card,
                             @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record RelocateMember(@TargetAggregateIdentifier MemberId memberId, String transitionAddress,
                          OrganizationId areaId, @BusinessDate LocalDate relocatedOn,
                          @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record JoinTransitionGroup(@TargetAggregateIdentifier MemberId memberId, OrganizationId groupId,
                               @BusinessDate LocalDate joinedOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record LeaveTransitionGroup(@TargetAggregateIdentifier MemberId memberId, @BusinessDate LocalDate leftOn,
                                String reason, @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record AssignStudyMode(@TargetAggregateIdentifier MemberId memberId, StudyMode mode, String reason,
                           @BusinessDate LocalDate assignedOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record RecordAttendance(@TargetAggregateIdentifier MemberId memberId, StudyDayId studyDayId, StudyMode mode,
                            @BusinessDate LocalDate attendedOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record ExcuseAbsence(@TargetAggregateIdentifier MemberId memberId, StudyDayId studyDayId, String reason,
                         @BusinessDate LocalDate excusedOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record RecordFollowUp(@TargetAggregateIdentifier MemberId memberId, StudyDayId studyDayId, String helperName,
                          FollowUpMethod method, @BusinessDate LocalDate followedUpOn, String notes,
                          @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record RecordMakeUpStudy(@TargetAggregateIdentifier MemberId memberId, StudyDayId studyDayId, StudyMode mode,
                             @BusinessDate LocalDate madeUpOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record TransferToResettlementCommunity(@TargetAggregateIdentifier MemberId memberId, OrganizationId communityId,
                                           OrganizationId residenceBranchId, OrganizationId buildingGroupId,
                                           @BusinessDate LocalDate movedInOn, boolean transferRelation,
                                           @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record TransferOrganizationalRelation(@TargetAggregateIdentifier MemberId memberId, OrganizationId toBranchId,
                                          @BusinessDate LocalDate transferredOn,
                                          @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record RecordCareNeeds(@TargetAggregateIdentifier MemberId memberId, Set<CareNeed> needs,
                           @BusinessDate LocalDate recordedOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record RecordCareVisit(@TargetAggregateIdentifier MemberId memberId, String helperName, MemberId helperMemberId,
                           VisitKind kind, @BusinessDate LocalDate visitedOn, String notes,
                           @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record PayDues(@TargetAggregateIdentifier MemberId memberId, YearMonth period, long amountFen,
                   @BusinessDate LocalDate paidOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    /** Sets the monthly dues standard from a month on; dated today. */
    record SetDuesStandard(@TargetAggregateIdentifier MemberId memberId, long amountFen, YearMonth fromPeriod,
                           String reason, @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record MarkContactLost(@TargetAggregateIdentifier MemberId memberId, @BusinessDate LocalDate since,
                           String lastKnown, @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record MarkContactRestored(@TargetAggregateIdentifier MemberId memberId, @BusinessDate LocalDate restoredOn,
                               @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record LinkHouseholds(@TargetAggregateIdentifier MemberId memberId, List<String> households,
                          @BusinessDate LocalDate linkedOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record RecordVanguardActivity(@TargetAggregateIdentifier MemberId memberId, VanguardKind kind,
                                  @BusinessDate LocalDate date, String description,
                                  @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    /** {@code roundId} null: the concluding grade of a period, as before rounds existed. */
    record RecordEvaluation(@TargetAggregateIdentifier MemberId memberId, String period, Rating rating,
                            @BusinessDate LocalDate evaluatedOn, EvaluationRoundId roundId,
                            @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record EndMembership(@TargetAggregateIdentifier MemberId memberId, MembershipEndReason reason,
                         @BusinessDate LocalDate endedOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    /** Destroys the member's personal data, today; only after the membership ended. */
    record EraseMemberPersonalData(@TargetAggregateIdentifier MemberId memberId,
                                   @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    /** {@code raterId}: see {@link MemberEvent.MemberRated}; for SELF it may be left out. */
    record RateMember(@TargetAggregateIdentifier MemberId memberId, EvaluationRoundId roundId, RaterKind raterKind,
                      String raterId, Rating rating, @BusinessDate LocalDate ratedOn,
                      @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }

    record DeliverNotice(@TargetAggregateIdentifier MemberId memberId, NoticeId noticeId, NoticeChannel channel,
                         @BusinessDate LocalDate deliveredOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record AcknowledgeNotice(@TargetAggregateIdentifier MemberId memberId, NoticeId noticeId,
                             @BusinessDate LocalDate acknowledgedOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record RecordMeetingAttendance(@TargetAggregateIdentifier MemberId memberId, MeetingId meetingId,
                                   @BusinessDate LocalDate attendedOn, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record DisplayIdentity(@TargetAggregateIdentifier MemberId memberId, @BusinessDate LocalDate displayedOn,
                           OrganizationId buildingGroupId, @TargetAggregateVersion Long expectedVersion)
            implements MemberCommand {
    }

    record DesignateCentralHousehold(@TargetAggregateIdentifier MemberId memberId, OrganizationId buildingGroupId,
                                     int households, @BusinessDate LocalDate designatedOn,
                                     @TargetAggregateVersion Long expectedVersion) implements MemberCommand {
    }
}

package cn.qinglong.dangjian.kernel.member;

import cn.qinglong.dangjian.kernel.common.BusinessDate;
import cn.qinglong.dangjian.kernel.common.BusinessDates;
import cn.qinglong.dangjian.kernel.common.Enums;
import cn.qinglong.dangjian.kernel.common.Personal;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.RaterKind;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.notice.NoticeChannel;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** Every fact about a member, in that member's own stream. */
public sealed interface MemberEvent {

    MemberId memberId();

    /**
     * The business date the fact happened on, as opposed to when it was recorded: the event's first
     * {@link BusinessDate} component (a contact card's {@code verifiedOn}).
     */
    default LocalDate occurredOn() {
        return BusinessDates.first((Record) this);
    }

    @Revision("1")
    record MemberRegistered(MemberId memberId, String name, Gender gender, LocalDate birthDate,
                            LocalDate joinedPartyOn, OrganizationId branchId, Set<Category> categories,
                            Residence residence, @Personal String phone, @BusinessDate LocalDate registeredOn)
            implements MemberEvent {
        public MemberRegistered {
            categories = Enums.orderedSet(Category.class, categories);
        }
    }

    @Revision("1")
    record ContactCardUpdated(MemberId memberId, ContactCard card) implements MemberEvent {
    }

    @Revision("1")
    record MemberRelocated(MemberId memberId, @Personal String transitionAddress, OrganizationId areaId,
                           @BusinessDate LocalDate relocatedOn) implements MemberEvent {
    }

    @Revision("1")
    record MemberJoinedTransitionGroup(MemberId memberId, OrganizationId groupId, @BusinessDate LocalDate joinedOn)
            implements MemberEvent {
    }

    @Revision("1")
    record MemberLeftTransitionGroup(MemberId memberId, OrganizationId groupId, @BusinessDate LocalDate leftOn,
                                     String reason)
            implements MemberEvent {
    }

    @Revision("1")
    record StudyModeAssigned(MemberId memberId, StudyMode mode, @Personal String reason,
                             @BusinessDate LocalDate assignedOn)
            implements MemberEvent {
    }

    /** {@code branchId} is the study day's branch: the member's daily-management branch at the time. */
    @Revision("1")
    record MemberAttendedStudyDay(MemberId memberId, StudyDayId studyDayId, OrganizationId branchId,
                                  StudyMode mode, @BusinessDate LocalDate attendedOn) implements MemberEvent {
    }

    @Revision("1")
    record StudyAbsenceExcused(MemberId memberId, StudyDayId studyDayId, OrganizationId branchId,
                               @Personal String reason, @BusinessDate LocalDate excusedOn) implements MemberEvent {
    }

    /**
     * Someone reached a member left behind at a study day (零掉队 follow-up): who, how and when. {@code branchId} is
     * the study day's branch: the member's daily-management branch on its date.
     */
    @Revision("1")
    record StudyFollowedUp(MemberId memberId, StudyDayId studyDayId, OrganizationId branchId, String helperName,
                           FollowUpMethod method, @BusinessDate LocalDate followedUpOn, @Personal String notes)
            implements MemberEvent {
    }

    /**
     * The member took a missed study day's material later, at home or online (补学): reached, not attended.
     * {@code branchId} is the study day's branch.
     */
    @Revision("1")
    record StudyMadeUp(MemberId memberId, StudyDayId studyDayId, OrganizationId branchId, StudyMode mode,
                       @BusinessDate LocalDate madeUpOn) implements MemberEvent {
    }

    @Revision("1")
    record MemberTransferredToResettlementCommunity(MemberId memberId, OrganizationId communityId,
                                                    OrganizationId residenceBranchId, OrganizationId buildingGroupId,
                                                    @BusinessDate LocalDate movedInOn, boolean relationTransferred)
            implements MemberEvent {
    }

    /** Daily education by the residence branch; major decisions stay with the origin branch. */
    @Revision("1")
    record DualManagementEstablished(MemberId memberId, OrganizationId originBranchId,
                                     OrganizationId residenceBranchId, @BusinessDate LocalDate establishedOn)
            implements MemberEvent {
    }

    @Revision("1")
    record DualManagementEnded(MemberId memberId, OrganizationId originBranchId, OrganizationId residenceBranchId,
                               @BusinessDate LocalDate endedOn) implements MemberEvent {
    }

    @Revision("1")
    record OrganizationalRelationTransferred(MemberId memberId, OrganizationId fromBranchId,
                                             OrganizationId toBranchId, @BusinessDate LocalDate transferredOn)
            implements MemberEvent {
    }

    @Revision("1")
    record CareNeedsRecorded(MemberId memberId, @Personal Set<CareNeed> needs, @BusinessDate LocalDate recordedOn)
            implements MemberEvent {
        public CareNeedsRecorded {
            needs = Enums.orderedSet(CareNeed.class, needs);
        }
    }

    @Revision("1")
    record MemberVisitedByHelper(MemberId memberId, String helperName, MemberId helperMemberId, VisitKind kind,
                                 @BusinessDate LocalDate visitedOn, @Personal String notes) implements MemberEvent {
    }

    @Revision("1")
    record DuesPaid(MemberId memberId, YearMonth period, long amountFen, @BusinessDate LocalDate paidOn)
            implements MemberEvent {
    }

    /**
     * The member's monthly dues standard, in fen, set by the branch holding the relation, in force from
     * {@code fromPeriod} on (until a later standard's month): every unpaid month since then is an arrear.
     */
    @Revision("1")
    record DuesStandardSet(MemberId memberId, long amountFen, YearMonth fromPeriod, String reason,
                           @BusinessDate LocalDate setOn) implements MemberEvent {
    }

    @Revision("1")
    record ContactLost(MemberId memberId, @BusinessDate LocalDate since, @Personal String lastKnown)
            implements MemberEvent {
    }

    @Revision("1")
    record ContactRestored(MemberId memberId, @BusinessDate LocalDate restoredOn) implements MemberEvent {
    }

    /** A household's address is null once the member's personal data was erased; the count stays. */
    @Revision("1")
    record HouseholdsLinked(MemberId memberId, @Personal(eachElement = true) List<String> households,
                            @BusinessDate LocalDate linkedOn)
            implements MemberEvent {
        public HouseholdsLinked {
            households = Collections.unmodifiableList(new ArrayList<>(households));
        }
    }

    @Revision("1")
    record VanguardActivityRecorded(MemberId memberId, VanguardKind kind, @BusinessDate LocalDate date,
                                    String description)
            implements MemberEvent {
    }

    /**
     * The concluding grade: of an evaluation round when {@code roundId} is given (once per member per round), else of a
     * period as before rounds existed (once per member per period). Rows stored before rounds read with no round.
     */
    @Revision("1")
    record EvaluationRecorded(MemberId memberId, String period, Rating rating, @BusinessDate LocalDate evaluatedOn,
                              EvaluationRoundId roundId)
            implements MemberEvent {
    }

    @Revision("1")
    record MembershipEnded(MemberId memberId, MembershipEndReason reason, @BusinessDate LocalDate endedOn)
            implements MemberEvent {
    }

    /**
     * The member's personal data was destroyed (crypto-shredding, only after the membership ended): from here on
     * the phone numbers, addresses, contact-card text, care needs, notes and free-text reasons of all the member's
     * events read as erased, and every fold blanks them. Every other fact stays as recorded.
     */
    @Revision("1")
    record MemberPersonalDataErased(MemberId memberId, @BusinessDate LocalDate erasedOn) implements MemberEvent {
    }

    /**
     * In an evaluation round (民主评议), a rater rated the member: the masses (a ballot, {@code raterId} its
     * number, never a name), a fellow member ({@code raterId} their member id) or the member themself ({@code raterId}
     * the member's own id). Once per rater per round.
     */
    @Revision("1")
    record MemberRated(MemberId memberId, EvaluationRoundId roundId, RaterKind raterKind, String raterId,
                       Rating rating, @BusinessDate LocalDate ratedOn) implements MemberEvent {
    }

    /** A notice reached the member by a channel; only a member of its audience (fixed on its issue date). */
    @Revision("1")
    record NoticeDelivered(MemberId memberId, NoticeId noticeId, OrganizationId organizationId, NoticeChannel channel,
                           @BusinessDate LocalDate deliveredOn) implements MemberEvent {
    }

    /** The member confirmed a notice delivered to them. */
    @Revision("1")
    record NoticeAcknowledged(MemberId memberId, NoticeId noticeId, @BusinessDate LocalDate acknowledgedOn)
            implements MemberEvent {
    }

    /**
     * The member attended a meeting (三会一课) of their own daily-management branch, or of a group they belonged to,
     * on its date; {@code organizationId} and {@code kind} are the meeting's.
     */
    @Revision("1")
    record MemberAttendedMeeting(MemberId memberId, MeetingId meetingId, OrganizationId organizationId,
                                 MeetingKind kind, @BusinessDate LocalDate attendedOn) implements MemberEvent {
    }

    /** 楼道亮身份: the member's identity shown in the stairwell, once; {@code buildingGroupId} the stairwell's group, if known. */
    @Revision("1")
    record IdentityDisplayed(MemberId memberId, @BusinessDate LocalDate displayedOn, OrganizationId buildingGroupId)
            implements MemberEvent {
    }

    /**
     * 党员中心户: the member's household designated to serve {@code households} households of one building group of
     * the member's own resettlement community (the bottom of the residence pyramid).
     */
    @Revision("1")
    record CentralHouseholdDesignated(MemberId memberId, OrganizationId buildingGroupId, int households,
                                      @BusinessDate LocalDate designatedOn) implements MemberEvent {
    }
}

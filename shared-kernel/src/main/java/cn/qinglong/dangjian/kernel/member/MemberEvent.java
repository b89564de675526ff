package cn.qinglong.dangjian.kernel.member;

import cn.qinglong.dangjian.kernel.common.Enums;
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

    /** The business date the fact happened on, as opposed to when it was recorded. */
    LocalDate occurredOn();

    @Revision("1")
    record MemberRegistered(MemberId memberId, String name, Gender gender, LocalDate birthDate,
                            LocalDate joinedPartyOn, OrganizationId branchId, Set<Category> categories,
                            Residence residence, String phone, LocalDate registeredOn) implements MemberEvent {
        public MemberRegistered {
            categories = Enums.orderedSet(Category.class, categories);
        }

        public LocalDate occurredOn() {
            return registeredOn;
        }
    }

    @Revision("1")
    record ContactCardUpdated(MemberId memberId, ContactCard card) implements MemberEvent {
        public LocalDate occurredOn() {
            return card.verifiedOn();
        }
    }

    @Revision("1")
    record MemberRelocated(MemberId memberId, String transitionAddress, OrganizationId areaId,
                           LocalDate relocatedOn) implements MemberEvent {
        public LocalDate occurredOn() {
            return relocatedOn;
        }
    }

    @Revision("1")
    record MemberJoinedTransitionGroup(MemberId memberId, OrganizationId groupId, LocalDate joinedOn)
            implements MemberEvent {
        public LocalDate occurredOn() {
            return joinedOn;
        }
    }

    @Revision("1")
    record MemberLeftTransitionGroup(MemberId memberId, OrganizationId groupId, LocalDate leftOn, String reason)
            implements MemberEvent {
        public LocalDate occurredOn() {
            return leftOn;
        }
    }

    @Revision("1")
    record StudyModeAssigned(MemberId memberId, StudyMode mode, String reason, LocalDate assignedOn)
            implements MemberEvent {
        public LocalDate occurredOn() {
            return assignedOn;
        }
    }

    /** {@code branchId} is the study day's branch: the member's daily-management branch at the time. */
    @Revision("1")
    record MemberAttendedStudyDay(MemberId memberId, StudyDayId studyDayId, OrganizationId branchId,
                                  StudyMode mode, LocalDate attendedOn) implements MemberEvent {
        public LocalDate occurredOn() {
            return attendedOn;
        }
    }

    @Revision("1")
    record StudyAbsenceExcused(MemberId memberId, StudyDayId studyDayId, OrganizationId branchId,
                               String reason, LocalDate excusedOn) implements MemberEvent {
        public LocalDate occurredOn() {
            return excusedOn;
        }
    }

    @Revision("1")
    record MemberTransferredToResettlementCommunity(MemberId memberId, OrganizationId communityId,
                                                    OrganizationId residenceBranchId, OrganizationId buildingGroupId,
                                                    LocalDate movedInOn, boolean relationTransferred)
            implements MemberEvent {
        public LocalDate occurredOn() {
            return movedInOn;
        }
    }

    /** Daily education by the residence branch; major decisions stay with the origin branch. */
    @Revision("1")
    record DualManagementEstablished(MemberId memberId, OrganizationId originBranchId,
                                     OrganizationId residenceBranchId, LocalDate establishedOn)
            implements MemberEvent {
        public LocalDate occurredOn() {
            return establishedOn;
        }
    }

    @Revision("1")
    record DualManagementEnded(MemberId memberId, OrganizationId originBranchId, OrganizationId residenceBranchId,
                               LocalDate endedOn) implements MemberEvent {
        public LocalDate occurredOn() {
            return endedOn;
        }
    }

    @Revision("1")
    record OrganizationalRelationTransferred(MemberId memberId, OrganizationId fromBranchId,
                                             OrganizationId toBranchId, LocalDate transferredOn)
            implements MemberEvent {
        public LocalDate occurredOn() {
            return transferredOn;
        }
    }

    @Revision("1")
    record CareNeedsRecorded(MemberId memberId, Set<CareNeed> needs, LocalDate recordedOn) implements MemberEvent {
        public CareNeedsRecorded {
            needs = Enums.orderedSet(CareNeed.class, needs);
        }

        public LocalDate occurredOn() {
            return recordedOn;
        }
    }

    @Revision("1")
    record MemberVisitedByHelper(MemberId memberId, String helperName, MemberId helperMemberId, VisitKind kind,
                                 LocalDate visitedOn, String notes) implements MemberEvent {
        public LocalDate occurredOn() {
            return visitedOn;
        }
    }

    @Revision("1")
    record DuesPaid(MemberId memberId, YearMonth period, long amountFen, LocalDate paidOn) implements MemberEvent {
        public LocalDate occurredOn() {
            return paidOn;
        }
    }

    @Revision("1")
    record ContactLost(MemberId memberId, LocalDate since, String lastKnown) implements MemberEvent {
        public LocalDate occurredOn() {
            return since;
        }
    }

    @Revision("1")
    record ContactRestored(MemberId memberId, LocalDate restoredOn) implements MemberEvent {
        public LocalDate occurredOn() {
            return restoredOn;
        }
    }

    /** A household's address is null once the member's personal data was erased; the count stays. */
    @Revision("1")
    record HouseholdsLinked(MemberId memberId, List<String> households, LocalDate linkedOn) implements MemberEvent {
        public HouseholdsLinked {
            households = Collections.unmodifiableList(new ArrayList<>(households));
        }

        public LocalDate occurredOn() {
            return linkedOn;
        }
    }

    @Revision("1")
    record VanguardActivityRecorded(MemberId memberId, VanguardKind kind, LocalDate date, String description)
            implements MemberEvent {
        public LocalDate occurredOn() {
            return date;
        }
    }

    @Revision("1")
    record EvaluationRecorded(MemberId memberId, String period, Rating rating, LocalDate evaluatedOn)
            implements MemberEvent {
        public LocalDate occurredOn() {
            return evaluatedOn;
        }
    }

    @Revision("1")
    record MembershipEnded(MemberId memberId, MembershipEndReason reason, LocalDate endedOn) implements MemberEvent {
        public LocalDate occurredOn() {
            return endedOn;
        }
    }

    /**
     * The member's personal data was destroyed (crypto-shredding, only after the membership ended): from here on
     * the phone numbers, addresses, contact-card text, care needs, notes and free-text reasons of all the member's
     * events read as erased, and every fold blanks them. Every other fact stays as recorded.
     */
    @Revision("1")
    record MemberPersonalDataErased(MemberId memberId, LocalDate erasedOn) implements MemberEvent {
        public LocalDate occurredOn() {
            return erasedOn;
        }
    }
}

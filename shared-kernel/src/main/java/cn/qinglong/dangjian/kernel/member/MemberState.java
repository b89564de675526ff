package cn.qinglong.dangjian.kernel.member;

import cn.qinglong.dangjian.kernel.member.MemberEvent.CareNeedsRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactCardUpdated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactLost;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactRestored;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEnded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEstablished;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.EvaluationRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.HouseholdsLinked;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberJoinedTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberLeftTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberPersonalDataErased;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberTransferredToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.OrganizationalRelationTransferred;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyModeAssigned;
import cn.qinglong.dangjian.kernel.member.MemberEvent.VanguardActivityRecorded;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.Set;

/**
 * A member's situation folded from their events: the one fold behind the member view, the roster and the
 * auditor's "state as of" answer. Immutable; {@link #apply} answers the state after one more event.
 */
public record MemberState(
        MemberId memberId, String name, Gender gender, LocalDate birthDate, LocalDate joinedPartyOn,
        OrganizationId branchId, OrganizationId residenceBranchId, boolean dualManaged,
        Residence residence, OrganizationId areaId, LocalDate relocatedOn,
        OrganizationId groupId, OrganizationId buildingGroupId, StudyMode studyMode,
        Set<Category> categories, Set<CareNeed> needs, ContactCard contactCard,
        LocalDate lastVisitOn, LocalDate lastAttendanceOn, YearMonth duesPaidThrough,
        LocalDate contactLostSince, int householdsLinked, int vanguardActivities, Rating lastRating,
        MembershipStatus status, LocalDate endedOn, boolean personalDataErased, long version) {

    /** The state before the first event: nothing known yet. */
    public static MemberState none() {
        return new MemberState(null, null, null, null, null, null, null, false, null, null, null, null, null, null,
                Set.of(), Set.of(), null, null, null, null, null, 0, 0, null, null, null, false, -1);
    }

    /** A dual-managed member's daily education (and study day) is the residence branch's. */
    public OrganizationId dailyBranchId() {
        return dualManaged ? residenceBranchId : branchId;
    }

    public Integer ageOn(LocalDate date) {
        return birthDate == null ? null : Period.between(birthDate, date).getYears();
    }

    public boolean contactLost() {
        return contactLostSince != null;
    }

    public boolean contactCardCompleteOn(LocalDate today) {
        return contactCard != null && contactCard.completeOn(today);
    }

    /** The state after {@code event}, which is the stream's event number {@code sequence}. */
    public MemberState apply(MemberEvent event, long sequence) {
        Builder b = new Builder(this);
        b.version = sequence;
        if (event instanceof MemberRegistered e) {
            b.memberId = e.memberId();
            b.name = e.name();
            b.gender = e.gender();
            b.birthDate = e.birthDate();
            b.joinedPartyOn = e.joinedPartyOn();
            b.branchId = e.branchId();
            b.categories = e.categories();
            b.residence = e.residence();
            b.status = MembershipStatus.ACTIVE;
        } else if (event instanceof ContactCardUpdated e) {
            b.contactCard = e.card();
        } else if (event instanceof MemberRelocated e) {
            b.residence = new Residence(ResidenceStatus.TRANSITION, null, e.transitionAddress());
            b.areaId = e.areaId();
            b.relocatedOn = e.relocatedOn();
        } else if (event instanceof MemberJoinedTransitionGroup e) {
            b.groupId = e.groupId();
        } else if (event instanceof MemberLeftTransitionGroup) {
            b.groupId = null;
        } else if (event instanceof StudyModeAssigned e) {
            b.studyMode = e.mode();
        } else if (event instanceof MemberAttendedStudyDay e) {
            b.lastAttendanceOn = later(b.lastAttendanceOn, e.attendedOn());
        } else if (event instanceof MemberTransferredToResettlementCommunity e) {
            String address = b.residence == null ? null : b.residence.address();
            b.residence = new Residence(ResidenceStatus.RESETTLED, e.communityId(), address);
            b.residenceBranchId = e.residenceBranchId();
            b.buildingGroupId = e.buildingGroupId();
        } else if (event instanceof DualManagementEstablished e) {
            b.dualManaged = true;
            b.residenceBranchId = e.residenceBranchId();
        } else if (event instanceof DualManagementEnded) {
            b.dualManaged = false;
        } else if (event instanceof OrganizationalRelationTransferred e) {
            b.branchId = e.toBranchId();
        } else if (event instanceof CareNeedsRecorded e) {
            b.needs = e.needs();
        } else if (event instanceof MemberVisitedByHelper e) {
            b.lastVisitOn = later(b.lastVisitOn, e.visitedOn());
        } else if (event instanceof DuesPaid e) {
            b.duesPaidThrough = b.duesPaidThrough == null || e.period().isAfter(b.duesPaidThrough)
                    ? e.period() : b.duesPaidThrough;
        } else if (event instanceof ContactLost e) {
            b.contactLostSince = e.since();
        } else if (event instanceof ContactRestored) {
            b.contactLostSince = null;
        } else if (event instanceof HouseholdsLinked e) {
            b.householdsLinked += e.households().size();
        } else if (event instanceof VanguardActivityRecorded) {
            b.vanguardActivities++;
        } else if (event instanceof EvaluationRecorded e) {
            b.lastRating = e.rating();
        } else if (event instanceof MembershipEnded e) {
            b.status = MembershipStatus.ENDED;
            b.endedOn = e.endedOn();
        } else if (event instanceof MemberPersonalDataErased) {
            if (b.residence != null) {
                b.residence = new Residence(b.residence.status(), b.residence.communityId(), null);
            }
            if (b.contactCard != null) {
                b.contactCard = new ContactCard(null, null, null, null, null, null, b.contactCard.verifiedOn());
            }
            b.needs = Set.of();
            b.personalDataErased = true;
        }
        return b.build();
    }

    private static LocalDate later(LocalDate current, LocalDate candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    private static final class Builder {
        private MemberId memberId;
        private String name;
        private Gender gender;
        private LocalDate birthDate;
        private LocalDate joinedPartyOn;
        private OrganizationId branchId;
        private OrganizationId residenceBranchId;
        private boolean dualManaged;
        private Residence residence;
        private OrganizationId areaId;
        private LocalDate relocatedOn;
        private OrganizationId groupId;
        private OrganizationId buildingGroupId;
        private StudyMode studyMode;
        private Set<Category> categories;
        private Set<CareNeed> needs;
        private ContactCard contactCard;
        private LocalDate lastVisitOn;
        private LocalDate lastAttendanceOn;
        private YearMonth duesPaidThrough;
        private LocalDate contactLostSince;
        private int householdsLinked;
        private int vanguardActivities;
        private Rating lastRating;
        private MembershipStatus status;
        private LocalDate endedOn;
        private boolean personalDataErased;
        private long version;

        private Builder(MemberState s) {
            memberId = s.memberId;
            name = s.name;
            gender = s.gender;
            birthDate = s.birthDate;
            joinedPartyOn = s.joinedPartyOn;
            branchId = s.branchId;
            residenceBranchId = s.residenceBranchId;
            dualManaged = s.dualManaged;
            residence = s.residence;
            areaId = s.areaId;
            relocatedOn = s.relocatedOn;
            groupId = s.groupId;
            buildingGroupId = s.buildingGroupId;
            studyMode = s.studyMode;
            categories = s.categories;
            needs = s.needs;
            contactCard = s.contactCard;
            lastVisitOn = s.lastVisitOn;
            lastAttendanceOn = s.lastAttendanceOn;
            duesPaidThrough = s.duesPaidThrough;
            contactLostSince = s.contactLostSince;
            householdsLinked = s.householdsLinked;
            vanguardActivities = s.vanguardActivities;
            lastRating = s.lastRating;
            status = s.status;
            endedOn = s.endedOn;
            personalDataErased = s.personalDataErased;
            version = s.version;
        }

        private MemberState build() {
            return new MemberState(memberId, name, gender, birthDate, joinedPartyOn, branchId, residenceBranchId,
                    dualManaged, residence, areaId, relocatedOn, groupId, buildingGroupId, studyMode, categories, needs,
                    contactCard, lastVisitOn, lastAttendanceOn, duesPaidThrough, contactLostSince, householdsLinked,
                    vanguardActivities, lastRating, status, endedOn, personalDataErased, version);
        }
    }
}

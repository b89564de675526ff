package cn.qinglong.dangjian.command.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.shared.Dates;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.studyday.StudyDayCalendar;
import cn.qinglong.dangjian.command.studyday.StudyDayFacts;
import cn.qinglong.dangjian.kernel.member.MemberCommand.AssignStudyMode;
import cn.qinglong.dangjian.kernel.member.MemberCommand.EndMembership;
import cn.qinglong.dangjian.kernel.member.MemberCommand.EraseMemberPersonalData;
import cn.qinglong.dangjian.kernel.member.MemberCommand.ExcuseAbsence;
import cn.qinglong.dangjian.kernel.member.MemberCommand.JoinTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberCommand.LeaveTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberCommand.LinkHouseholds;
import cn.qinglong.dangjian.kernel.member.MemberCommand.MarkContactLost;
import cn.qinglong.dangjian.kernel.member.MemberCommand.MarkContactRestored;
import cn.qinglong.dangjian.kernel.member.MemberCommand.PayDues;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordAttendance;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordCareNeeds;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordCareVisit;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordEvaluation;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordVanguardActivity;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RegisterMember;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RelocateMember;
import cn.qinglong.dangjian.kernel.member.MemberCommand.TransferOrganizationalRelation;
import cn.qinglong.dangjian.kernel.member.MemberCommand.TransferToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberCommand.UpdateContactCard;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
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
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyAbsenceExcused;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyModeAssigned;
import cn.qinglong.dangjian.kernel.member.MemberEvent.VanguardActivityRecorded;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One party member's stream. Command handlers check the rules and apply; the event-sourcing handlers at the
 * bottom only assign state.
 */
@Aggregate(snapshotTriggerDefinition = "memberSnapshotTrigger", cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
class Member {

    /** The party constitution admits members from the age of eighteen. */
    private static final int MINIMUM_JOINING_AGE = 18;

    @AggregateIdentifier
    private MemberId memberId;
    private MemberRegistered registration;
    private OrganizationId branchId;
    private ResidenceStatus residenceStatus;
    private OrganizationId transitionGroupId;
    private OrganizationId residenceBranchId;
    private boolean dualManaged;
    private boolean contactLost;
    private boolean ended;
    private boolean personalDataErased;
    private Set<StudyDayId> attended = new HashSet<>();
    private Set<StudyDayId> excused = new HashSet<>();
    private Set<YearMonth> duesPaid = new HashSet<>();

    Member() {
    }

    /** Returns whether the member was registered now (false for an idempotent repeat). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(RegisterMember c, OrganizationDirectory organizations, Clock clock) {
        var event = new MemberRegistered(c.memberId(), c.name(), c.gender(), c.birthDate(), c.joinedPartyOn(),
                c.branchId(), c.categories(), c.residence(), c.phone(), c.registeredOn());
        if (registration != null) {
            if (registration.equals(event)) {
                return false;
            }
            throw new IdConflict("member '" + c.memberId() + "' is already registered with other details");
        }
        Dates.notInFuture("registeredOn", c.registeredOn(), clock);
        Dates.notInFuture("joinedPartyOn", c.joinedPartyOn(), clock);
        if (c.joinedPartyOn().isBefore(c.birthDate().plusYears(MINIMUM_JOINING_AGE))) {
            throw new RuleViolation("a member joins the party at " + MINIMUM_JOINING_AGE + " or older");
        }
        organizations.require("branch", c.branchId()).requireBranch("branch");
        if (c.residence().communityId() != null) {
            organizations.require("community", c.residence().communityId()).requireActive("community");
        }
        apply(event);
        return true;
    }

    @CommandHandler
    void handle(UpdateContactCard c, Clock clock) {
        ensureActive();
        Dates.notInFuture("verifiedOn", c.card().verifiedOn(), clock);
        apply(new ContactCardUpdated(memberId, c.card()));
    }

    @CommandHandler
    void handle(RelocateMember c, OrganizationDirectory organizations, Clock clock) {
        ensureActive();
        Dates.notInFuture("relocatedOn", c.relocatedOn(), clock);
        if (residenceStatus != ResidenceStatus.ORIGINAL) {
            throw new RuleViolation("only a member still living in the original village can be relocated; this member is "
                    + residenceStatus);
        }
        if (c.areaId() != null) {
            organizations.require("area", c.areaId()).requireActive("area");
        }
        apply(new MemberRelocated(memberId, c.transitionAddress(), c.areaId(), c.relocatedOn()));
    }

    @CommandHandler
    void handle(JoinTransitionGroup c, OrganizationDirectory organizations, Clock clock) {
        ensureActive();
        Dates.notInFuture("joinedOn", c.joinedOn(), clock);
        if (residenceStatus != ResidenceStatus.TRANSITION) {
            throw new RuleViolation("a member can join a transition group only while relocated (TRANSITION); this member is "
                    + residenceStatus);
        }
        if (c.groupId().equals(transitionGroupId)) {
            return;
        }
        if (transitionGroupId != null) {
            throw new RuleViolation("a member belongs to one transition group at a time; leave '" + transitionGroupId
                    + "' first");
        }
        organizations.require("group", c.groupId()).requireActive("group").requireGroupKind("group", GroupKind.TRANSITION);
        apply(new MemberJoinedTransitionGroup(memberId, c.groupId(), c.joinedOn()));
    }

    @CommandHandler
    void handle(LeaveTransitionGroup c, Clock clock) {
        ensureActive();
        Dates.notInFuture("leftOn", c.leftOn(), clock);
        if (transitionGroupId == null) {
            throw new RuleViolation("the member is in no transition group");
        }
        apply(new MemberLeftTransitionGroup(memberId, transitionGroupId, c.leftOn(), c.reason()));
    }

    @CommandHandler
    void handle(AssignStudyMode c, Clock clock) {
        ensureActive();
        LocalDate assignedOn = Dates.orToday(c.assignedOn(), clock);
        Dates.notInFuture("assignedOn", assignedOn, clock);
        apply(new StudyModeAssigned(memberId, c.mode(), c.reason(), assignedOn));
    }

    @CommandHandler
    void handle(RecordAttendance c, StudyDayCalendar calendar, Clock clock) {
        ensureActive();
        Dates.notInFuture("attendedOn", c.attendedOn(), clock);
        if (attended.contains(c.studyDayId())) {
            return;
        }
        StudyDayFacts studyDay = studyDayOfDailyBranch(c.studyDayId(), calendar);
        if (!studyDay.modes().contains(c.mode())) {
            throw new RuleViolation("study day '" + c.studyDayId() + "' offers " + studyDay.modes() + ", not " + c.mode());
        }
        if (c.attendedOn().isBefore(studyDay.date())) {
            throw new RuleViolation("attendance on " + c.attendedOn() + " precedes the study day on " + studyDay.date());
        }
        apply(new MemberAttendedStudyDay(memberId, c.studyDayId(), studyDay.branchId(), c.mode(), c.attendedOn()));
    }

    @CommandHandler
    void handle(ExcuseAbsence c, StudyDayCalendar calendar, Clock clock) {
        ensureActive();
        LocalDate excusedOn = Dates.orToday(c.excusedOn(), clock);
        Dates.notInFuture("excusedOn", excusedOn, clock);
        if (excused.contains(c.studyDayId())) {
            return;
        }
        if (attended.contains(c.studyDayId())) {
            throw new RuleViolation("the member already attended study day '" + c.studyDayId() + "'");
        }
        StudyDayFacts studyDay = studyDayOfDailyBranch(c.studyDayId(), calendar);
        apply(new StudyAbsenceExcused(memberId, c.studyDayId(), studyDay.branchId(), c.reason(), excusedOn));
    }

    @CommandHandler
    void handle(TransferToResettlementCommunity c, OrganizationDirectory organizations, Clock clock) {
        ensureActive();
        Dates.notInFuture("movedInOn", c.movedInOn(), clock);
        if (residenceStatus == ResidenceStatus.RESETTLED) {
            throw new RuleViolation("the member is already resettled");
        }
        organizations.require("community", c.communityId()).requireActive("community");
        organizations.require("residence branch", c.residenceBranchId()).requireBranch("residence branch");
        if (c.buildingGroupId() != null) {
            organizations.require("building group", c.buildingGroupId()).requireActive("building group")
                    .requireGroupKind("building group", GroupKind.BUILDING);
        }
        apply(new MemberTransferredToResettlementCommunity(memberId, c.communityId(), c.residenceBranchId(),
                c.buildingGroupId(), c.movedInOn(), c.transferRelation()));
        if (transitionGroupId != null) {
            apply(new MemberLeftTransitionGroup(memberId, transitionGroupId, c.movedInOn(), "resettled"));
        }
        if (c.residenceBranchId().equals(branchId)) {
            return;
        }
        if (c.transferRelation()) {
            transferRelation(c.residenceBranchId(), c.movedInOn());
        } else if (!dualManaged) {
            apply(new DualManagementEstablished(memberId, branchId, c.residenceBranchId(), c.movedInOn()));
        }
    }

    @CommandHandler
    void handle(TransferOrganizationalRelation c, OrganizationDirectory organizations, Clock clock) {
        ensureActive();
        Dates.notInFuture("transferredOn", c.transferredOn(), clock);
        if (c.toBranchId().equals(branchId)) {
            throw new RuleViolation("the member's organisational relation is already with '" + branchId + "'");
        }
        organizations.require("branch", c.toBranchId()).requireBranch("branch");
        transferRelation(c.toBranchId(), c.transferredOn());
    }

    private void transferRelation(OrganizationId toBranchId, LocalDate on) {
        OrganizationId origin = branchId;
        apply(new OrganizationalRelationTransferred(memberId, origin, toBranchId, on));
        if (dualManaged && toBranchId.equals(residenceBranchId)) {
            apply(new DualManagementEnded(memberId, origin, residenceBranchId, on));
        }
    }

    @CommandHandler
    void handle(RecordCareNeeds c, Clock clock) {
        ensureActive();
        LocalDate recordedOn = Dates.orToday(c.recordedOn(), clock);
        Dates.notInFuture("recordedOn", recordedOn, clock);
        apply(new CareNeedsRecorded(memberId, c.needs(), recordedOn));
    }

    @CommandHandler
    void handle(RecordCareVisit c, Clock clock) {
        ensureActive();
        Dates.notInFuture("visitedOn", c.visitedOn(), clock);
        apply(new MemberVisitedByHelper(memberId, c.helperName(), c.helperMemberId(), c.kind(), c.visitedOn(),
                c.notes()));
    }

    @CommandHandler
    void handle(PayDues c, Clock clock) {
        ensureActive();
        Dates.notInFuture("paidOn", c.paidOn(), clock);
        if (duesPaid.contains(c.period())) {
            throw new RuleViolation("dues for " + c.period() + " are already paid");
        }
        if (c.amountFen() <= 0) {
            throw new RuleViolation("dues are a positive amount");
        }
        apply(new DuesPaid(memberId, c.period(), c.amountFen(), c.paidOn()));
    }

    @CommandHandler
    void handle(MarkContactLost c, Clock clock) {
        ensureActive();
        Dates.notInFuture("since", c.since(), clock);
        if (contactLost) {
            throw new RuleViolation("contact with the member is already marked lost");
        }
        apply(new ContactLost(memberId, c.since(), c.lastKnown()));
    }

    @CommandHandler
    void handle(MarkContactRestored c, Clock clock) {
        ensureActive();
        Dates.notInFuture("restoredOn", c.restoredOn(), clock);
        if (!contactLost) {
            throw new RuleViolation("contact with the member is not marked lost");
        }
        apply(new ContactRestored(memberId, c.restoredOn()));
    }

    @CommandHandler
    void handle(LinkHouseholds c, Clock clock) {
        ensureActive();
        Dates.notInFuture("linkedOn", c.linkedOn(), clock);
        apply(new HouseholdsLinked(memberId, c.households(), c.linkedOn()));
    }

    @CommandHandler
    void handle(RecordVanguardActivity c, Clock clock) {
        ensureActive();
        Dates.notInFuture("date", c.date(), clock);
        apply(new VanguardActivityRecorded(memberId, c.kind(), c.date(), c.description()));
    }

    @CommandHandler
    void handle(RecordEvaluation c, Clock clock) {
        ensureActive();
        Dates.notInFuture("evaluatedOn", c.evaluatedOn(), clock);
        apply(new EvaluationRecorded(memberId, c.period(), c.rating(), c.evaluatedOn()));
    }

    @CommandHandler
    void handle(EndMembership c, Clock clock) {
        ensureActive();
        Dates.notInFuture("endedOn", c.endedOn(), clock);
        apply(new MembershipEnded(memberId, c.reason(), c.endedOn()));
    }

    /**
     * Crypto-shredding: destroys the member's key in this command's transaction and records the erasure. Only
     * once the membership ended; a repeat changes nothing.
     */
    @CommandHandler
    void handle(EraseMemberPersonalData c, PersonalDataShredder shredder, Clock clock) {
        if (registration == null) {
            throw new NotFound("member", memberId);
        }
        if (!ended) {
            throw new RuleViolation("personal data is erased only after the membership ended; the membership of '"
                    + memberId + "' has not ended");
        }
        if (personalDataErased) {
            return;
        }
        shredder.destroyKey(memberId);
        apply(new MemberPersonalDataErased(memberId, LocalDate.now(clock)));
    }

    private void ensureActive() {
        if (registration == null) {
            throw new NotFound("member", memberId);
        }
        if (ended) {
            throw new RuleViolation("the membership of '" + memberId + "' has ended; no new facts can be recorded");
        }
    }

    /** A dual-managed member's study day is the residence branch's. */
    private OrganizationId dailyBranchId() {
        return dualManaged ? residenceBranchId : branchId;
    }

    private StudyDayFacts studyDayOfDailyBranch(StudyDayId studyDayId, StudyDayCalendar calendar) {
        StudyDayFacts studyDay = calendar.require(studyDayId);
        if (studyDay.cancelled()) {
            throw new RuleViolation("study day '" + studyDayId + "' has been cancelled");
        }
        if (!studyDay.branchId().equals(dailyBranchId())) {
            throw new RuleViolation("study day '" + studyDayId + "' belongs to branch '" + studyDay.branchId()
                    + "', not to the member's daily-management branch '" + dailyBranchId() + "'");
        }
        return studyDay;
    }

    @EventSourcingHandler
    void on(MemberRegistered e) {
        memberId = e.memberId();
        registration = e;
        branchId = e.branchId();
        residenceStatus = e.residence().status();
    }

    @EventSourcingHandler
    void on(MemberRelocated e) {
        residenceStatus = ResidenceStatus.TRANSITION;
    }

    @EventSourcingHandler
    void on(MemberJoinedTransitionGroup e) {
        transitionGroupId = e.groupId();
    }

    @EventSourcingHandler
    void on(MemberLeftTransitionGroup e) {
        transitionGroupId = null;
    }

    @EventSourcingHandler
    void on(MemberAttendedStudyDay e) {
        attended.add(e.studyDayId());
    }

    @EventSourcingHandler
    void on(StudyAbsenceExcused e) {
        excused.add(e.studyDayId());
    }

    @EventSourcingHandler
    void on(MemberTransferredToResettlementCommunity e) {
        residenceStatus = ResidenceStatus.RESETTLED;
        residenceBranchId = e.residenceBranchId();
    }

    @EventSourcingHandler
    void on(DualManagementEstablished e) {
        dualManaged = true;
    }

    @EventSourcingHandler
    void on(DualManagementEnded e) {
        dualManaged = false;
    }

    @EventSourcingHandler
    void on(OrganizationalRelationTransferred e) {
        branchId = e.toBranchId();
    }

    @EventSourcingHandler
    void on(DuesPaid e) {
        duesPaid.add(e.period());
    }

    @EventSourcingHandler
    void on(ContactLost e) {
        contactLost = true;
    }

    @EventSourcingHandler
    void on(ContactRestored e) {
        contactLost = false;
    }

    @EventSourcingHandler
    void on(MembershipEnded e) {
        ended = true;
    }

    /** Keeps no personal data in the aggregate either, so a snapshot taken from now on holds none. */
    @EventSourcingHandler
    void on(MemberPersonalDataErased e) {
        personalDataErased = true;
        Residence residence = registration.residence();
        registration = new MemberRegistered(registration.memberId(), registration.name(), registration.gender(),
                registration.birthDate(), registration.joinedPartyOn(), registration.branchId(),
                registration.categories(), new Residence(residence.status(), residence.communityId(), null), null,
                registration.registeredOn());
    }

    /** Facts that change nothing the rules look at. */
    @EventSourcingHandler
    void on(MemberEvent e) {
    }

}

package cn.qinglong.dangjian.command.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.shared.Dates;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.studyday.StudyDayCalendar;
import cn.qinglong.dangjian.command.studyday.StudyDayFacts;
import cn.qinglong.dangjian.kernel.common.BusinessDates;
import cn.qinglong.dangjian.kernel.common.PersonalData;
import cn.qinglong.dangjian.kernel.member.MemberCommand;
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
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MembershipStatus;
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
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.serialization.Revision;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One party member's stream. The member's situation is the kernel's {@link MemberState}, the same fold the views
 * use; the aggregate keeps beside it only what its decisions need that the state does not (the registration as
 * recorded, for an idempotent repeat; the study days attended or excused; the dues periods paid). One
 * interceptor guards every command (the member exists, the membership has not ended, no business date lies in
 * the future); the handlers check each command's own rules and apply; one event-sourcing handler folds.
 */
@Aggregate(snapshotTriggerDefinition = "memberSnapshotTrigger", cache = "aggregateCache")
@Revision("2")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
class Member {

    /** The party constitution admits members from the age of eighteen. */
    private static final int MINIMUM_JOINING_AGE = 18;

    @AggregateIdentifier
    private MemberId memberId;
    private MemberState state = MemberState.none();
    /** As recorded, its personal parts erased with the member's. */
    private MemberRegistered registration;
    private Set<StudyDayId> attended = new HashSet<>();
    private Set<StudyDayId> excused = new HashSet<>();
    private Set<YearMonth> duesPaid = new HashSet<>();

    Member() {
    }

    /**
     * Every member command passes here first: registration aside, the member must exist; erasure aside, the
     * membership must not have ended; and no {@link cn.qinglong.dangjian.kernel.common.BusinessDate} of the command
     * may lie in the future (things that already happened cannot be dated tomorrow).
     */
    @CommandHandlerInterceptor
    Object guard(MemberCommand command, InterceptorChain chain, Clock clock) throws Exception {
        if (!(command instanceof RegisterMember)) {
            if (registration == null) {
                throw new NotFound("member", command.memberId());
            }
            if (state.status() == MembershipStatus.ENDED && !(command instanceof EraseMemberPersonalData)) {
                throw new RuleViolation("the membership of '" + memberId + "' has ended; no new facts can be recorded");
            }
        }
        requireNoFutureDates(command, clock);
        return chain.proceed();
    }

    static void requireNoFutureDates(MemberCommand command, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        for (BusinessDates.Dated dated : BusinessDates.of((Record) command)) {
            if (dated.date().isAfter(today)) {
                throw new RuleViolation(dated.name() + " " + dated.date()
                        + " is in the future; only what already happened can be recorded");
            }
        }
    }

    /** Returns whether the member was registered now (false for an idempotent repeat). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(RegisterMember c, OrganizationDirectory organizations) {
        var event = registration(c);
        if (registration != null) {
            if (registration.equals(event)) {
                return false;
            }
            throw new IdConflict("member '" + c.memberId() + "' is already registered with other details");
        }
        checkRegistration(c, organizations);
        apply(event);
        return true;
    }

    static MemberRegistered registration(RegisterMember c) {
        return new MemberRegistered(c.memberId(), c.name(), c.gender(), c.birthDate(), c.joinedPartyOn(),
                c.branchId(), c.categories(), c.residence(), c.phone(), c.registeredOn());
    }

    /**
     * The rules of a new member's registration besides the guard's dates; the roster import's dry run asks them (and
     * {@link #requireNoFutureDates}) too.
     */
    static void checkRegistration(RegisterMember c, OrganizationDirectory organizations) {
        if (c.joinedPartyOn().isBefore(c.birthDate().plusYears(MINIMUM_JOINING_AGE))) {
            throw new RuleViolation("a member joins the party at " + MINIMUM_JOINING_AGE + " or older");
        }
        organizations.require("branch", c.branchId()).requireBranch("branch");
        if (c.residence().communityId() != null) {
            organizations.require("community", c.residence().communityId()).requireActive("community");
        }
    }

    @CommandHandler
    void handle(UpdateContactCard c) {
        apply(new ContactCardUpdated(memberId, c.card()));
    }

    @CommandHandler
    void handle(RelocateMember c, OrganizationDirectory organizations) {
        if (residenceStatus() != ResidenceStatus.ORIGINAL) {
            throw new RuleViolation("only a member still living in the original village can be relocated; this member is "
                    + residenceStatus());
        }
        if (c.areaId() != null) {
            organizations.require("area", c.areaId()).requireActive("area");
        }
        apply(new MemberRelocated(memberId, c.transitionAddress(), c.areaId(), c.relocatedOn()));
    }

    @CommandHandler
    void handle(JoinTransitionGroup c, OrganizationDirectory organizations) {
        if (residenceStatus() != ResidenceStatus.TRANSITION) {
            throw new RuleViolation("a member can join a transition group only while relocated (TRANSITION); this member is "
                    + residenceStatus());
        }
        if (c.groupId().equals(state.groupId())) {
            return;
        }
        if (state.groupId() != null) {
            throw new RuleViolation("a member belongs to one transition group at a time; leave '" + state.groupId()
                    + "' first");
        }
        organizations.require("group", c.groupId()).requireActive("group").requireGroupKind("group", GroupKind.TRANSITION);
        apply(new MemberJoinedTransitionGroup(memberId, c.groupId(), c.joinedOn()));
    }

    @CommandHandler
    void handle(LeaveTransitionGroup c) {
        if (state.groupId() == null) {
            throw new RuleViolation("the member is in no transition group");
        }
        apply(new MemberLeftTransitionGroup(memberId, state.groupId(), c.leftOn(), c.reason()));
    }

    @CommandHandler
    void handle(AssignStudyMode c, Clock clock) {
        apply(new StudyModeAssigned(memberId, c.mode(), c.reason(), Dates.orToday(c.assignedOn(), clock)));
    }

    @CommandHandler
    void handle(RecordAttendance c, StudyDayCalendar calendar) {
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
        if (excused.contains(c.studyDayId())) {
            return;
        }
        if (attended.contains(c.studyDayId())) {
            throw new RuleViolation("the member already attended study day '" + c.studyDayId() + "'");
        }
        StudyDayFacts studyDay = studyDayOfDailyBranch(c.studyDayId(), calendar);
        apply(new StudyAbsenceExcused(memberId, c.studyDayId(), studyDay.branchId(), c.reason(),
                Dates.orToday(c.excusedOn(), clock)));
    }

    @CommandHandler
    void handle(TransferToResettlementCommunity c, OrganizationDirectory organizations) {
        if (residenceStatus() == ResidenceStatus.RESETTLED) {
            throw new RuleViolation("the member is already resettled");
        }
        organizations.require("community", c.communityId()).requireActive("community");
        organizations.require("residence branch", c.residenceBranchId()).requireBranch("residence branch");
        if (c.buildingGroupId() != null) {
            organizations.require("building group", c.buildingGroupId()).requireActive("building group")
                    .requireGroupKind("building group", GroupKind.BUILDING);
        }
        OrganizationId transitionGroupId = state.groupId();
        apply(new MemberTransferredToResettlementCommunity(memberId, c.communityId(), c.residenceBranchId(),
                c.buildingGroupId(), c.movedInOn(), c.transferRelation()));
        if (transitionGroupId != null) {
            apply(new MemberLeftTransitionGroup(memberId, transitionGroupId, c.movedInOn(), "resettled"));
        }
        if (c.residenceBranchId().equals(state.branchId())) {
            return;
        }
        if (c.transferRelation()) {
            transferRelation(c.residenceBranchId(), c.movedInOn());
        } else if (!state.dualManaged()) {
            apply(new DualManagementEstablished(memberId, state.branchId(), c.residenceBranchId(), c.movedInOn()));
        }
    }

    @CommandHandler
    void handle(TransferOrganizationalRelation c, OrganizationDirectory organizations) {
        if (c.toBranchId().equals(state.branchId())) {
            throw new RuleViolation("the member's organisational relation is already with '" + state.branchId() + "'");
        }
        organizations.require("branch", c.toBranchId()).requireBranch("branch");
        transferRelation(c.toBranchId(), c.transferredOn());
    }

    private void transferRelation(OrganizationId toBranchId, LocalDate on) {
        OrganizationId origin = state.branchId();
        apply(new OrganizationalRelationTransferred(memberId, origin, toBranchId, on));
        if (state.dualManaged() && toBranchId.equals(state.residenceBranchId())) {
            apply(new DualManagementEnded(memberId, origin, state.residenceBranchId(), on));
        }
    }

    @CommandHandler
    void handle(RecordCareNeeds c, Clock clock) {
        apply(new CareNeedsRecorded(memberId, c.needs(), Dates.orToday(c.recordedOn(), clock)));
    }

    @CommandHandler
    void handle(RecordCareVisit c) {
        apply(new MemberVisitedByHelper(memberId, c.helperName(), c.helperMemberId(), c.kind(), c.visitedOn(),
                c.notes()));
    }

    @CommandHandler
    void handle(PayDues c) {
        if (duesPaid.contains(c.period())) {
            throw new RuleViolation("dues for " + c.period() + " are already paid");
        }
        if (c.amountFen() <= 0) {
            throw new RuleViolation("dues are a positive amount");
        }
        apply(new DuesPaid(memberId, c.period(), c.amountFen(), c.paidOn()));
    }

    @CommandHandler
    void handle(MarkContactLost c) {
        if (state.contactLost()) {
            throw new RuleViolation("contact with the member is already marked lost");
        }
        apply(new ContactLost(memberId, c.since(), c.lastKnown()));
    }

    @CommandHandler
    void handle(MarkContactRestored c) {
        if (!state.contactLost()) {
            throw new RuleViolation("contact with the member is not marked lost");
        }
        apply(new ContactRestored(memberId, c.restoredOn()));
    }

    @CommandHandler
    void handle(LinkHouseholds c) {
        apply(new HouseholdsLinked(memberId, c.households(), c.linkedOn()));
    }

    @CommandHandler
    void handle(RecordVanguardActivity c) {
        apply(new VanguardActivityRecorded(memberId, c.kind(), c.date(), c.description()));
    }

    @CommandHandler
    void handle(RecordEvaluation c) {
        apply(new EvaluationRecorded(memberId, c.period(), c.rating(), c.evaluatedOn()));
    }

    @CommandHandler
    void handle(EndMembership c) {
        apply(new MembershipEnded(memberId, c.reason(), c.endedOn()));
    }

    /**
     * Crypto-shredding: destroys the member's key in this command's transaction and records the erasure. Only
     * once the membership ended; a repeat changes nothing.
     */
    @CommandHandler
    void handle(EraseMemberPersonalData c, PersonalDataShredder shredder, Clock clock) {
        if (state.status() != MembershipStatus.ENDED) {
            throw new RuleViolation("personal data is erased only after the membership ended; the membership of '"
                    + memberId + "' has not ended");
        }
        if (state.personalDataErased()) {
            return;
        }
        shredder.destroyKey(memberId);
        apply(new MemberPersonalDataErased(memberId, LocalDate.now(clock)));
    }

    private ResidenceStatus residenceStatus() {
        return state.residence().status();
    }

    private StudyDayFacts studyDayOfDailyBranch(StudyDayId studyDayId, StudyDayCalendar calendar) {
        StudyDayFacts studyDay = calendar.require(studyDayId);
        if (studyDay.cancelled()) {
            throw new RuleViolation("study day '" + studyDayId + "' has been cancelled");
        }
        if (!studyDay.branchId().equals(state.dailyBranchId())) {
            throw new RuleViolation("study day '" + studyDayId + "' belongs to branch '" + studyDay.branchId()
                    + "', not to the member's daily-management branch '" + state.dailyBranchId() + "'");
        }
        return studyDay;
    }

    /**
     * The one event-sourcing path: the kernel's fold, then what only the decisions keep. The erasure blanks the
     * registration by the same {@link cn.qinglong.dangjian.kernel.common.Personal} declarations as the state, so
     * a snapshot taken from then on holds no personal data.
     */
    @EventSourcingHandler
    void on(MemberEvent event, @SequenceNumber long sequence) {
        state = state.apply(event, sequence);
        memberId = state.memberId();
        if (event instanceof MemberRegistered e) {
            registration = e;
        } else if (event instanceof MemberAttendedStudyDay e) {
            attended.add(e.studyDayId());
        } else if (event instanceof StudyAbsenceExcused e) {
            excused.add(e.studyDayId());
        } else if (event instanceof DuesPaid e) {
            duesPaid.add(e.period());
        } else if (event instanceof MemberPersonalDataErased) {
            registration = PersonalData.erase(registration, Set.of());
        }
    }
}

package cn.qinglong.dangjian.command.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.qinglong.dangjian.command.organization.MemberDirectory;
import cn.qinglong.dangjian.command.organization.Occupants;
import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.shared.Dates;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.OpeningEvents;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.studyday.StudyDayCalendar;
import cn.qinglong.dangjian.command.studyday.StudyDayFacts;
import cn.qinglong.dangjian.kernel.common.BusinessDates;
import cn.qinglong.dangjian.kernel.common.PersonalData;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.EvaluationRoundOpened;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.RaterKind;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RateMember;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRated;
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
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordFollowUp;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordMakeUpStudy;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordVanguardActivity;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RegisterMember;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RelocateMember;
import cn.qinglong.dangjian.kernel.member.MemberCommand.SetDuesStandard;
import cn.qinglong.dangjian.kernel.member.MemberCommand.TransferOrganizationalRelation;
import cn.qinglong.dangjian.kernel.member.MemberCommand.TransferToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberCommand.UpdateContactCard;
import cn.qinglong.dangjian.kernel.member.MemberCommand.DisplayIdentity;
import cn.qinglong.dangjian.kernel.member.MemberCommand.DesignateCentralHousehold;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CareNeedsRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactCardUpdated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactLost;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactRestored;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEnded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEstablished;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesStandardSet;
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
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyFollowedUp;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyMadeUp;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyModeAssigned;
import cn.qinglong.dangjian.kernel.member.MemberEvent.VanguardActivityRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.IdentityDisplayed;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CentralHouseholdDesignated;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.kernel.member.MemberCommand.AcknowledgeNotice;
import cn.qinglong.dangjian.kernel.member.MemberCommand.DeliverNotice;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordMeetingAttendance;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeAcknowledged;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeDelivered;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent.MeetingHeld;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * recorded, for an idempotent repeat; per study day what was recorded, for repeats). One
 * interceptor guards every command (the member exists, the membership has not ended, no business date lies in
 * the future); the handlers check each command's own rules and apply; one event-sourcing handler folds.
 */
@Aggregate(snapshotTriggerDefinition = "memberSnapshotTrigger", cache = "aggregateCache")
@Revision("3")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
class Member {

    /** The party constitution admits members from the age of eighteen. */
    private static final int MINIMUM_JOINING_AGE = 18;
    /** 补学 is taken at home or online. */
    private static final Set<StudyMode> MAKE_UP_MODES = EnumSet.of(StudyMode.HOME_DELIVERY, StudyMode.ONLINE);

    @AggregateIdentifier
    private MemberId memberId;
    private MemberState state = MemberState.none();
    /** As recorded, its personal parts erased with the member's. */
    private MemberRegistered registration;
    /** Per study day, what was recorded: a repeat is compared with it (identical: no-op; other: 409). */
    private Map<StudyDayId, MemberAttendedStudyDay> attended = new HashMap<>();
    private Map<StudyDayId, StudyAbsenceExcused> excused = new HashMap<>();
    private Map<StudyDayId, StudyFollowedUp> followedUp = new HashMap<>();
    private Map<StudyDayId, StudyMadeUp> madeUp = new HashMap<>();
    /** The concluding grade per evaluation period (grades given before rounds existed, and those without a round). */
    private Map<String, EvaluationRecorded> evaluations = new HashMap<>();
    /** The concluding grade per evaluation round. */
    private Map<EvaluationRoundId, EvaluationRecorded> roundGrades = new HashMap<>();
    /** Per round, rater kind and rater, the rating recorded. */
    private Map<String, MemberRated> ratings = new HashMap<>();
    /** Per notice and per meeting, what was recorded: a repeat is compared with it (identical: no-op; other: 409). */
    private Map<NoticeId, NoticeDelivered> deliveries = new HashMap<>();
    private Map<NoticeId, NoticeAcknowledged> acknowledgements = new HashMap<>();
    private Map<MeetingId, MemberAttendedMeeting> meetings = new HashMap<>();
    /** 楼道亮身份 and 党员中心户 as recorded: each once per member. */
    private IdentityDisplayed identityDisplayed;
    private CentralHouseholdDesignated centralHousehold;

    Member() {
    }

    /**
     * Every member command passes here first: registration aside, the member must exist; erasure aside, the
     * membership must not have ended; and no {@link cn.qinglong.dangjian.kernel.common.BusinessDate} of the command
     * may lie in the future (things that already happened cannot be dated tomorrow).
     */
    @CommandHandlerInterceptor
    Object guard(MemberCommand command, InterceptorChain chain, Clock clock, Occupants occupants) throws Exception {
        if (!(command instanceof RegisterMember)) {
            if (registration == null) {
                throw new NotFound("member", command.memberId());
            }
            if (state.status() == MembershipStatus.ENDED && !(command instanceof EraseMemberPersonalData)) {
                throw new RuleViolation("the membership of '" + memberId + "' has ended; no new facts can be recorded");
            }
        }
        requireNoFutureDates(command, clock);
        List<?> placedIn = placement();
        Object result = chain.proceed();
        if (!placement().equals(placedIn)) {
            occupants.placeMember(memberId, state);
        }
        return result;
    }

    /** What {@link Occupants} keeps of the member: their organisations while the membership lasts. */
    private List<?> placement() {
        return List.of(state.status() == MembershipStatus.ACTIVE, state.organizations());
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
            organizations.require("area", c.areaId()).requireActive("area").requireGroupKind("area", GroupKind.AREA);
            requireUnderOwnVillage("an area", c.areaId(), organizations);
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
        requireUnderOwnVillage("a transition group", c.groupId(), organizations);
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
        MemberAttendedStudyDay recorded = attended.get(c.studyDayId());
        if (recorded != null) {
            if (recorded.mode() == c.mode() && recorded.attendedOn().equals(c.attendedOn())) {
                return;
            }
            throw conflict(c.studyDayId(), "attended " + recorded.mode() + " on " + recorded.attendedOn());
        }
        StudyDayFacts studyDay = studyDayOfDailyBranch(c.studyDayId(), calendar);
        if (!studyDay.modes().contains(c.mode())) {
            throw new RuleViolation("study day '" + c.studyDayId() + "' offers " + studyDay.modes() + ", not " + c.mode());
        }
        notBefore("attendance", c.attendedOn(), studyDay);
        apply(new MemberAttendedStudyDay(memberId, c.studyDayId(), studyDay.branchId(), c.mode(), c.attendedOn()));
    }

    @CommandHandler
    void handle(ExcuseAbsence c, StudyDayCalendar calendar, Clock clock) {
        StudyAbsenceExcused recorded = excused.get(c.studyDayId());
        if (recorded != null) {
            if (Objects.equals(recorded.reason(), c.reason())
                    && (c.excusedOn() == null || c.excusedOn().equals(recorded.excusedOn()))) {
                return;
            }
            throw conflict(c.studyDayId(), "excused on " + recorded.excusedOn() + " (" + recorded.reason() + ")");
        }
        if (attended.containsKey(c.studyDayId())) {
            throw new RuleViolation("the member already attended study day '" + c.studyDayId() + "'");
        }
        StudyDayFacts studyDay = studyDayOfDailyBranch(c.studyDayId(), calendar);
        apply(new StudyAbsenceExcused(memberId, c.studyDayId(), studyDay.branchId(), c.reason(),
                Dates.orToday(c.excusedOn(), clock)));
    }

    /** 零掉队: who reached a member left behind at a study day, how and when; once per study day. */
    @CommandHandler
    void handle(RecordFollowUp c, StudyDayCalendar calendar) {
        StudyFollowedUp recorded = followedUp.get(c.studyDayId());
        if (recorded != null) {
            if (recorded.equals(new StudyFollowedUp(memberId, c.studyDayId(), recorded.branchId(), c.helperName(),
                    c.method(), c.followedUpOn(), c.notes()))) {
                return;
            }
            throw conflict(c.studyDayId(), "followed up by " + recorded.helperName() + " (" + recorded.method()
                    + ") on " + recorded.followedUpOn());
        }
        notAttended("a follow-up", c.studyDayId());
        StudyDayFacts studyDay = studyDayOfDailyBranch(c.studyDayId(), calendar);
        notBefore("the follow-up", c.followedUpOn(), studyDay);
        apply(new StudyFollowedUp(memberId, c.studyDayId(), studyDay.branchId(), c.helperName(), c.method(),
                c.followedUpOn(), c.notes()));
    }

    /** 补学: the material of a missed study day taken later, at home or online; reached, not attended. */
    @CommandHandler
    void handle(RecordMakeUpStudy c, StudyDayCalendar calendar) {
        StudyMadeUp recorded = madeUp.get(c.studyDayId());
        if (recorded != null) {
            if (recorded.mode() == c.mode() && recorded.madeUpOn().equals(c.madeUpOn())) {
                return;
            }
            throw conflict(c.studyDayId(), "made up " + recorded.mode() + " on " + recorded.madeUpOn());
        }
        notAttended("a make-up study", c.studyDayId());
        if (!MAKE_UP_MODES.contains(c.mode())) {
            throw new RuleViolation("a make-up study is taken at home or online (" + MAKE_UP_MODES + "), not "
                    + c.mode());
        }
        StudyDayFacts studyDay = studyDayOfDailyBranch(c.studyDayId(), calendar);
        notBefore("the make-up study", c.madeUpOn(), studyDay);
        apply(new StudyMadeUp(memberId, c.studyDayId(), studyDay.branchId(), c.mode(), c.madeUpOn()));
    }

    private void notAttended(String what, StudyDayId studyDayId) {
        if (attended.containsKey(studyDayId)) {
            throw new RuleViolation(what + " is only for a study day the member did not attend; the member attended '"
                    + studyDayId + "'");
        }
    }

    private static void notBefore(String what, LocalDate on, StudyDayFacts studyDay) {
        if (on.isBefore(studyDay.date())) {
            throw new RuleViolation(what + " on " + on + " precedes the study day on " + studyDay.date());
        }
    }

    /** The same study day with other details: what was recorded stands, and the refusal says what it is. */
    private IdConflict conflict(StudyDayId studyDayId, String recorded) {
        return new IdConflict("study day '" + studyDayId + "' is already recorded for member '" + memberId
                + "' as " + recorded + "; a different record of it is refused");
    }

    @CommandHandler
    void handle(TransferToResettlementCommunity c, OrganizationDirectory organizations) {
        if (residenceStatus() == ResidenceStatus.RESETTLED) {
            throw new RuleViolation("the member is already resettled");
        }
        organizations.require("community", c.communityId()).requireActive("community");
        organizations.require("residence branch", c.residenceBranchId()).requireBranch("residence branch");
        if (!organizations.isUnder(c.residenceBranchId(), c.communityId())) {
            throw new RuleViolation("a residence branch sits under the resettlement community the member moves to; '"
                    + c.residenceBranchId() + "' is not under '" + c.communityId() + "'");
        }
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
        if (state.paid(c.period())) {
            throw new RuleViolation("dues for " + c.period() + " are already paid");
        }
        if (c.amountFen() <= 0) {
            throw new RuleViolation("dues are a positive amount");
        }
        apply(new DuesPaid(memberId, c.period(), c.amountFen(), c.paidOn()));
    }

    /** The branch's monthly standard from a month on; the same standard again records nothing. */
    @CommandHandler
    void handle(SetDuesStandard c, Clock clock) {
        if (c.amountFen() < 0) {
            throw new RuleViolation("a dues standard is zero or more fen");
        }
        if (state.duesStandards().contains(new MemberState.DuesStandard(c.fromPeriod(), c.amountFen()))
                && state.standardFor(c.fromPeriod()) == c.amountFen()) {
            return;
        }
        apply(new DuesStandardSet(memberId, c.amountFen(), c.fromPeriod(), c.reason(), LocalDate.now(clock)));
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

    /**
     * One concluding grade per member per evaluation round (with {@code roundId}) or, as before rounds existed, per
     * period: the same again records nothing, another is a 409 naming the grade recorded.
     */
    @CommandHandler
    void handle(RecordEvaluation c, OpeningEvents streams, OrganizationDirectory organizations) {
        var event = new EvaluationRecorded(memberId, c.period(), c.rating(), c.evaluatedOn(), c.roundId());
        if (c.roundId() != null) {
            gradeOfRound(c, event, streams, organizations);
            return;
        }
        EvaluationRecorded recorded = evaluations.get(c.period());
        if (recorded != null) {
            if (recorded.equals(event)) {
                return;
            }
            throw new IdConflict("a member is graded once per evaluation period; period '" + c.period()
                    + "' of member '" + memberId + "' is already graded " + recorded.rating() + " on "
                    + recorded.evaluatedOn());
        }
        apply(event);
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

    /**
     * A notice reaches a member of its audience only (the kernel's {@link NoticeIssued#isFor}: the member's daily
     * branch on the issue date lies within the issuing organisation), once, not before it was issued.
     */
    @CommandHandler
    void handle(DeliverNotice c, OpeningEvents streams, OrganizationDirectory organizations) {
        NoticeDelivered recorded = deliveries.get(c.noticeId());
        if (recorded != null) {
            if (recorded.channel() == c.channel() && recorded.deliveredOn().equals(c.deliveredOn())) {
                return;
            }
            throw noticeConflict(c.noticeId(), "delivered by " + recorded.channel() + " on " + recorded.deliveredOn());
        }
        NoticeIssued notice = streams.require("notice", c.noticeId().value(), NoticeIssued.class);
        if (!notice.isFor(state.dailyHistory(), branch -> organizations.isUnder(branch, notice.organizationId()))) {
            throw new RuleViolation("notice '" + c.noticeId() + "' is for the members managed day to day within '"
                    + notice.organizationId() + "' on its issue date " + notice.issuedOn() + "; member '" + memberId
                    + "' was managed by '" + state.dailyBranchOn(notice.issuedOn()) + "'");
        }
        if (c.deliveredOn().isBefore(notice.issuedOn())) {
            throw new RuleViolation("a delivery on " + c.deliveredOn() + " precedes the notice's issue on "
                    + notice.issuedOn());
        }
        apply(new NoticeDelivered(memberId, c.noticeId(), notice.organizationId(), c.channel(), c.deliveredOn()));
    }

    /** A member acknowledges a notice only once it was delivered to them, and not before the delivery. */
    @CommandHandler
    void handle(AcknowledgeNotice c) {
        NoticeAcknowledged recorded = acknowledgements.get(c.noticeId());
        if (recorded != null) {
            if (recorded.acknowledgedOn().equals(c.acknowledgedOn())) {
                return;
            }
            throw noticeConflict(c.noticeId(), "acknowledged on " + recorded.acknowledgedOn());
        }
        NoticeDelivered delivery = deliveries.get(c.noticeId());
        if (delivery == null) {
            throw new RuleViolation("a notice is acknowledged only after it was delivered; notice '" + c.noticeId()
                    + "' has not been delivered to member '" + memberId + "'");
        }
        if (c.acknowledgedOn().isBefore(delivery.deliveredOn())) {
            throw new RuleViolation("an acknowledgement on " + c.acknowledgedOn() + " precedes the delivery on "
                    + delivery.deliveredOn());
        }
        apply(new NoticeAcknowledged(memberId, c.noticeId(), c.acknowledgedOn()));
    }

    private IdConflict noticeConflict(NoticeId noticeId, String recorded) {
        return new IdConflict("notice '" + noticeId + "' is already recorded for member '" + memberId + "' as "
                + recorded + "; a different record of it is refused");
    }

    /**
     * Attendance at a meeting of the member's own daily-management branch on its date ({@link
     * MemberState#dailyBranchOn}), or of a group the member belonged to on its date ({@link
     * MemberState#belongsToGroupOn}), dated the meeting's day; once per meeting.
     */
    @CommandHandler
    void handle(RecordMeetingAttendance c, OpeningEvents streams) {
        MemberAttendedMeeting recorded = meetings.get(c.meetingId());
        if (recorded != null) {
            if (recorded.attendedOn().equals(c.attendedOn())) {
                return;
            }
            throw new IdConflict("meeting '" + c.meetingId() + "' is already recorded for member '" + memberId
                    + "' as attended on " + recorded.attendedOn() + "; a different record of it is refused");
        }
        MeetingHeld meeting = streams.require("meeting", c.meetingId().value(), MeetingHeld.class);
        if (!c.attendedOn().equals(meeting.heldOn())) {
            throw new RuleViolation("meeting '" + c.meetingId() + "' was held on " + meeting.heldOn()
                    + "; attendance is recorded on that date, not " + c.attendedOn());
        }
        boolean own = meeting.kind().heldByGroup()
                ? state.belongsToGroupOn(meeting.organizationId(), meeting.heldOn())
                : meeting.organizationId().equals(state.dailyBranchOn(meeting.heldOn()));
        if (!own) {
            throw new RuleViolation("a member attends the meetings of their own branch or group on the meeting's date; "
                    + "meeting '" + c.meetingId() + "' belongs to '" + meeting.organizationId()
                    + "', which was not the member's " + (meeting.kind().heldByGroup() ? "group" : "daily-management branch")
                    + " on " + meeting.heldOn());
        }
        apply(new MemberAttendedMeeting(memberId, c.meetingId(), meeting.organizationId(), meeting.kind(),
                c.attendedOn()));
    }

    /**
     * 楼道亮身份 once per member: the same display again records nothing, another is a 409 naming the recorded one.
     * A stairwell named is a building group of the member's own resettlement community.
     */
    @CommandHandler
    void handle(DisplayIdentity c, OrganizationDirectory organizations) {
        var event = new IdentityDisplayed(memberId, c.displayedOn(), c.buildingGroupId());
        if (identityDisplayed != null) {
            if (identityDisplayed.equals(event)) {
                return;
            }
            throw new IdConflict("a member's identity is displayed once; member '" + memberId
                    + "' displayed it on " + identityDisplayed.displayedOn()
                    + (identityDisplayed.buildingGroupId() == null ? "" : " in building group '"
                    + identityDisplayed.buildingGroupId() + "'"));
        }
        if (c.buildingGroupId() != null) {
            requireBuildingGroupOfOwnCommunity("an identity display", c.buildingGroupId(), organizations);
        }
        apply(event);
    }

    /**
     * 党员中心户: a resettled member's household serves one building group of the member's own resettlement
     * community; designated once (the same again records nothing, another is a 409 naming the recorded one).
     */
    @CommandHandler
    void handle(DesignateCentralHousehold c, OrganizationDirectory organizations) {
        var event = new CentralHouseholdDesignated(memberId, c.buildingGroupId(), c.households(), c.designatedOn());
        if (centralHousehold != null) {
            if (centralHousehold.equals(event)) {
                return;
            }
            throw new IdConflict("a member's household is designated a central household once; member '" + memberId
                    + "' serves " + centralHousehold.households() + " households of building group '"
                    + centralHousehold.buildingGroupId() + "' since " + centralHousehold.designatedOn());
        }
        if (c.households() <= 0) {
            throw new RuleViolation("a central household serves at least one household");
        }
        requireBuildingGroupOfOwnCommunity("a central household", c.buildingGroupId(), organizations);
        apply(event);
    }

    /** The member lives in a resettlement community, and the group is an active BUILDING group under it. */
    private void requireBuildingGroupOfOwnCommunity(String what, OrganizationId group,
                                                    OrganizationDirectory organizations) {
        if (residenceStatus() != ResidenceStatus.RESETTLED) {
            throw new RuleViolation(what + " is for a member living in a resettlement community; this member is "
                    + residenceStatus());
        }
        organizations.require("building group", group).requireActive("building group")
                .requireGroupKind("building group", GroupKind.BUILDING);
        OrganizationId community = state.residence().communityId();
        if (!organizations.isUnder(group, community)) {
            throw new RuleViolation(what + " serves a building group of the member's own resettlement community '"
                    + community + "'; '" + group + "' is not under it");
        }
    }

    /** Places that fit: an area or a transition group belongs to the member's own village general branch. */
    private void requireUnderOwnVillage(String what, OrganizationId place, OrganizationDirectory organizations) {
        OrganizationId village = organizations.generalBranchOf(state.branchId());
        if (!organizations.isUnder(place, village)) {
            throw new RuleViolation(what + " must sit under the member's own village general branch '" + village
                    + "'; '" + place + "' does not");
        }
    }

    private ResidenceStatus residenceStatus() {
        return state.residence().status();
    }

    /**
     * The study day, open, of the branch that ran the member's daily education on the study day's date (the
     * kernel's {@link MemberState#dailyBranchOn}, the rule the views use too): a sheet typed in after a move is
     * decided by where the member was on that day, not where they are now.
     */
    private StudyDayFacts studyDayOfDailyBranch(StudyDayId studyDayId, StudyDayCalendar calendar) {
        StudyDayFacts studyDay = calendar.require(studyDayId);
        if (studyDay.cancelled()) {
            throw new RuleViolation("study day '" + studyDayId + "' has been cancelled");
        }
        OrganizationId dailyBranch = state.dailyBranchOn(studyDay.date());
        if (!studyDay.branchId().equals(dailyBranch)) {
            throw new RuleViolation("study day '" + studyDayId + "' belongs to branch '" + studyDay.branchId()
                    + "', not to the member's daily-management branch on its date " + studyDay.date() + ", '"
                    + dailyBranch + "'");
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
            attended.putIfAbsent(e.studyDayId(), e);
        } else if (event instanceof StudyAbsenceExcused e) {
            excused.putIfAbsent(e.studyDayId(), e);
        } else if (event instanceof StudyFollowedUp e) {
            followedUp.putIfAbsent(e.studyDayId(), e);
        } else if (event instanceof StudyMadeUp e) {
            madeUp.putIfAbsent(e.studyDayId(), e);
        } else if (event instanceof EvaluationRecorded e && e.roundId() == null) {
            evaluations.putIfAbsent(e.period(), e);
        } else if (event instanceof EvaluationRecorded e) {
            roundGrades.putIfAbsent(e.roundId(), e);
        } else if (event instanceof MemberRated e) {
            ratings.putIfAbsent(ratingKey(e.roundId(), e.raterKind(), e.raterId()), e);
        } else if (event instanceof IdentityDisplayed e && identityDisplayed == null) {
            identityDisplayed = e;
        } else if (event instanceof CentralHouseholdDesignated e && centralHousehold == null) {
            centralHousehold = e;
        } else if (event instanceof MemberPersonalDataErased) {
            registration = PersonalData.erase(registration, Set.of());
            excused.replaceAll((id, e) -> PersonalData.erase(e, Set.of()));
            followedUp.replaceAll((id, e) -> PersonalData.erase(e, Set.of()));
        } else if (event instanceof NoticeDelivered e) {
            deliveries.putIfAbsent(e.noticeId(), e);
        } else if (event instanceof NoticeAcknowledged e) {
            acknowledgements.putIfAbsent(e.noticeId(), e);
        } else if (event instanceof MemberAttendedMeeting e) {
            meetings.putIfAbsent(e.meetingId(), e);
        }
    }

    // ---- 民主评议: ratings in a round and the round's concluding grade ----

    private void gradeOfRound(RecordEvaluation c, EvaluationRecorded event, OpeningEvents streams,
                              OrganizationDirectory organizations) {
        EvaluationRecorded recorded = roundGrades.get(c.roundId());
        if (recorded != null) {
            if (recorded.equals(event)) {
                return;
            }
            throw new IdConflict("a member is graded once per evaluation round; round '" + c.roundId()
                    + "' of member '" + memberId + "' is already graded " + recorded.rating() + " on "
                    + recorded.evaluatedOn());
        }
        EvaluationRoundOpened round = streams.require("evaluation round", c.roundId().value(), EvaluationRoundOpened.class);
        if (!c.period().equals(String.valueOf(round.year()))) {
            throw new RuleViolation("the period of a round's grade is the round's year, " + round.year() + ", not '"
                    + c.period() + "'");
        }
        if (c.evaluatedOn().isBefore(round.opensOn())) {
            throw new RuleViolation("a round's grade is concluded once the round opened on " + round.opensOn() + "; "
                    + c.evaluatedOn() + " is before it");
        }
        requireInRound(round, c.evaluatedOn(), organizations);
        apply(event);
    }

    /**
     * A rater rates a member once per round, only while the round is open ({@link EvaluationRoundOpened#openOn}, the
     * rule the organisations' ratings follow too): the same rating again records nothing, another is a 409 naming the
     * one recorded. A self-rating's rater is the member; a peer is another registered member.
     */
    @CommandHandler
    void handle(RateMember c, OpeningEvents streams, OrganizationDirectory organizations, MemberDirectory members) {
        if (c.raterKind() == RaterKind.SELF && c.raterId() != null && !c.raterId().equals(memberId.value())) {
            throw new RuleViolation("a self-rating is the member's own; its rater is '" + memberId + "', not '"
                    + c.raterId() + "'");
        }
        String raterId = c.raterKind() == RaterKind.SELF ? memberId.value() : c.raterId();
        var event = new MemberRated(memberId, c.roundId(), c.raterKind(), raterId, c.rating(), c.ratedOn());
        MemberRated recorded = ratings.get(ratingKey(c.roundId(), c.raterKind(), raterId));
        if (recorded != null) {
            if (recorded.equals(event)) {
                return;
            }
            throw new IdConflict("a rater rates a member once per round; " + c.raterKind() + " rater '" + raterId
                    + "' already rated member '" + memberId + "' " + recorded.rating() + " on " + recorded.ratedOn()
                    + " in round '" + c.roundId() + "'");
        }
        EvaluationRoundOpened round = streams.require("evaluation round", c.roundId().value(), EvaluationRoundOpened.class);
        if (!round.openOn(c.ratedOn())) {
            throw new RuleViolation("ratings are given only while the round is open (" + round.window() + "); "
                    + c.ratedOn() + " is outside it");
        }
        requireInRound(round, c.ratedOn(), organizations);
        if (c.raterKind() == RaterKind.PEER) {
            if (raterId.equals(memberId.value())) {
                throw new RuleViolation("a member rates themself as SELF, not as a peer");
            }
            if (!members.exists(MemberId.of(raterId))) {
                throw new NotFound("member", raterId);
            }
        }
        apply(event);
    }

    /** A round rates the members of its organisation: by relation, or managed day to day by a branch under it. */
    private void requireInRound(EvaluationRoundOpened round, LocalDate on, OrganizationDirectory organizations) {
        OrganizationId daily = state.dailyBranchOn(on);
        if (organizations.isUnder(state.branchId(), round.organizationId())
                || (daily != null && organizations.isUnder(daily, round.organizationId()))) {
            return;
        }
        throw new RuleViolation("round '" + round.roundId() + "' evaluates the members of '" + round.organizationId()
                + "'; member '" + memberId + "' is neither related to nor managed by it");
    }

    private static String ratingKey(EvaluationRoundId roundId, RaterKind kind, String raterId) {
        return roundId.value() + "/" + kind + "/" + raterId;
    }
}

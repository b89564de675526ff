package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.command.web.CommandDispatcher;
import cn.qinglong.dangjian.command.web.PathIds;
import cn.qinglong.dangjian.command.web.Receipt;
import cn.qinglong.dangjian.command.web.Versions;
import cn.qinglong.dangjian.kernel.common.Ids;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.RaterKind;
import cn.qinglong.dangjian.kernel.member.CareNeed;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RateMember;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.ContactCard;
import cn.qinglong.dangjian.kernel.member.FollowUpMethod;
import cn.qinglong.dangjian.kernel.member.Gender;
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
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.Rating;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.member.VanguardKind;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.kernel.member.MemberCommand.AcknowledgeNotice;
import cn.qinglong.dangjian.kernel.member.MemberCommand.DeliverNotice;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordMeetingAttendance;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.notice.NoticeChannel;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Max;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/members")
class MemberController {

    private final CommandDispatcher dispatcher;

    MemberController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    record ResidenceRequest(@NotNull ResidenceStatus status, OrganizationId communityId,
                            @Size(max = 200) String address) {
    }

    record RegisterRequest(MemberId memberId, @NotBlank @Size(max = 50) String name, @NotNull Gender gender,
                           @NotNull LocalDate birthDate, @NotNull LocalDate joinedPartyOn,
                           @NotNull OrganizationId branchId, @NotNull @Size(max = 7) Set<@NotNull Category> categories,
                           @NotNull @Valid ResidenceRequest residence, @Size(max = 30) String phone,
                           @NotNull LocalDate registeredOn) {
    }

    @PostMapping
    ResponseEntity<Receipt> register(@Valid @RequestBody RegisterRequest r) {
        MemberId id = r.memberId() != null ? r.memberId() : MemberId.generate();
        var residence = new Residence(r.residence().status(), r.residence().communityId(), r.residence().address());
        return dispatcher.create(id.value(), new RegisterMember(id, r.name(), r.gender(), r.birthDate(),
                r.joinedPartyOn(), r.branchId(), r.categories(), residence, r.phone(), r.registeredOn()));
    }

    record ContactCardRequest(@NotBlank @Size(max = 200) String whereabouts, @NotBlank @Size(max = 30) String phone,
                              @NotBlank @Size(max = 200) String housing, @NotBlank @Size(max = 500) String ideology,
                              @NotBlank @Size(max = 200) String employment, @NotBlank @Size(max = 500) String family,
                              @NotNull LocalDate verifiedOn) {
    }

    @PutMapping("/{id}/contact-card")
    ResponseEntity<Receipt> contactCard(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                        @Valid @RequestBody ContactCardRequest r) {
        return send(id, m -> new UpdateContactCard(m, new ContactCard(r.whereabouts(), r.phone(), r.housing(),
                r.ideology(), r.employment(), r.family(), r.verifiedOn()), Versions.expected(ifMatch)));
    }

    record RelocationRequest(@NotBlank @Size(max = 200) String transitionAddress, OrganizationId areaId,
                             @NotNull LocalDate relocatedOn) {
    }

    @PostMapping("/{id}/relocation")
    ResponseEntity<Receipt> relocate(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody RelocationRequest r) {
        return send(id, m -> new RelocateMember(m, r.transitionAddress(), r.areaId(), r.relocatedOn(),
                Versions.expected(ifMatch)));
    }

    record JoinGroupRequest(@NotNull OrganizationId groupId, @NotNull LocalDate joinedOn) {
    }

    @PostMapping("/{id}/transition-group")
    ResponseEntity<Receipt> joinGroup(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      @Valid @RequestBody JoinGroupRequest r) {
        return send(id, m -> new JoinTransitionGroup(m, r.groupId(), r.joinedOn(), Versions.expected(ifMatch)));
    }

    record LeaveGroupRequest(@NotNull LocalDate leftOn, @NotBlank @Size(max = 200) String reason) {
    }

    @PostMapping("/{id}/transition-group/leave")
    ResponseEntity<Receipt> leaveGroup(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                       @Valid @RequestBody LeaveGroupRequest r) {
        return send(id, m -> new LeaveTransitionGroup(m, r.leftOn(), r.reason(), Versions.expected(ifMatch)));
    }

    record StudyModeRequest(@NotNull StudyMode mode, @NotBlank @Size(max = 200) String reason, LocalDate assignedOn) {
    }

    @PutMapping("/{id}/study-mode")
    ResponseEntity<Receipt> studyMode(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      @Valid @RequestBody StudyModeRequest r) {
        return send(id, m -> new AssignStudyMode(m, r.mode(), r.reason(), r.assignedOn(), Versions.expected(ifMatch)));
    }

    record AttendanceRequest(@NotNull StudyDayId studyDayId, @NotNull StudyMode mode, @NotNull LocalDate attendedOn) {
    }

    @PostMapping("/{id}/attendance")
    ResponseEntity<Receipt> attend(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @Valid @RequestBody AttendanceRequest r) {
        return send(id, m -> new RecordAttendance(m, r.studyDayId(), r.mode(), r.attendedOn(), Versions.expected(ifMatch)));
    }

    record ExcuseRequest(@NotNull StudyDayId studyDayId, @NotBlank @Size(max = 200) String reason, LocalDate excusedOn) {
    }

    @PostMapping("/{id}/excused-absence")
    ResponseEntity<Receipt> excuse(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @Valid @RequestBody ExcuseRequest r) {
        return send(id, m -> new ExcuseAbsence(m, r.studyDayId(), r.reason(), r.excusedOn(), Versions.expected(ifMatch)));
    }

    record FollowUpRequest(@NotNull StudyDayId studyDayId, @NotBlank @Size(max = 50) String helperName,
                           @NotNull FollowUpMethod method, @NotNull LocalDate followedUpOn,
                           @Size(max = 500) String notes) {
    }

    @PostMapping("/{id}/follow-ups")
    ResponseEntity<Receipt> followUp(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody FollowUpRequest r) {
        return send(id, m -> new RecordFollowUp(m, r.studyDayId(), r.helperName(), r.method(), r.followedUpOn(),
                r.notes(), Versions.expected(ifMatch)));
    }

    record MakeUpRequest(@NotNull StudyDayId studyDayId, @NotNull StudyMode mode, @NotNull LocalDate madeUpOn) {
    }

    @PostMapping("/{id}/make-up-studies")
    ResponseEntity<Receipt> makeUp(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @Valid @RequestBody MakeUpRequest r) {
        return send(id, m -> new RecordMakeUpStudy(m, r.studyDayId(), r.mode(), r.madeUpOn(), Versions.expected(ifMatch)));
    }

    record ResettlementRequest(@NotNull OrganizationId communityId, @NotNull OrganizationId residenceBranchId,
                               OrganizationId buildingGroupId, @NotNull LocalDate movedInOn,
                               @NotNull Boolean transferRelation) {
    }

    @PostMapping("/{id}/resettlement")
    ResponseEntity<Receipt> resettle(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody ResettlementRequest r) {
        return send(id, m -> new TransferToResettlementCommunity(m, r.communityId(), r.residenceBranchId(),
                r.buildingGroupId(), r.movedInOn(), r.transferRelation(), Versions.expected(ifMatch)));
    }

    record RelationTransferRequest(@NotNull OrganizationId toBranchId, @NotNull LocalDate transferredOn) {
    }

    @PostMapping("/{id}/relation-transfer")
    ResponseEntity<Receipt> transferRelation(@PathVariable String id,
                                             @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                             @Valid @RequestBody RelationTransferRequest r) {
        return send(id, m -> new TransferOrganizationalRelation(m, r.toBranchId(), r.transferredOn(),
                Versions.expected(ifMatch)));
    }

    record CareNeedsRequest(@NotNull @Size(max = 6) Set<@NotNull CareNeed> needs, LocalDate recordedOn) {
    }

    @PutMapping("/{id}/care-needs")
    ResponseEntity<Receipt> careNeeds(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      @Valid @RequestBody CareNeedsRequest r) {
        return send(id, m -> new RecordCareNeeds(m, r.needs(), r.recordedOn(), Versions.expected(ifMatch)));
    }

    record CareVisitRequest(@NotBlank @Size(max = 50) String helperName, MemberId helperMemberId,
                            @NotNull VisitKind kind, @NotNull LocalDate visitedOn, @Size(max = 1000) String notes) {
    }

    @PostMapping("/{id}/care-visits")
    ResponseEntity<Receipt> visit(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                  @Valid @RequestBody CareVisitRequest r) {
        return send(id, m -> new RecordCareVisit(m, r.helperName(), r.helperMemberId(), r.kind(), r.visitedOn(),
                r.notes(), Versions.expected(ifMatch)));
    }

    record DuesStandardRequest(@NotNull Long amountFen, @NotNull YearMonth fromPeriod, @Size(max = 200) String reason) {
    }

    @PutMapping("/{id}/dues-standard")
    ResponseEntity<Receipt> duesStandard(@PathVariable String id,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                         @Valid @RequestBody DuesStandardRequest r) {
        return send(id, m -> new SetDuesStandard(m, r.amountFen(), r.fromPeriod(), r.reason(), Versions.expected(ifMatch)));
    }

    record DuesRequest(@NotNull YearMonth period, @NotNull @Positive Long amountFen, @NotNull LocalDate paidOn) {
    }

    @PostMapping("/{id}/dues")
    ResponseEntity<Receipt> dues(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                 @Valid @RequestBody DuesRequest r) {
        return send(id, m -> new PayDues(m, r.period(), r.amountFen(), r.paidOn(), Versions.expected(ifMatch)));
    }

    record ContactLostRequest(@NotNull LocalDate since, @Size(max = 200) String lastKnown) {
    }

    @PostMapping("/{id}/contact-lost")
    ResponseEntity<Receipt> contactLost(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                        @Valid @RequestBody ContactLostRequest r) {
        return send(id, m -> new MarkContactLost(m, r.since(), r.lastKnown(), Versions.expected(ifMatch)));
    }

    record ContactRestoredRequest(@NotNull LocalDate restoredOn) {
    }

    @PostMapping("/{id}/contact-restored")
    ResponseEntity<Receipt> contactRestored(@PathVariable String id,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                            @Valid @RequestBody ContactRestoredRequest r) {
        return send(id, m -> new MarkContactRestored(m, r.restoredOn(), Versions.expected(ifMatch)));
    }

    record HouseholdsRequest(@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> households,
                             @NotNull LocalDate linkedOn) {
    }

    @PostMapping("/{id}/households")
    ResponseEntity<Receipt> households(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                       @Valid @RequestBody HouseholdsRequest r) {
        return send(id, m -> new LinkHouseholds(m, r.households(), r.linkedOn(), Versions.expected(ifMatch)));
    }

    record VanguardRequest(@NotNull VanguardKind kind, @NotNull LocalDate date,
                           @NotBlank @Size(max = 1000) String description) {
    }

    @PostMapping("/{id}/vanguard-activities")
    ResponseEntity<Receipt> vanguard(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody VanguardRequest r) {
        return send(id, m -> new RecordVanguardActivity(m, r.kind(), r.date(), r.description(), Versions.expected(ifMatch)));
    }

    /** The period's year lies where every date of the service does (StrictInput's 1900 to 2100). */
    record EvaluationRequest(@NotNull @Pattern(regexp = "(19\\d{2}|20\\d{2}|2100)(-(0[1-9]|1[0-2]|H[12]))?",
            message = "must be a year from 1900 to 2100 such as 2026, a half-year such as 2026-H1 or a month such as 2026-11") String period,
                             @NotNull Rating rating, @NotNull LocalDate evaluatedOn, EvaluationRoundId roundId) {
    }

    @PostMapping("/{id}/evaluations")
    ResponseEntity<Receipt> evaluate(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody EvaluationRequest r) {
        return send(id, m -> new RecordEvaluation(m, r.period(), r.rating(), r.evaluatedOn(), r.roundId(),
                Versions.expected(ifMatch)));
    }

    /**
     * Crypto-shredding of the member's personal data (after the membership ended). No body; the authorisation
     * rules make it COMMITTEE-only.
     */
    @PostMapping("/{id}/erasure")
    ResponseEntity<Receipt> erasePersonalData(@PathVariable String id,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return send(id, m -> new EraseMemberPersonalData(m, Versions.expected(ifMatch)));
    }

    record MembershipEndRequest(@NotNull MembershipEndReason reason, @NotNull LocalDate endedOn) {
    }

    @PostMapping("/{id}/membership-end")
    ResponseEntity<Receipt> endMembership(@PathVariable String id,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                          @Valid @RequestBody MembershipEndRequest r) {
        return send(id, m -> new EndMembership(m, r.reason(), r.endedOn(), Versions.expected(ifMatch)));
    }

    record IdentityDisplayRequest(@NotNull LocalDate displayedOn, OrganizationId buildingGroupId) {
    }

    @PostMapping("/{id}/identity-display")
    ResponseEntity<Receipt> displayIdentity(@PathVariable String id,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                            @Valid @RequestBody IdentityDisplayRequest r) {
        return send(id, m -> new DisplayIdentity(m, r.displayedOn(), r.buildingGroupId(), Versions.expected(ifMatch)));
    }

    record CentralHouseholdRequest(@NotNull OrganizationId buildingGroupId,
                                   @NotNull @Positive @Max(500) Integer households,
                                   @NotNull LocalDate designatedOn) {
    }

    @PostMapping("/{id}/central-household")
    ResponseEntity<Receipt> designateCentralHousehold(@PathVariable String id,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                      @Valid @RequestBody CentralHouseholdRequest r) {
        return send(id, m -> new DesignateCentralHousehold(m, r.buildingGroupId(), r.households(), r.designatedOn(),
                Versions.expected(ifMatch)));
    }

    private ResponseEntity<Receipt> send(String id, Function<MemberId, MemberCommand> command) {
        MemberId memberId = PathIds.parse(id, MemberId::of);
        return dispatcher.update(memberId.value(), command.apply(memberId));
    }

    /**
     * {@code raterId}: for MASSES a ballot's number (never a name: the masses rate anonymously), for PEER the rating
     * member's id, for SELF left out (or the member's own id).
     */
    record RatingRequest(@NotNull EvaluationRoundId roundId, @NotNull RaterKind raterKind, @NotNull Rating rating,
                         @NotNull LocalDate ratedOn, String raterId) {
    }

    @PostMapping("/{id}/ratings")
    ResponseEntity<Receipt> rate(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                 @Valid @RequestBody RatingRequest r) {
        if (r.raterKind() != RaterKind.SELF && r.raterId() == null) {
            throw new InvalidInput("raterId", "is required for a " + r.raterKind() + " rating: who rated");
        }
        String raterId = r.raterId();
        if (raterId != null) {
            try {
                Ids.requireValid("raterId", raterId);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("raterId", e.getMessage());
            }
        }
        return send(id, m -> new RateMember(m, r.roundId(), r.raterKind(), raterId, r.rating(), r.ratedOn(),
                Versions.expected(ifMatch)));
    }

    record NoticeDeliveryRequest(@NotNull NoticeId noticeId, @NotNull NoticeChannel channel,
                                 @NotNull LocalDate deliveredOn) {
    }

    @PostMapping("/{id}/notice-deliveries")
    ResponseEntity<Receipt> deliverNotice(@PathVariable String id,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                          @Valid @RequestBody NoticeDeliveryRequest r) {
        return send(id, m -> new DeliverNotice(m, r.noticeId(), r.channel(), r.deliveredOn(), Versions.expected(ifMatch)));
    }

    record NoticeAcknowledgementRequest(@NotNull NoticeId noticeId, @NotNull LocalDate acknowledgedOn) {
    }

    @PostMapping("/{id}/notice-acknowledgements")
    ResponseEntity<Receipt> acknowledgeNotice(@PathVariable String id,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              @Valid @RequestBody NoticeAcknowledgementRequest r) {
        return send(id, m -> new AcknowledgeNotice(m, r.noticeId(), r.acknowledgedOn(), Versions.expected(ifMatch)));
    }

    record MeetingAttendanceRequest(@NotNull MeetingId meetingId, @NotNull LocalDate attendedOn) {
    }

    @PostMapping("/{id}/meeting-attendance")
    ResponseEntity<Receipt> attendMeeting(@PathVariable String id,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                          @Valid @RequestBody MeetingAttendanceRequest r) {
        return send(id, m -> new RecordMeetingAttendance(m, r.meetingId(), r.attendedOn(), Versions.expected(ifMatch)));
    }
}

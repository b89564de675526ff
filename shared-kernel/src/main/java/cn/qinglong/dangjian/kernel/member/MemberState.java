package cn.qinglong.dangjian.kernel.member;

import cn.qinglong.dangjian.kernel.common.PersonalData;
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
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeDelivered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeAcknowledged;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import cn.qinglong.dangjian.kernel.member.MemberEvent.IdentityDisplayed;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CentralHouseholdDesignated;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

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
        MembershipStatus status, LocalDate endedOn, boolean personalDataErased, List<DailyBranch> dailyHistory,
        List<DuesStandard> duesStandards, List<DuesPayment> duesPayments, long version,
        List<GroupMembership> groupHistory) {

    /** A monthly dues standard in fen, in force from {@code from} until a later standard's month. */
    public record DuesStandard(YearMonth from, long amountFen) {
    }

    /** Dues paid for one month. */
    public record DuesPayment(YearMonth period, long amountFen) {
    }

    /** One month owed: unpaid, priced by the standard in force for it. */
    public record Arrear(YearMonth period, long amountFen) {
    }

    /**
     * From {@code from} on, {@code branchId} ran the member's daily education (null: none, the membership ended).
     * A new entry whenever that branch changes (registration, relation transfer, dual management established or
     * ended, membership ended), dated by the fact that changed it.
     */
    public record DailyBranch(LocalDate from, OrganizationId branchId) {
    }

    /**
     * From {@code from} the member belonged to a group (transition group, building group, area), until {@code until}
     * (the day they left, not included; null while they still belong).
     */
    public record GroupMembership(OrganizationId groupId, LocalDate from, LocalDate until) {
    }

    public MemberState {
        dailyHistory = dailyHistory == null ? List.of() : List.copyOf(dailyHistory);
        duesStandards = duesStandards == null ? List.of() : List.copyOf(duesStandards);
        duesPayments = duesPayments == null ? List.of() : List.copyOf(duesPayments);
        groupHistory = groupHistory == null ? List.of() : List.copyOf(groupHistory);
    }

    /** The state before the first event: nothing known yet. */
    public static MemberState none() {
        return new MemberState(null, null, null, null, null, null, null, false, null, null, null, null, null, null,
                Set.of(), Set.of(), null, null, null, null, null, 0, 0, null, null, null, false, List.of(), List.of(),
                List.of(), -1, List.of());
    }

    /** A dual-managed member's daily education (and study day) is the residence branch's. */
    public OrganizationId dailyBranchId() {
        return dualManaged ? residenceBranchId : branchId;
    }

    /**
     * The branch that ran the member's daily education on {@code date}, from the member's own dated history: the
     * rule by which attendance, excuses, follow-ups and make-ups are decided on a study day's date, on the command
     * side and in the views alike. Null before the member was registered and after the membership ended.
     */
    public OrganizationId dailyBranchOn(LocalDate date) {
        return dailyBranchOn(dailyHistory, date);
    }

    /** {@link #dailyBranchOn(LocalDate)} over a history as kept: the latest entry from on or before the date. */
    public static OrganizationId dailyBranchOn(List<DailyBranch> history, LocalDate date) {
        OrganizationId branch = null;
        LocalDate latest = null;
        for (DailyBranch entry : history) {
            if (!entry.from().isAfter(date) && (latest == null || !entry.from().isBefore(latest))) {
                latest = entry.from();
                branch = entry.branchId();
            }
        }
        return branch;
    }

    /**
     * The organisations the member belongs to now: relation branch, daily-management branch, transition or building
     * group, area. A secretary's scope reaches the member through any of them, and none can be dissolved while an
     * active member still belongs to it.
     */
    public Set<OrganizationId> organizations() {
        Set<OrganizationId> organizations = new LinkedHashSet<>();
        for (OrganizationId id : new OrganizationId[]{branchId, dailyBranchId(), groupId, buildingGroupId, areaId}) {
            if (id != null) {
                organizations.add(id);
            }
        }
        return organizations;
    }

    /** The branch running the member's daily education now: none once the membership ended. */
    private OrganizationId currentDailyBranch() {
        return status == MembershipStatus.ACTIVE ? dailyBranchId() : null;
    }

    /**
     * The months owed up to {@code through}: every month from the first standard's month (or, with no standard, the
     * first month paid) that was not paid, each priced by the standard in force for it (0 where none was); paying a
     * later month never hides an earlier one. Nothing is owed after the membership ended.
     */
    public List<Arrear> arrearsThrough(YearMonth through) {
        YearMonth start = firstDuesMonth();
        if (start == null) {
            return List.of();
        }
        YearMonth ended = endedMonth();
        YearMonth last = ended != null && ended.isBefore(through) ? ended : through;
        Set<YearMonth> paid = paidMonths();
        List<Arrear> owed = new ArrayList<>();
        for (YearMonth month = start; !month.isAfter(last); month = month.plusMonths(1)) {
            if (!paid.contains(month)) {
                owed.add(new Arrear(month, standardFor(month)));
            }
        }
        return owed;
    }

    /**
     * The first month {@link #arrearsThrough} names, whatever the date: arrears through a month are non-empty
     * exactly when it is this month or later. {@code null} when nothing is ever owed (no standard and no payment, or
     * the membership ended with every month up to its end paid). Views find the members in arrears by it.
     */
    public YearMonth firstMonthOwed() {
        YearMonth month = firstDuesMonth();
        if (month == null) {
            return null;
        }
        Set<YearMonth> paid = paidMonths();
        while (paid.contains(month)) {
            month = month.plusMonths(1);
        }
        YearMonth ended = endedMonth();
        return ended != null && month.isAfter(ended) ? null : month;
    }

    /** Where dues begin: the first standard's month or, with no standard, the first month paid. */
    private YearMonth firstDuesMonth() {
        return duesStandards.stream().map(DuesStandard::from).min(YearMonth::compareTo)
                .orElse(duesPayments.stream().map(DuesPayment::period).min(YearMonth::compareTo).orElse(null));
    }

    /** The month the membership ended in, after which nothing is owed; {@code null} while it lasts. */
    private YearMonth endedMonth() {
        return status == MembershipStatus.ENDED && endedOn != null ? YearMonth.from(endedOn) : null;
    }

    private Set<YearMonth> paidMonths() {
        Set<YearMonth> paid = new HashSet<>();
        duesPayments.forEach(p -> paid.add(p.period()));
        return paid;
    }

    /** The standard in force for the month, in fen: the one with the latest month on or before it; 0 if none. */
    public long standardFor(YearMonth month) {
        DuesStandard inForce = null;
        for (DuesStandard standard : duesStandards) {
            if (!standard.from().isAfter(month) && (inForce == null || !standard.from().isBefore(inForce.from()))) {
                inForce = standard;
            }
        }
        return inForce == null ? 0 : inForce.amountFen();
    }

    /** Whether dues for the month were paid. */
    public boolean paid(YearMonth period) {
        return duesPayments.stream().anyMatch(p -> p.period().equals(period));
    }

    /**
     * Whether the member belonged to the group on {@code date}, from their own dated history: the rule by which
     * attendance at a group meeting is decided on the meeting's date.
     */
    public boolean belongsToGroupOn(OrganizationId groupId, LocalDate date) {
        return groupHistory.stream().anyMatch(m -> m.groupId().equals(groupId) && !m.from().isAfter(date)
                && (m.until() == null || date.isBefore(m.until())));
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
        Fold.of(event).change(b, event);
        b.groupHistory = groupsAfter(b.groupHistory, event);
        MemberState next = b.build();
        OrganizationId daily = next.currentDailyBranch();
        if (Objects.equals(currentDailyBranch(), daily)) {
            return next;
        }
        List<DailyBranch> history = new ArrayList<>(dailyHistory);
        history.add(new DailyBranch(event.occurredOn(), daily));
        b.dailyHistory = history;
        return b.build();
    }

    /**
     * How one event type changes the state. {@link #FOLDS} has one entry per permitted subclass of the sealed
     * {@link MemberEvent}, those that change nothing here included ({@link #unchanged}), so that a new event type
     * is a decision, not a silent no-op: without a pattern-matching switch (Java 17) the check is that this class
     * refuses to load when an entry is missing, and {@code MemberStateTest} feeds an instance of every permitted
     * subclass and asserts each is handled.
     */
    private record Fold<E extends MemberEvent>(Class<E> type, BiConsumer<Builder, E> change, boolean unchanged) {

        static Fold<?> of(MemberEvent event) {
            Fold<?> fold = FOLDS.get(event.getClass());
            if (fold == null) {
                throw new IllegalArgumentException("MemberState has no case for " + event.getClass().getName());
            }
            return fold;
        }

        void change(Builder b, MemberEvent event) {
            change.accept(b, type.cast(event));
        }
    }

    private static <E extends MemberEvent> Fold<E> on(Class<E> type, BiConsumer<Builder, E> change) {
        return new Fold<>(type, change, false);
    }

    /** An event type that changes nothing this state keeps (only its version). */
    private static <E extends MemberEvent> Fold<E> unchanged(Class<E> type) {
        return new Fold<>(type, (b, e) -> { }, true);
    }

    /** Whether the event type is declared to change nothing this state keeps but its version. */
    public static boolean leavesUnchanged(Class<? extends MemberEvent> type) {
        Fold<?> fold = FOLDS.get(type);
        return fold != null && fold.unchanged();
    }

    /**
     * The components of this state that copy a personal component of an event under the same name (the care
     * needs); with the records that declare their own personal parts (residence, contact card), what the erasure
     * blanks, derived from the {@link cn.qinglong.dangjian.kernel.common.Personal} declarations.
     */
    private static final Set<String> PERSONAL = PersonalData.topLevelNames(
            List.of(MemberEvent.class.getPermittedSubclasses()));

    private static final Map<Class<?>, Fold<?>> FOLDS = folds(
            on(MemberRegistered.class, (b, e) -> {
                b.memberId = e.memberId();
                b.name = e.name();
                b.gender = e.gender();
                b.birthDate = e.birthDate();
                b.joinedPartyOn = e.joinedPartyOn();
                b.branchId = e.branchId();
                b.categories = e.categories();
                b.residence = e.residence();
                b.status = MembershipStatus.ACTIVE;
            }),
            on(ContactCardUpdated.class, (b, e) -> b.contactCard = e.card()),
            on(MemberRelocated.class, (b, e) -> {
                b.residence = new Residence(ResidenceStatus.TRANSITION, null, e.transitionAddress());
                b.areaId = e.areaId();
                b.relocatedOn = e.relocatedOn();
            }),
            on(MemberJoinedTransitionGroup.class, (b, e) -> b.groupId = e.groupId()),
            on(MemberLeftTransitionGroup.class, (b, e) -> b.groupId = null),
            on(StudyModeAssigned.class, (b, e) -> b.studyMode = e.mode()),
            on(MemberAttendedStudyDay.class, (b, e) -> b.lastAttendanceOn = later(b.lastAttendanceOn, e.attendedOn())),
            unchanged(StudyAbsenceExcused.class),
            unchanged(StudyFollowedUp.class),
            unchanged(StudyMadeUp.class),
            on(MemberTransferredToResettlementCommunity.class, (b, e) -> {
                String address = b.residence == null ? null : b.residence.address();
                b.residence = new Residence(ResidenceStatus.RESETTLED, e.communityId(), address);
                b.residenceBranchId = e.residenceBranchId();
                b.buildingGroupId = e.buildingGroupId();
            }),
            on(DualManagementEstablished.class, (b, e) -> {
                b.dualManaged = true;
                b.residenceBranchId = e.residenceBranchId();
            }),
            on(DualManagementEnded.class, (b, e) -> b.dualManaged = false),
            on(OrganizationalRelationTransferred.class, (b, e) -> b.branchId = e.toBranchId()),
            on(CareNeedsRecorded.class, (b, e) -> b.needs = e.needs()),
            on(MemberVisitedByHelper.class, (b, e) -> b.lastVisitOn = later(b.lastVisitOn, e.visitedOn())),
            on(DuesPaid.class, (b, e) -> {
                b.duesPaidThrough = b.duesPaidThrough == null || e.period().isAfter(b.duesPaidThrough)
                        ? e.period() : b.duesPaidThrough;
                b.duesPayments = with(b.duesPayments, new DuesPayment(e.period(), e.amountFen()));
            }),
            on(DuesStandardSet.class, (b, e) -> b.duesStandards = with(b.duesStandards,
                    new DuesStandard(e.fromPeriod(), e.amountFen()))),
            on(ContactLost.class, (b, e) -> b.contactLostSince = e.since()),
            on(ContactRestored.class, (b, e) -> b.contactLostSince = null),
            on(HouseholdsLinked.class, (b, e) -> b.householdsLinked += e.households().size()),
            on(VanguardActivityRecorded.class, (b, e) -> b.vanguardActivities++),
            on(EvaluationRecorded.class, (b, e) -> b.lastRating = e.rating()),
            on(MembershipEnded.class, (b, e) -> {
                b.status = MembershipStatus.ENDED;
                b.endedOn = e.endedOn();
            }),
            on(MemberPersonalDataErased.class, (b, e) -> {
                b.load(PersonalData.erase(b.build(), PERSONAL));
                b.personalDataErased = true;
            }),
            unchanged(MemberEvent.MemberRated.class),
            unchanged(NoticeDelivered.class),
            unchanged(NoticeAcknowledged.class),
            unchanged(MemberAttendedMeeting.class),
            unchanged(IdentityDisplayed.class),
            unchanged(CentralHouseholdDesignated.class));

    private static Map<Class<?>, Fold<?>> folds(Fold<?>... folds) {
        Map<Class<?>, Fold<?>> byType = new HashMap<>();
        for (Fold<?> fold : folds) {
            byType.put(fold.type(), fold);
        }
        Set<Class<?>> missing = new LinkedHashSet<>(List.of(MemberEvent.class.getPermittedSubclasses()));
        missing.removeAll(byType.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("MemberState has no case for " + missing
                    + ": fold it, or declare it unchanged");
        }
        return Map.copyOf(byType);
    }

    /** Joining and leaving groups, dated: an area on relocation, a building group on resettlement. */
    private static List<GroupMembership> groupsAfter(List<GroupMembership> history, MemberEvent event) {
        if (event instanceof MemberRelocated e && e.areaId() != null) {
            return with(history, new GroupMembership(e.areaId(), e.relocatedOn(), null));
        }
        if (event instanceof MemberJoinedTransitionGroup e) {
            return with(history, new GroupMembership(e.groupId(), e.joinedOn(), null));
        }
        if (event instanceof MemberTransferredToResettlementCommunity e && e.buildingGroupId() != null) {
            return with(history, new GroupMembership(e.buildingGroupId(), e.movedInOn(), null));
        }
        if (event instanceof MemberLeftTransitionGroup e) {
            return left(history, e.groupId(), e.leftOn());
        }
        if (event instanceof MembershipEnded e) {
            return left(history, null, e.endedOn());
        }
        return history;
    }

    /** Closes the open memberships of the group (of every group when {@code groupId} is null) on {@code on}. */
    private static List<GroupMembership> left(List<GroupMembership> history, OrganizationId groupId, LocalDate on) {
        return history.stream().map(m -> m.until() == null && (groupId == null || groupId.equals(m.groupId()))
                ? new GroupMembership(m.groupId(), m.from(), on) : m).toList();
    }

    private static <T> List<T> with(List<T> list, T element) {
        List<T> longer = new ArrayList<>(list);
        longer.add(element);
        return longer;
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
        private List<DailyBranch> dailyHistory;
        private List<DuesStandard> duesStandards;
        private List<DuesPayment> duesPayments;
        private long version;
        private List<GroupMembership> groupHistory;

        private Builder(MemberState s) {
            load(s);
        }

        private void load(MemberState s) {
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
            dailyHistory = s.dailyHistory;
            duesStandards = s.duesStandards;
            duesPayments = s.duesPayments;
            version = s.version;
            groupHistory = s.groupHistory;
        }

        private MemberState build() {
            return new MemberState(memberId, name, gender, birthDate, joinedPartyOn, branchId, residenceBranchId,
                    dualManaged, residence, areaId, relocatedOn, groupId, buildingGroupId, studyMode, categories, needs,
                    contactCard, lastVisitOn, lastAttendanceOn, duesPaidThrough, contactLostSince, householdsLinked,
                    vanguardActivities, lastRating, status, endedOn, personalDataErased, dailyHistory, duesStandards,
                    duesPayments, version, groupHistory);
        }
    }
}

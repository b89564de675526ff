package cn.qinglong.dangjian.kernel.member;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.Samples;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CareNeedsRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactCardUpdated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberPersonalDataErased;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MemberStateTest {

    static Stream<Class<?>> everyEventType() {
        return Arrays.stream(MemberEvent.class.getPermittedSubclasses());
    }

    static MemberState registered() {
        return MemberState.none().apply(Samples.of(MemberRegistered.class), 0);
    }

    /**
     * The exhaustiveness check of {@link MemberState#apply}: an instance of every permitted subclass of the sealed
     * {@link MemberEvent} either changes the state beyond its version or is declared as changing nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    @SuppressWarnings("unchecked")
    void every_event_type_is_folded_or_declared_unchanged(Class<?> type) {
        MemberEvent event = (MemberEvent) Samples.of(type);
        MemberState before = Samples.of(MemberState.class, 1);
        MemberState after = before.apply(event, 1);
        MemberState sameVersion = new MemberState(after.memberId(), after.name(), after.gender(), after.birthDate(),
                after.joinedPartyOn(), after.branchId(), after.residenceBranchId(), after.dualManaged(),
                after.residence(), after.areaId(), after.relocatedOn(), after.groupId(), after.buildingGroupId(),
                after.studyMode(), after.categories(), after.needs(), after.contactCard(), after.lastVisitOn(),
                after.lastAttendanceOn(), after.duesPaidThrough(), after.contactLostSince(), after.householdsLinked(),
                after.vanguardActivities(), after.lastRating(), after.status(), after.endedOn(),
                after.personalDataErased(), after.dailyHistory(), after.duesStandards(), after.duesPayments(),
                before.version(), after.groupHistory());
        boolean unchanged = MemberState.leavesUnchanged((Class<? extends MemberEvent>) type);
        assertThat(after.version()).isEqualTo(1);
        assertThat(sameVersion.equals(before))
                .as(type.getSimpleName() + (unchanged ? " is declared unchanged" : " changes the state"))
                .isEqualTo(unchanged);
    }

    @Test
    void every_event_has_a_business_date() {
        everyEventType().forEach(type -> assertThat(((MemberEvent) Samples.of(type)).occurredOn())
                .as(type.getSimpleName()).isEqualTo(Samples.DATE));
    }

    @Test
    void the_erasure_blanks_what_the_events_declare_personal_and_keeps_the_rest() {
        MemberState full = registered()
                .apply(Samples.of(ContactCardUpdated.class), 1)
                .apply(new CareNeedsRecorded(MemberId.of("m-sample"), Set.of(CareNeed.FRAIL), Samples.DATE), 2)
                .apply(Samples.of(MembershipEnded.class), 3);
        MemberState erased = full.apply(Samples.of(MemberPersonalDataErased.class), 4);

        assertThat(full.residence().address()).isNotNull();
        assertThat(erased.residence()).isEqualTo(new Residence(full.residence().status(),
                full.residence().communityId(), null));
        assertThat(erased.contactCard()).isEqualTo(new ContactCard(null, null, null, null, null, null,
                full.contactCard().verifiedOn()));
        assertThat(erased.needs()).isEmpty();
        assertThat(erased.personalDataErased()).isTrue();
        assertThat(erased.name()).isEqualTo(full.name());
        assertThat(erased.status()).isEqualTo(MembershipStatus.ENDED);
        assertThat(erased.version()).isEqualTo(4);
    }

    @Test
    void the_daily_branch_on_a_date_is_the_one_of_the_members_own_dated_history() {
        MemberId id = MemberId.of("m-li");
        OrganizationId village = OrganizationId.of("changqing-1");
        OrganizationId residence = OrganizationId.of("qingzhuyuan-1");
        LocalDate movedIn = LocalDate.of(2026, 11, 16);
        MemberState state = MemberState.none()
                .apply(new MemberRegistered(id, "李明", Gender.M, LocalDate.of(1960, 1, 1), LocalDate.of(1985, 7, 1),
                        village, Set.of(), new Residence(ResidenceStatus.ORIGINAL, null, null), null,
                        LocalDate.of(2020, 1, 1)), 0)
                .apply(new MemberEvent.DualManagementEstablished(id, village, residence, movedIn), 1);

        assertThat(state.dailyBranchId()).isEqualTo(residence);
        assertThat(state.dailyBranchOn(LocalDate.of(2026, 11, 6))).isEqualTo(village);
        assertThat(state.dailyBranchOn(movedIn.minusDays(1))).isEqualTo(village);
        assertThat(state.dailyBranchOn(movedIn)).isEqualTo(residence);
        assertThat(state.dailyBranchOn(LocalDate.of(2019, 12, 31))).as("before registration").isNull();

        MemberState ended = state.apply(new MembershipEnded(id, MembershipEndReason.DECEASED,
                LocalDate.of(2026, 12, 1)), 2);
        assertThat(ended.dailyBranchOn(LocalDate.of(2026, 12, 1))).as("after the end").isNull();
        assertThat(ended.dailyBranchOn(LocalDate.of(2026, 11, 30))).isEqualTo(residence);
    }

    static final MemberId ZHANG = MemberId.of("m-zhang");

    static MemberState withDues(MemberEvent... events) {
        MemberState state = MemberState.none().apply(new MemberRegistered(ZHANG, "张建国", Gender.M,
                LocalDate.of(1948, 3, 1), LocalDate.of(1972, 7, 1), OrganizationId.of("changqing-1"), Set.of(),
                new Residence(ResidenceStatus.ORIGINAL, null, null), null, LocalDate.of(2020, 1, 1)), 0);
        long sequence = 1;
        for (MemberEvent event : events) {
            state = state.apply(event, sequence++);
        }
        return state;
    }

    static MemberEvent.DuesPaid paid(int month) {
        return new MemberEvent.DuesPaid(ZHANG, YearMonth.of(2026, month), 200, LocalDate.of(2026, 12, 1));
    }

    static MemberEvent.DuesStandardSet standard(int month, long fen) {
        return new MemberEvent.DuesStandardSet(ZHANG, fen, YearMonth.of(2026, month), null, LocalDate.of(2026, 1, 1));
    }

    @Test
    void dues_arrears_a_gap_between_two_payments_is_reported() {
        MemberState state = withDues(standard(9, 200), paid(9), paid(12));
        assertThat(state.duesPaidThrough()).isEqualTo(YearMonth.of(2026, 12));
        assertThat(state.arrearsThrough(YearMonth.of(2026, 12))).containsExactly(
                new MemberState.Arrear(YearMonth.of(2026, 10), 200), new MemberState.Arrear(YearMonth.of(2026, 11), 200));
    }

    @Test
    void dues_arrears_a_payment_for_the_gap_clears_it() {
        MemberState state = withDues(standard(9, 200), paid(9), paid(12), paid(10), paid(11));
        assertThat(state.arrearsThrough(YearMonth.of(2026, 12))).isEmpty();
    }

    @Test
    void dues_arrears_a_standard_changed_mid_year_prices_the_months_by_the_standard_in_force() {
        MemberState state = withDues(standard(1, 200), standard(7, 300), paid(3));
        List<MemberState.Arrear> owed = state.arrearsThrough(YearMonth.of(2026, 8));
        assertThat(owed).extracting(MemberState.Arrear::period).hasSize(7).doesNotContain(YearMonth.of(2026, 3));
        assertThat(owed).filteredOn(a -> a.period().getMonthValue() < 7).allMatch(a -> a.amountFen() == 200);
        assertThat(owed).filteredOn(a -> a.period().getMonthValue() >= 7).allMatch(a -> a.amountFen() == 300);
        assertThat(owed.stream().mapToLong(MemberState.Arrear::amountFen).sum()).isEqualTo(5 * 200 + 2 * 300);
    }

    @Test
    void dues_arrears_nothing_is_owed_before_a_standard_or_a_payment_nor_after_the_membership_ended() {
        assertThat(withDues().arrearsThrough(YearMonth.of(2026, 12))).isEmpty();
        assertThat(withDues(paid(9), paid(12)).arrearsThrough(YearMonth.of(2026, 12)))
                .extracting(MemberState.Arrear::period).containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11));
        MemberState ended = withDues(standard(9, 200), new MembershipEnded(ZHANG, MembershipEndReason.DECEASED,
                LocalDate.of(2026, 10, 15)));
        assertThat(ended.arrearsThrough(YearMonth.of(2026, 12))).extracting(MemberState.Arrear::period)
                .containsExactly(YearMonth.of(2026, 9), YearMonth.of(2026, 10));
    }

    @Test
    void dues_arrears_the_first_month_owed_is_where_arrears_begin_whatever_the_month_asked() {
        List<MemberState> states = List.of(withDues(), withDues(paid(9), paid(12)), withDues(standard(9, 200)),
                withDues(standard(9, 200), paid(9), paid(10)), withDues(standard(9, 200), paid(9), paid(12)),
                withDues(standard(9, 200), paid(9), new MembershipEnded(ZHANG, MembershipEndReason.DECEASED,
                        LocalDate.of(2026, 9, 20))),
                withDues(standard(9, 200), paid(9), new MembershipEnded(ZHANG, MembershipEndReason.DECEASED,
                        LocalDate.of(2026, 10, 1))));
        assertThat(states).extracting(MemberState::firstMonthOwed).containsExactly(null, YearMonth.of(2026, 10),
                YearMonth.of(2026, 9), YearMonth.of(2026, 11), YearMonth.of(2026, 10), null, YearMonth.of(2026, 10));
        for (MemberState state : states) {
            for (YearMonth through = YearMonth.of(2026, 7); through.isBefore(YearMonth.of(2027, 3));
                 through = through.plusMonths(1)) {
                YearMonth first = state.firstMonthOwed();
                assertThat(!state.arrearsThrough(through).isEmpty()).as("%s through %s", state.duesPayments(), through)
                        .isEqualTo(first != null && !through.isBefore(first));
            }
        }
    }
}

package cn.qinglong.dangjian.kernel.member;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.Samples;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CareNeedsRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactCardUpdated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberPersonalDataErased;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import java.util.Arrays;
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
                after.personalDataErased(), before.version());
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
}

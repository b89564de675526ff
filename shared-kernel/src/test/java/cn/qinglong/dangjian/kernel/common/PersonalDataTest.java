package cn.qinglong.dangjian.kernel.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.Samples;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.HouseholdsLinked;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    /**
     * The stored form seals exactly these paths (the associated data of each seal names its path), so the
     * declaration must keep deriving them: a change here is a change of the stored bytes.
     */
    @Test
    void the_declared_personal_paths_are_the_ones_the_store_has_always_sealed() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        for (Class<?> type : MemberEvent.class.getPermittedSubclasses()) {
            List<String> expressions = PersonalData.paths(type).stream().map(PersonalData.Path::expression).toList();
            if (!expressions.isEmpty()) {
                paths.put(type.getSimpleName(), expressions);
            }
        }
        assertThat(paths).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MemberRegistered", List.of("residence.address", "phone"),
                "ContactCardUpdated", List.of("card.whereabouts", "card.phone", "card.housing", "card.ideology",
                        "card.employment", "card.family"),
                "MemberRelocated", List.of("transitionAddress"),
                "StudyModeAssigned", List.of("reason"),
                "StudyAbsenceExcused", List.of("reason"),
                "CareNeedsRecorded", List.of("needs"),
                "MemberVisitedByHelper", List.of("notes"),
                "ContactLost", List.of("lastKnown"),
                "HouseholdsLinked", List.of("households[]")));
        assertThat(PersonalData.paths(MemberEvent.CareNeedsRecorded.class).get(0).emptyWhenErased()).isTrue();
        assertThat(PersonalData.paths(MemberEvent.ContactLost.class).get(0).emptyWhenErased()).isFalse();
    }

    @Test
    void organisations_and_study_days_hold_no_personal_data() {
        Stream.of(OrganizationEvent.class, StudyDayEvent.class)
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses()))
                .forEach(type -> assertThat(PersonalData.paths(type)).as(type.getSimpleName()).isEmpty());
    }

    @Test
    void erasing_a_list_of_households_keeps_how_many_there_were() {
        HouseholdsLinked linked = new HouseholdsLinked(Samples.of(HouseholdsLinked.class).memberId(),
                List.of("青竹苑3幢101", "青竹苑3幢102"), Samples.DATE);
        HouseholdsLinked erased = PersonalData.erase(linked, Set.of());
        assertThat(erased.households()).hasSize(2).containsOnlyNulls();
        assertThat(erased.linkedOn()).isEqualTo(Samples.DATE);
    }

    @Test
    void a_record_without_personal_parts_is_returned_as_it_is() {
        var ended = Samples.of(MemberEvent.MembershipEnded.class);
        assertThat(PersonalData.erase(ended, Set.of())).isSameAs(ended);
    }
}

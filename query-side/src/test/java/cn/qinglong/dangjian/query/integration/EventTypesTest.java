package cn.qinglong.dangjian.query.integration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void a_cloud_event_type_names_the_aggregate_the_event_and_its_revision() {
        assertThat(EventTypes.of(MemberEvent.MemberRegistered.class).orElseThrow().cloudEventType())
                .isEqualTo("cn.qinglong.dangjian.member.MemberRegistered.v1");
        assertThat(EventTypes.of(StudyDayEvent.StudyDayCancelled.class).orElseThrow().cloudEventType())
                .isEqualTo("cn.qinglong.dangjian.studyday.StudyDayCancelled.v1");
    }

    @Test
    void a_type_is_found_by_its_short_name_or_its_cloud_event_type_and_nothing_else() {
        assertThat(EventTypes.named("DuesPaid")).isEqualTo(EventTypes.named("cn.qinglong.dangjian.member.DuesPaid.v1"));
        assertThat(EventTypes.named("DuesPaid").orElseThrow().payloadClass()).isEqualTo(MemberEvent.DuesPaid.class);
        assertThat(EventTypes.named("duespaid")).isEmpty();
        assertThat(EventTypes.named("MemberEvent")).isEmpty();
    }

    @Test
    void the_bottom_of_the_pyramid_is_published_to_integration_clients() {
        assertThat(EventTypes.named("IdentityDisplayed").orElseThrow().cloudEventType())
                .isEqualTo("cn.qinglong.dangjian.member.IdentityDisplayed.v1");
        assertThat(EventTypes.named("CentralHouseholdDesignated").orElseThrow().payloadClass())
                .isEqualTo(MemberEvent.CentralHouseholdDesignated.class);
    }
}

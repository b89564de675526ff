package cn.qinglong.dangjian.query.integration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
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
    void the_evaluation_round_and_suggestion_events_are_published_under_their_own_aggregates() {
        assertThat(EventTypes.of(EvaluationRoundEvent.OrganizationRated.class).orElseThrow().cloudEventType())
                .isEqualTo("cn.qinglong.dangjian.evaluationround.OrganizationRated.v1");
        assertThat(EventTypes.of(SuggestionEvent.SuggestionSubmitted.class).orElseThrow().cloudEventType())
                .isEqualTo("cn.qinglong.dangjian.suggestion.SuggestionSubmitted.v1");
        assertThat(EventTypes.of(MemberEvent.MemberRated.class).orElseThrow().cloudEventType())
                .isEqualTo("cn.qinglong.dangjian.member.MemberRated.v1");
        assertThat(PersonalDataRedaction.removedFrom(SuggestionEvent.SuggestionSubmitted.class))
                .containsExactly("text", "residentName");
    }

    @Test
    void notices_meetings_and_their_member_facts_are_published_like_the_others() {
        assertThat(EventTypes.of(cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued.class).orElseThrow()
                .cloudEventType()).isEqualTo("cn.qinglong.dangjian.notice.NoticeIssued.v1");
        assertThat(EventTypes.of(cn.qinglong.dangjian.kernel.meeting.MeetingEvent.MeetingHeld.class).orElseThrow()
                .source()).hasToString("/dangjian/meetings");
        assertThat(EventTypes.named("MemberAttendedMeeting").orElseThrow().cloudEventType())
                .isEqualTo("cn.qinglong.dangjian.member.MemberAttendedMeeting.v1");
        assertThat(EventTypes.named("NoticeDelivered").orElseThrow().payloadClass())
                .isEqualTo(MemberEvent.NoticeDelivered.class);
        assertThat(EventTypes.named("NoticeAcknowledged")).isPresent();
    }

    @Test
    void the_bottom_of_the_pyramid_is_published_to_integration_clients() {
        assertThat(EventTypes.named("IdentityDisplayed").orElseThrow().cloudEventType())
                .isEqualTo("cn.qinglong.dangjian.member.IdentityDisplayed.v1");
        assertThat(EventTypes.named("CentralHouseholdDesignated").orElseThrow().payloadClass())
                .isEqualTo(MemberEvent.CentralHouseholdDesignated.class);
    }
}

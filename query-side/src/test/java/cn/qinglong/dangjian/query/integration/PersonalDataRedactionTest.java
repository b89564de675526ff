package cn.qinglong.dangjian.query.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qinglong.dangjian.eventstore.testing.SampleEvents;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class PersonalDataRedactionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final PersonalDataRedaction redaction = new PersonalDataRedaction(JSON);

    /** Every phone number, address and private text in {@link SampleEvents}. */
    private static final List<String> PERSONAL = List.of("13800000000", "常青村12号", "红梅新村", "天宁区红梅新村5幢",
            "租房", "思想稳定", "退休", "与老伴同住", "FRAIL", "EMPTY_NEST", "身体尚好", "青竹苑3幢101", "青竹苑3幢102",
            "外出打工", "行动不便", "住院", "病后在家休养",
            "李秀英", "3幢北侧绿地常年积水");

    static Stream<Object> sampleEvents() {
        return SampleEvents.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void no_phone_address_contact_card_text_care_need_or_visit_note_survives_redaction(Object event) {
        String redacted = JSON.writeValueAsString(redaction.redact(event));
        for (String personal : PERSONAL) {
            assertThat(redacted).as(event.getClass().getSimpleName()).doesNotContain(personal);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void redaction_removes_exactly_the_listed_fields_and_keeps_the_rest(Object event) {
        ObjectNode full = JSON.valueToTree(event);
        ObjectNode redacted = redaction.redact(event);
        List<String> removed = PersonalDataRedaction.removedFrom(event.getClass());
        for (String path : removed) {
            assertThat(at(redacted, path)).as(path).isNull();
        }
        removed.forEach(path -> remove(full, path));
        assertThat(redacted).isEqualTo(full);
    }

    @Test
    void every_event_type_of_the_published_language_has_an_explicit_rule_and_a_sample() {
        List<Class<?>> published = Stream.of(MemberEvent.class, OrganizationEvent.class, StudyDayEvent.class,
                        EvaluationRoundEvent.class, SuggestionEvent.class,
                        cn.qinglong.dangjian.kernel.notice.NoticeEvent.class,
                        cn.qinglong.dangjian.kernel.meeting.MeetingEvent.class)
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses())).toList();
        published.forEach(PersonalDataRedaction::removedFrom);
        assertThat(SampleEvents.all().stream().map(Object::getClass).toList()).containsExactlyInAnyOrderElementsOf(published);
        assertThat(EventTypes.all().stream().map(EventTypes.EventType::payloadClass).toList())
                .containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void a_type_without_a_rule_is_refused_rather_than_published_whole() {
        assertThatThrownBy(() -> redaction.redact(new Object() {
            public String phone() {
                return "13800000000";
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No redaction rule");
    }

    @Test
    void the_contact_card_keeps_only_the_date_it_was_verified() {
        Object card = SampleEvents.all().stream().filter(MemberEvent.ContactCardUpdated.class::isInstance)
                .findFirst().orElseThrow();
        JsonNode redacted = redaction.redact(card).get("card");
        assertThat(redacted.propertyNames()).containsExactly("verifiedOn");
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            current = current == null ? null : current.get(part);
        }
        return current;
    }

    private static void remove(ObjectNode node, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            node.remove(path);
        } else {
            remove((ObjectNode) node.get(path.substring(0, dot)), path.substring(dot + 1));
        }
    }
}

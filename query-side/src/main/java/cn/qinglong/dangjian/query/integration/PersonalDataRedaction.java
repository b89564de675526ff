package cn.qinglong.dangjian.query.integration;

import cn.qinglong.dangjian.kernel.common.PersonalData;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What integration clients may see of an event. Until the security issue brings entitlements, nothing that
 * locates or describes a person's private life leaves the service: the components the published language marks
 * {@link cn.qinglong.dangjian.kernel.common.Personal} (the same the store seals), each removed whole.
 *
 * <p>Only the published language's event types are published: {@link #redact} refuses any other type, so nothing
 * unreviewed slips through.
 */
public final class PersonalDataRedaction {

    private static final Set<Class<?>> PUBLISHED = Stream.of(MemberEvent.class, OrganizationEvent.class,
                    StudyDayEvent.class, EvaluationRoundEvent.class, SuggestionEvent.class, NoticeEvent.class,
                    MeetingEvent.class)
            .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses()))
            .collect(Collectors.toUnmodifiableSet());

    private final JsonMapper json;

    public PersonalDataRedaction(JsonMapper json) {
        this.json = json;
    }

    /** The paths ({@code field} or {@code field.nested}) removed from this type's payload. */
    public static List<String> removedFrom(Class<?> eventType) {
        if (!PUBLISHED.contains(eventType)) {
            throw new IllegalArgumentException("No redaction rule for " + eventType.getName()
                    + ": only the published language's events are published");
        }
        return PersonalData.paths(eventType).stream().map(PersonalData.Path::whole).toList();
    }

    /** The event as JSON, without the personal fields of its type. */
    public ObjectNode redact(Object event) {
        List<String> removed = removedFrom(event.getClass());
        ObjectNode node = json.valueToTree(event);
        for (String path : removed) {
            remove(node, path);
        }
        return node;
    }

    private static void remove(ObjectNode node, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            node.remove(path);
            return;
        }
        JsonNode child = node.get(path.substring(0, dot));
        if (child instanceof ObjectNode object) {
            remove(object, path.substring(dot + 1));
        }
    }
}

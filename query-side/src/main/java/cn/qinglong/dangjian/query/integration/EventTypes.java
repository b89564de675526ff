package cn.qinglong.dangjian.query.integration;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.serialization.Revision;

/**
 * The names integration clients see. A CloudEvents {@code type} is
 * {@code cn.qinglong.dangjian.<aggregate>.<EventName>.v<revision>}, for example
 * {@code cn.qinglong.dangjian.member.MemberRegistered.v1}: stable across refactorings of the Java classes, and the
 * revision moves when the payload's shape does, so a consumer never parses a new shape under an old name. The
 * same string is the AMQP routing key, so {@code cn.qinglong.dangjian.member.#} binds every member event.
 */
public final class EventTypes {

    public static final String PREFIX = "cn.qinglong.dangjian.";

    /** One published event type. {@code source} names the collection the aggregate belongs to. */
    public record EventType(Class<?> payloadClass, String name, String cloudEventType, URI source) {
    }

    private static final Map<Class<?>, EventType> BY_CLASS;
    private static final Map<String, EventType> BY_NAME;

    static {
        Map<Class<?>, EventType> byClass = new LinkedHashMap<>();
        register(byClass, MemberEvent.class, "member", "/dangjian/members");
        register(byClass, OrganizationEvent.class, "organization", "/dangjian/organizations");
        register(byClass, StudyDayEvent.class, "studyday", "/dangjian/study-days");
        register(byClass, EvaluationRoundEvent.class, "evaluationround", "/dangjian/evaluation-rounds");
        register(byClass, SuggestionEvent.class, "suggestion", "/dangjian/suggestions");
        register(byClass, NoticeEvent.class, "notice", "/dangjian/notices");
        register(byClass, MeetingEvent.class, "meeting", "/dangjian/meetings");
        Map<String, EventType> byName = new LinkedHashMap<>();
        byClass.values().forEach(type -> {
            byName.put(type.name(), type);
            byName.put(type.cloudEventType(), type);
        });
        BY_CLASS = Collections.unmodifiableMap(byClass);
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private EventTypes() {
    }

    private static void register(Map<Class<?>, EventType> into, Class<?> sealedEvents, String aggregate, String source) {
        Arrays.stream(sealedEvents.getPermittedSubclasses()).forEach(event -> {
            Revision revision = event.getAnnotation(Revision.class);
            String version = revision == null ? "0" : revision.value();
            into.put(event, new EventType(event, event.getSimpleName(),
                    PREFIX + aggregate + "." + event.getSimpleName() + ".v" + version, URI.create(source)));
        });
    }

    public static Optional<EventType> of(Class<?> payloadClass) {
        return Optional.ofNullable(BY_CLASS.get(payloadClass));
    }

    /** Accepts the short name ({@code MemberRegistered}) or the full CloudEvents type. */
    public static Optional<EventType> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static java.util.Collection<EventType> all() {
        return BY_CLASS.values();
    }
}

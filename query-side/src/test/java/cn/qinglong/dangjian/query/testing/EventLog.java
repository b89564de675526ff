package cn.qinglong.dangjian.query.testing;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.query.projection.Envelope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** Events as the store would hold them: each numbered in its own stream and given a global position. */
public final class EventLog {

    private final List<Envelope> envelopes = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    public EventLog add(Object... events) {
        for (Object event : events) {
            String stream = streamOf(event);
            long sequence = sequences.merge(stream, 1L, Long::sum) - 1;
            envelopes.add(new Envelope(event, stream, sequence, envelopes.size() + 1));
        }
        return this;
    }

    public List<Envelope> inOrder() {
        return List.copyOf(envelopes);
    }

    /** Every event twice, each repeat right after the batch that first carried it. */
    public List<Envelope> twice() {
        List<Envelope> result = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i += 3) {
            List<Envelope> chunk = envelopes.subList(i, Math.min(envelopes.size(), i + 3));
            result.addAll(chunk);
            result.addAll(chunk);
        }
        return result;
    }

    /** The streams merged in another (seeded random) order; each stream's own order is kept, as the store does. */
    public List<Envelope> interleaved(long seed) {
        Map<String, Deque<Envelope>> byStream = new LinkedHashMap<>();
        envelopes.forEach(e -> byStream.computeIfAbsent(e.aggregateId(), s -> new ArrayDeque<>()).add(e));
        List<Deque<Envelope>> streams = new ArrayList<>(byStream.values());
        Random random = new Random(seed);
        List<Envelope> result = new ArrayList<>();
        while (!streams.isEmpty()) {
            Deque<Envelope> stream = streams.get(random.nextInt(streams.size()));
            result.add(stream.poll());
            if (stream.isEmpty()) {
                streams.remove(stream);
            }
        }
        return result;
    }

    public List<DomainEventMessage<?>> messages() {
        return messages(envelopes);
    }

    /** Envelopes (of {@link #inOrder} or {@link #interleaved}) as the messages the store is given. */
    public static List<DomainEventMessage<?>> messages(List<Envelope> envelopes) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Envelope e : envelopes) {
            messages.add(new GenericDomainEventMessage<>(typeOf(e.payload()), e.aggregateId(), e.sequence(), e.payload()));
        }
        return messages;
    }

    private static String streamOf(Object event) {
        if (event instanceof MemberEvent e) {
            return e.memberId().value();
        }
        if (event instanceof OrganizationEvent e) {
            return e.organizationId().value();
        }
        if (event instanceof StudyDayEvent e) {
            return e.studyDayId().value();
        }
        if (event instanceof EvaluationRoundEvent e) {
            return e.roundId().value();
        }
        if (event instanceof SuggestionEvent e) {
            return e.suggestionId().value();
        }
        if (event instanceof cn.qinglong.dangjian.kernel.notice.NoticeEvent e) {
            return e.noticeId().value();
        }
        if (event instanceof cn.qinglong.dangjian.kernel.meeting.MeetingEvent e) {
            return e.meetingId().value();
        }
        throw new IllegalArgumentException("not an event of this domain: " + event);
    }

    private static String typeOf(Object event) {
        if (event instanceof MemberEvent) {
            return "Member";
        }
        if (event instanceof EvaluationRoundEvent) {
            return "EvaluationRound";
        }
        if (event instanceof SuggestionEvent) {
            return "Suggestion";
        }
        if (event instanceof cn.qinglong.dangjian.kernel.notice.NoticeEvent) {
            return "Notice";
        }
        if (event instanceof cn.qinglong.dangjian.kernel.meeting.MeetingEvent) {
            return "Meeting";
        }
        return event instanceof OrganizationEvent ? "Organization" : "StudyDay";
    }
}

package cn.qinglong.dangjian.command.studyday;

import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a study day's facts from its own stream, for the member rules that depend on it. The facts folded so far are
 * kept with the sequence number they reach, so a later read asks the store only for the events after it (one indexed
 * query, usually answering none) instead of folding the whole stream again: a rescheduling or cancellation is seen
 * as soon as it is stored. At most {@code size} study days are kept (Caffeine picks which go).
 */
@Component
public class StudyDayCalendar {

    private record Folded(StudyDayFacts facts, long lastSequenceNumber) {
    }

    private final EventStore eventStore;
    private final Map<StudyDayId, Folded> folded;

    public StudyDayCalendar(EventStore eventStore, @Value("${command.aggregate-cache.size}") int size) {
        this.eventStore = eventStore;
        this.folded = Caffeine.newBuilder().maximumSize(size).<StudyDayId, Folded>build().asMap();
    }

    public StudyDayFacts require(StudyDayId id) {
        Folded known = folded.get(id);
        StudyDayFacts facts = known == null ? null : known.facts();
        long last = known == null ? -1 : known.lastSequenceNumber();
        var stream = known == null ? eventStore.readEvents(id.value()) : eventStore.readEvents(id.value(), last + 1);
        while (stream.hasNext()) {
            var message = stream.next();
            last = message.getSequenceNumber();
            if (message.getPayload() instanceof StudyDayEvent event) {
                facts = StudyDayFacts.fold(facts, event);
            }
        }
        if (facts == null) {
            throw new NotFound("study day", id);
        }
        Folded now = new Folded(facts, last);
        folded.merge(id, now, (earlier, later) ->
                later.lastSequenceNumber() >= earlier.lastSequenceNumber() ? later : earlier);
        return facts;
    }
}

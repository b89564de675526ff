package cn.qinglong.dangjian.command.studyday;

import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Reads a study day's facts from its own stream, for the member rules that depend on it. */
@Component
public class StudyDayCalendar {

    private final EventStore eventStore;

    public StudyDayCalendar(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public StudyDayFacts require(StudyDayId id) {
        StudyDayFacts facts = null;
        var stream = eventStore.readEvents(id.value());
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof StudyDayEvent event) {
                facts = StudyDayFacts.fold(facts, event);
            }
        }
        if (facts == null) {
            throw new NotFound("study day", id);
        }
        return facts;
    }
}

package cn.qinglong.dangjian.command.shared;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The event that opens a stream which never changes afterwards (a notice issued, a meeting held), for the member
 * rules that depend on it. Since nothing follows it, an event read once is kept (at most {@code size}, Caffeine
 * picks which go) and never asked of the store again.
 */
@Component
public class OpeningEvents {

    private final EventStore eventStore;
    private final Map<String, Object> opened;

    public OpeningEvents(EventStore eventStore, @Value("${command.aggregate-cache.size}") int size) {
        this.eventStore = eventStore;
        this.opened = Caffeine.newBuilder().maximumSize(size).<String, Object>build().asMap();
    }

    /** The stream's opening event, of {@code type}; 404 naming {@code what} when there is none. */
    public <E> E require(String what, String id, Class<E> type) {
        Object event = opened.get(id);
        if (event == null) {
            var stream = eventStore.readEvents(id);
            if (stream.hasNext()) {
                event = stream.next().getPayload();
                opened.put(id, event);
            }
        }
        if (!type.isInstance(event)) {
            throw new NotFound(what, id);
        }
        return type.cast(event);
    }
}

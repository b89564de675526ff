package cn.qinglong.dangjian.query.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Reads the event store in global-index order for integration clients, whose only cursor is one number: the
 * position of the last event they received. That is exact only if every event at or below a delivered position has
 * been delivered too, so the feed never hands out an event above a <em>gap</em> in the global index until the gap
 * is settled.
 *
 * <p>A gap appears when a transaction took an index and has not committed yet (it will appear later, with the
 * lower index) or rolled back (it never will). The feed stops at the first gap and re-reads from the last delivered
 * position on the next call, so a late commit is picked up in order. A gap counts as settled — a rollback — once the
 * event after it was recorded more than {@code gapGrace} ago: a command's transaction takes milliseconds, so an
 * index still missing that long after the next event was created belongs to a rolled-back transaction. History
 * (where every gap is old) streams without pause; a rollback at the head holds live delivery back by up to the
 * grace.
 */
public record EventFeed(EventStorageEngine storage, Duration gapGrace, Clock clock) {

    /** One event read from the store, with its global index. */
    public record Entry(long position, TrackedEventMessage<?> message) {
    }

    /**
     * Up to {@code max} events after {@code after}, in order, stopping at the first unsettled gap. An empty list
     * means nothing new can be handed out yet.
     */
    public List<Entry> next(long after, int max) {
        TrackingToken token = GapAwareTrackingToken.newInstance(after, List.of());
        List<Entry> entries = new ArrayList<>(Math.min(max, 1024));
        Instant settledBefore = clock.instant().minus(gapGrace);
        long expected = after + 1;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(token, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (entries.size() < max && iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                long position = message.trackingToken().position().orElseThrow();
                if (position < expected) {
                    continue;
                }
                if (position > expected && message.getTimestamp().isAfter(settledBefore)) {
                    break;
                }
                entries.add(new Entry(position, message));
                expected = position + 1;
            }
        }
        return entries;
    }
}

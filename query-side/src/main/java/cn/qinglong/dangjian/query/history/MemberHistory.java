package cn.qinglong.dangjian.query.history;

import cn.qinglong.dangjian.eventstore.chain.ChainHash;
import cn.qinglong.dangjian.eventstore.personal.PersonalData;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.security.problem.NotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A member's stream read from the event store: pages of it, the whole of it up to a moment with the state folded by
 * {@link MemberState}, and the re-computation of its chain hash.
 */
@Service
class MemberHistory {

    private final EventStoreRows rows;
    private final PersonalData personalData;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final JsonMapper json;

    MemberHistory(EventStoreRows rows, PersonalData personalData, ObjectProvider<EventUpcasterChain> upcasters,
                  JsonMapper json) {
        this.rows = rows;
        this.personalData = personalData;
        this.serializer = personalData.eventSerializer();
        this.upcasters = upcasters.getIfAvailable(EventUpcasterChain::new);
        this.json = json;
    }

    /** Fails with {@link NotFound} unless the stream exists and is a member's. */
    void requireMember(String memberId) {
        boolean member = rows.first(memberId).map(this::decode).map(Decoded::event)
                .filter(MemberEvent.class::isInstance).isPresent();
        if (!member) {
            throw new NotFound("member", memberId);
        }
    }

    HistoryPage page(String memberId, int page, int size) {
        requireMember(memberId);
        List<HistoryEntry> items = rows.page(memberId, (long) page * size, size).stream()
                .map(row -> entry(row, decode(row))).toList();
        return new HistoryPage(memberId, items, page, size, rows.count(memberId), null, null);
    }

    /**
     * The stream as it stood at {@code asOf}: a stream only grows at its end, so that is the events up to the
     * first one recorded after {@code asOf}, and the member's state is their fold.
     */
    HistoryPage pageAsOf(String memberId, AsOf asOf, int page, int size) {
        requireMember(memberId);
        long from = (long) page * size;
        List<HistoryEntry> items = new ArrayList<>();
        long[] total = {0};
        MemberState[] state = {null};
        rows.each(memberId, row -> {
            Decoded decoded = decode(row);
            if (!asOf.includes(decoded.recordedAt())) {
                return false;
            }
            if (decoded.event() instanceof MemberEvent event) {
                state[0] = (state[0] == null ? MemberState.none() : state[0]).apply(event, row.sequence());
            }
            if (total[0] >= from && items.size() < size) {
                items.add(entry(row, decoded));
            }
            total[0]++;
            return true;
        });
        return new HistoryPage(memberId, items, page, size, total[0], asOf.until(), state[0]);
    }

    /** Every event up to {@code asOf} (all of them when null), in order, for an export. */
    void each(String memberId, AsOf asOf, Consumer<HistoryEntry> consumer) {
        rows.each(memberId, row -> {
            Decoded decoded = decode(row);
            if (asOf != null && !asOf.includes(decoded.recordedAt())) {
                return false;
            }
            consumer.accept(entry(row, decoded));
            return true;
        });
    }

    ChainVerification verify(String memberId) {
        requireMember(memberId);
        long[] checked = {0};
        String[] previous = {ChainHash.GENESIS};
        ChainVerification[] broken = {null};
        rows.each(memberId, row -> {
            checked[0]++;
            String stored = ChainHash.hashIn(row.metaData());
            String reason = null;
            if (row.sequence() != checked[0] - 1) {
                reason = "event " + (checked[0] - 1) + " is missing from the stream";
            } else if (stored == null) {
                reason = "the event carries no chain hash";
            } else if (!stored.equals(ChainHash.compute(previous[0], row.hashed()))) {
                reason = "the stored hash does not match the event's content and its predecessor's hash";
            }
            if (reason != null) {
                broken[0] = new ChainVerification(false, checked[0], checked[0] - 1, reason, null, null);
                return false;
            }
            previous[0] = stored;
            return true;
        });
        return broken[0] != null ? broken[0]
                : new ChainVerification(true, checked[0], null, null, checked[0] - 1, previous[0]);
    }

    private record Decoded(Object event, String type, Instant recordedAt) {
    }

    /** Upcasts and deserialises like the aggregates do, so a history reads old revisions in today's shape. */
    private Decoded decode(StoredEvent row) {
        var entry = new GenericDomainEventEntry<>(row.aggregateType(), row.memberId(), row.sequence(), row.eventId(),
                row.timeStamp(), row.payloadType(), row.payloadRevision(), row.payload(), row.metaData());
        Instant recordedAt = DateTimeUtils.parseInstant(row.timeStamp());
        DomainEventMessage<?> message = EventStreamUtils.asStream(
                EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), serializer, upcasters))
                .findFirst().orElse(null);
        if (message == null) {
            return new Decoded(null, shortName(row.payloadType()), recordedAt);
        }
        return new Decoded(message.getPayload(), shortName(message.getPayloadType().getName()), recordedAt);
    }

    /** The stable short name of an event type: its class name without package or enclosing interface. */
    private static String shortName(String typeName) {
        return typeName.substring(Math.max(typeName.lastIndexOf('.'), typeName.lastIndexOf('$')) + 1);
    }

    private HistoryEntry entry(StoredEvent row, Decoded decoded) {
        JsonNode metadata = json.readTree(row.metaData());
        return new HistoryEntry(row.sequence(), decoded.type(),
                decoded.event() instanceof MemberEvent event ? event.occurredOn() : null,
                decoded.recordedAt(), text(metadata, "actor"), text(metadata, "correlationId"),
                text(metadata, "requestId"), row.eventId(), row.position(), row.payloadRevision(),
                personalData.reveal(row.payloadType(), row.payload()), metadata);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}

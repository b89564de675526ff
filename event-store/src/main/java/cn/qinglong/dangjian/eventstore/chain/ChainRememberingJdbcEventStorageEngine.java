package cn.qinglong.dangjian.eventstore.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC engine with two savings on the command path, each one round trip per command:
 * <ul>
 *   <li>it remembers the last event it read of a stream for the append that follows in the same unit of work
 *       ({@link KnownChainHeads}), so {@link ChainHashingAppendStatement} need not read the predecessor again;</li>
 *   <li>loading an aggregate stops after a batch shorter than the batch size instead of asking once more for an
 *       empty one. A batch is a range of sequence numbers and a stream's sequence numbers have no gaps (each append
 *       takes the next one, the unique key refuses a second), so a short batch is the stream's end.</li>
 * </ul>
 * It also reads the whole store stream by stream ({@link #readInStreamOrder}), which Axon's engines do not offer:
 * a rebuild folds each stream once instead of touching every stream in every batch; and it reads only the events of
 * some types up to a position ({@link #readInGlobalOrder}), which Axon's tracking reads cannot filter.
 */
public final class ChainRememberingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** How long a gap in the global index may stay open before Axon takes it for good: its default, declared here. */
    public static final Duration GAP_TIMEOUT = Duration.ofMinutes(1);

    private final KnownChainHeads heads;

    public ChainRememberingJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder, KnownChainHeads heads) {
        super(builder);
        this.heads = heads;
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                 long firstSequenceNumber, int batchSize) {
        List<? extends DomainEventData<?>> batch = super.fetchDomainEvents(aggregateIdentifier, firstSequenceNumber,
                batchSize);
        if (!batch.isEmpty()) {
            DomainEventData<?> last = batch.get(batch.size() - 1);
            if (last.getMetaData().getData() instanceof byte[] storedMetaData) {
                heads.read(aggregateIdentifier, last.getSequenceNumber(), storedMetaData);
            }
        }
        return batch;
    }

    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    /**
     * Hands every stored event to {@code consumer}, ordered by stream and then sequence number, decoded once through
     * the engine's serializer and upcasters, through one cursor (one query, fetched {@code fetchSize} rows at a
     * time). Each message is tracked at its own global position ({@link TrackedEventMessage#trackingToken()}).
     * An event committed while the cursor runs may or may not be among them.
     */
    public void readInStreamOrder(int fetchSize, Consumer<? super TrackedEventMessage<?>> consumer) {
        read("SELECT " + trackedEventFields() + " FROM " + schema().domainEventTable() + " ORDER BY "
                + schema().aggregateIdentifierColumn() + ", " + schema().sequenceNumberColumn(), List.of(), fetchSize,
                getEventSerializer(), consumer);
    }

    /**
     * Hands the stored events of the given payload types at or below {@code position} to {@code consumer} in global
     * order, decoded as {@link #readInStreamOrder} does but through {@code serializer} (one that leaves personal data
     * sealed, for a reader that uses none). The types are matched as stored, before upcasting: an upcaster that
     * renamed a stored type into one of them would need its old name added.
     */
    public void readInGlobalOrder(Collection<Class<?>> payloadTypes, long position, int fetchSize,
                                  Serializer serializer, Consumer<? super TrackedEventMessage<?>> consumer) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(position);
        payloadTypes.forEach(type -> parameters.add(serializer.typeForClass(type).getName()));
        read("SELECT " + trackedEventFields() + " FROM " + schema().domainEventTable() + " WHERE "
                + schema().globalIndexColumn() + " <= ? AND " + schema().payloadTypeColumn() + " IN ("
                + String.join(", ", Collections.nCopies(payloadTypes.size(), "?")) + ") ORDER BY "
                + schema().globalIndexColumn(), parameters, fetchSize, serializer, consumer);
    }

    /** The newest stored event at or below {@code position}: where it is and when it was stored; empty if none. */
    public Optional<Newest> newestAtOrBelow(long position) {
        String sql = "SELECT " + schema().globalIndexColumn() + ", " + schema().timestampColumn() + " FROM "
                + schema().domainEventTable() + " WHERE " + schema().globalIndexColumn() + " <= ? ORDER BY "
                + schema().globalIndexColumn() + " DESC LIMIT 1";
        try (Connection connection = getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, position);
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(new Newest(row.getLong(1), DateTimeUtils.parseInstant(row.getString(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventStoreException("could not read the newest event at or below " + position, e);
        }
    }

    /**
     * The newest event at or below a position. Once it is older than {@link #GAP_TIMEOUT}, Axon takes every gap below
     * it for an append that was rolled back, so what is stored at or below it no longer changes.
     */
    public record Newest(long position, Instant storedAt) {

        public boolean settledAt(Instant now) {
            return storedAt.plus(GAP_TIMEOUT).isBefore(now);
        }
    }

    private void read(String sql, List<Object> parameters, int fetchSize, Serializer serializer,
                      Consumer<? super TrackedEventMessage<?>> consumer) {
        Connection connection = getConnection();
        try {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL streams a result set only inside a transaction; otherwise it reads it whole into memory
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(fetchSize);
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = statement.executeQuery();
                     Stream<TrackedEventMessage<?>> events = EventUtils.upcastAndDeserializeTrackedEvents(
                             rows(rows), serializer, upcasterChain)) {
                    events.forEach(consumer);
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new EventStoreException("could not read the events", e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing returns it to the pool; nothing more to do if that fails
            }
        }
    }

    private Stream<TrackedEventData<?>> rows(ResultSet rows) {
        Iterator<TrackedEventData<?>> iterator = new Iterator<>() {
            private TrackedEventData<?> next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        if (rows.next()) {
                            long position = rows.getLong(schema().globalIndexColumn());
                            // the token just before it: Axon's engine then tracks it at its own position, no gaps
                            next = getTrackedEventData(rows, GapAwareTrackingToken.newInstance(position - 1,
                                    List.of()));
                        }
                    } catch (SQLException e) {
                        throw new EventStoreException("could not read the events", e);
                    }
                }
                return next != null;
            }

            @Override
            public TrackedEventData<?> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TrackedEventData<?> current = next;
                next = null;
                return current;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }
}

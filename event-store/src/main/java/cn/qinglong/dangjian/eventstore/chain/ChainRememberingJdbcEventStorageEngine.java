package cn.qinglong.dangjian.eventstore.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

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
 * a rebuild folds each stream once instead of touching every stream in every batch.
 */
public final class ChainRememberingJdbcEventStorageEngine extends JdbcEventStorageEngine {

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
        String sql = "SELECT " + trackedEventFields() + " FROM " + schema().domainEventTable() + " ORDER BY "
                + schema().aggregateIdentifierColumn() + ", " + schema().sequenceNumberColumn();
        Connection connection = getConnection();
        try {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL streams a result set only inside a transaction; otherwise it reads it whole into memory
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(fetchSize);
                try (ResultSet rows = statement.executeQuery();
                     Stream<TrackedEventMessage<?>> events = EventUtils.upcastAndDeserializeTrackedEvents(
                             rows(rows), getEventSerializer(), upcasterChain)) {
                    events.forEach(consumer);
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new EventStoreException("could not read the events in stream order", e);
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
                        throw new EventStoreException("could not read the events in stream order", e);
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

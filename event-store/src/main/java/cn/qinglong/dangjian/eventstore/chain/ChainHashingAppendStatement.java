package cn.qinglong.dangjian.eventstore.chain;

import cn.qinglong.dangjian.eventstore.AppendedEvents;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes appended events the way Axon's JDBC engine does, except that each event's metadata carries the
 * {@link ChainHash} over its predecessor in the same stream.
 *
 * <p>The predecessor's hash is read inside the appending transaction (usually by the aggregate's load in the same unit
 * of work or by an earlier command on this node, see {@link KnownChainHeads}, else by a query here). Two nodes that append to one stream at once
 * both read the same predecessor and both try to insert the same (aggregateIdentifier, sequenceNumber); the store's
 * unique key lets one of them in, the other's command is retried on the reloaded stream and chains onto the winner.
 * So the chain never forks and no lock is needed beyond the one the store already has.
 *
 * <p>The metadata is written as compact JSON with sorted keys and the hash last, and the timestamp as Axon's ISO
 * string, so that what is hashed is exactly what is stored (the schema keeps timeStamp as VARCHAR).
 */
public final class ChainHashingAppendStatement implements AppendEventsStatementBuilder {

    /** A plain mapper, not the serializer's: the hashed metadata form must not change with serializer settings. */
    private static final JsonMapper METADATA_JSON = JsonMapper.builder().build();

    private final AppendedEvents appendedEvents;
    private final KnownChainHeads heads;

    /**
     * @param appendedEvents told where each event landed when the command being handled asked for it
     * @param heads          the predecessors this node already knows, told of each appended event
     */
    public ChainHashingAppendStatement(AppendedEvents appendedEvents, KnownChainHeads heads) {
        this.appendedEvents = appendedEvents;
        this.heads = heads;
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        if (dataType != byte[].class) {
            throw new IllegalStateException("chain hashing needs the event store to keep payloads as bytes, not "
                    + dataType.getName());
        }
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + String.join(", ",
                schema.eventIdentifierColumn(), schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(),
                schema.typeColumn(), schema.timestampColumn(), schema.payloadTypeColumn(),
                schema.payloadRevisionColumn(), schema.payloadColumn(), schema.metaDataColumn())
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        Map<String, String> lastHashInBatch = new HashMap<>();
        boolean positionsWanted = appendedEvents.wanted();
        List<DomainEventMessage<?>> rows = new ArrayList<>(events.size());
        PreparedStatement insert = positionsWanted
                ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                : connection.prepareStatement(sql);
        try {
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = EventUtils.asDomainEventMessage(message);
                SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
                byte[] hashedMetaData = METADATA_JSON.writeValueAsBytes(sortedWithoutHash(event.getMetaData()));
                String timeStamp = DateTimeUtils.formatInstant(event.getTimestamp());
                String stream = event.getAggregateIdentifier();
                String previous = lastHashInBatch.containsKey(stream) ? lastHashInBatch.get(stream)
                        : previousHash(connection, schema, stream, event.getSequenceNumber());
                String hash = ChainHash.compute(previous, stream, event.getSequenceNumber(),
                        payload.getType().getName(), payload.getType().getRevision(), timeStamp, payload.getData(),
                        hashedMetaData);
                lastHashInBatch.put(stream, hash);
                heads.appended(stream, event.getSequenceNumber(), hash);

                insert.setString(1, event.getIdentifier());
                insert.setString(2, stream);
                insert.setLong(3, event.getSequenceNumber());
                insert.setString(4, event.getType());
                insert.setString(5, timeStamp);
                insert.setString(6, payload.getType().getName());
                insert.setString(7, payload.getType().getRevision());
                insert.setBytes(8, payload.getData());
                insert.setBytes(9, ChainHash.withHash(hashedMetaData, hash));
                insert.addBatch();
                rows.add(event);
            }
            return positionsWanted ? reportingPositions(insert, schema, rows) : insert;
        } catch (SQLException | RuntimeException e) {
            insert.close();
            throw e;
        }
    }

    /**
     * The statement as Axon will run it, except that after the batch it tells {@link AppendedEvents} each event's
     * global index (generated by the store), read back from the same statement rather than by another query.
     */
    private PreparedStatement reportingPositions(PreparedStatement insert, EventSchema schema,
                                                 List<DomainEventMessage<?>> rows) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(insert, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("executeBatch")) {
                        report(insert, schema, rows);
                    }
                    return result;
                });
    }

    /**
     * The events are stored either way; without readable keys each is reported with an unknown global index, and the
     * caller reads the stream's head itself.
     */
    private void report(PreparedStatement insert, EventSchema schema, List<DomainEventMessage<?>> rows) {
        int reported = 0;
        try (ResultSet keys = insert.getGeneratedKeys()) {
            int column = keys.findColumn(schema.globalIndexColumn());
            for (; reported < rows.size() && keys.next(); reported++) {
                DomainEventMessage<?> row = rows.get(reported);
                appendedEvents.appended(row.getAggregateIdentifier(), row.getSequenceNumber(), keys.getLong(column));
            }
        } catch (SQLException noKeys) {
            // reported below, without positions
        }
        for (; reported < rows.size(); reported++) {
            DomainEventMessage<?> row = rows.get(reported);
            appendedEvents.appended(row.getAggregateIdentifier(), row.getSequenceNumber(), AppendedEvents.UNKNOWN);
        }
    }

    private static Map<String, Object> sortedWithoutHash(Map<String, ?> metaData) {
        Map<String, Object> sorted = new TreeMap<>(metaData);
        sorted.remove(ChainHash.KEY);
        return sorted;
    }

    /**
     * A stream's first event chains onto {@link ChainHash#GENESIS}. A later event's predecessor was read when the
     * aggregate was loaded, so it exists; if it carries no hash (written before chaining existed) the chain restarts.
     * When that load read the predecessor row itself, or this node committed or read it before, its hash is taken from
     * there instead of reading the row again.
     */
    private String previousHash(Connection connection, EventSchema schema, String stream, long sequence)
            throws SQLException {
        if (sequence == 0) {
            return ChainHash.GENESIS;
        }
        KnownChainHeads.Head known = heads.predecessor(stream, sequence);
        if (known != null) {
            return known.hash() == null ? ChainHash.GENESIS : known.hash();
        }
        String sql = "SELECT " + schema.metaDataColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn() + " = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, stream);
            select.setLong(2, sequence - 1);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("cannot chain event " + sequence + " of stream '" + stream
                            + "': its predecessor is not in the store");
                }
                String hash = ChainHash.hashIn(row.getBytes(1));
                return hash == null ? ChainHash.GENESIS : hash;
            }
        }
    }
}

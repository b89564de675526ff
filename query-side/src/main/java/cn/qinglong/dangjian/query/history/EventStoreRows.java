package cn.qinglong.dangjian.query.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a member's stream straight from Axon's event table, not from a projection, so the history is exactly
 * what was recorded. Column names are unquoted, as in the Flyway schema, so the same SQL runs on H2 and PostgreSQL.
 */
@Component
class EventStoreRows {

    private static final String COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, "
            + "timeStamp, payloadType, payloadRevision, payload, metaData, type";
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    EventStoreRows(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    Optional<StoredEvent> first(String memberId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "AND sequenceNumber = 0", EventStoreRows::row, memberId)
                .stream().findFirst();
    }

    long count(String memberId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, memberId);
        return count == null ? 0 : count;
    }

    /**
     * Axon numbers a stream's events 0, 1, 2, ... without gaps, so the n-th event is the one with sequence n and a
     * page is a range of the (aggregateIdentifier, sequenceNumber) index, not an OFFSET scan.
     */
    List<StoredEvent> page(String memberId, long firstSequence, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND sequenceNumber >= ? ORDER BY sequenceNumber LIMIT ?", EventStoreRows::row, memberId,
                firstSequence, limit);
    }

    /**
     * Hands the stream's events to {@code visitor} in order, one fetch at a time so a long stream never sits in
     * memory (PostgreSQL honours the fetch size only inside a transaction); stops once the visitor answers false.
     */
    void each(String memberId, Predicate<StoredEvent> visitor) {
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = ? ORDER BY sequenceNumber");
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, memberId);
            return statement;
        }, (ResultSet rs) -> {
            while (rs.next()) {
                if (!visitor.test(row(rs, rs.getRow()))) {
                    return null;
                }
            }
            return null;
        }));
    }

    private static StoredEvent row(ResultSet rs, int rowNumber) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9), rs.getString(10));
    }
}

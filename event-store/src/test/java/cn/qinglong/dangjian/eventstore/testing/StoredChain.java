package cn.qinglong.dangjian.eventstore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.chain.ChainHash;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Recomputes a stream's chain from the stored columns, as the auditors' verification does. */
public final class StoredChain {

    private StoredChain() {
    }

    /** Every event of the stream (at least two) carries the hash computed over its predecessor and itself. */
    public static void assertIntact(JdbcTemplate jdbc, String stream) {
        List<ChainHash.Row> rows = jdbc.query("""
                        SELECT aggregateIdentifier, sequenceNumber, payloadType, payloadRevision, timeStamp, payload,
                               metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber""",
                (rs, n) -> new ChainHash.Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBytes(6), rs.getBytes(7)), stream);
        assertThat(rows).as("events of %s", stream).hasSizeGreaterThan(1);
        String previous = ChainHash.GENESIS;
        for (ChainHash.Row row : rows) {
            String stored = ChainHash.hashIn(row.metaData());
            assertThat(stored).as("chain hash of event %d of %s", row.sequenceNumber(), stream)
                    .isEqualTo(ChainHash.compute(previous, row));
            previous = stored;
        }
    }
}

package cn.qinglong.dangjian.eventstore.chain;

import java.util.List;
import org.axonframework.eventhandling.DomainEventData;
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
}

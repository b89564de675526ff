package cn.qinglong.dangjian.eventstore.chain;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The chain hash of the last event of each stream that the current unit of work read while loading an aggregate.
 *
 * <p>Loading and appending run in one unit of work and one transaction, so the event that an append chains onto is
 * usually the last one the load just read; remembering its hash saves the append a second read of the same row. The
 * hash is taken from the stored bytes exactly as a fresh read would ({@link ChainHash#hashIn}); when the predecessor
 * was not read in this unit of work (a snapshot without later events, a retry's new unit of work, no unit of work),
 * the append reads it from the store as before.
 */
public final class LoadedChainHeads {

    private static final String RESOURCE = LoadedChainHeads.class.getName();

    private record Head(long sequenceNumber, String hash) {
    }

    private LoadedChainHeads() {
    }

    /** Notes that the current unit of work read event {@code sequenceNumber} of {@code stream} with this metadata. */
    public static void read(String stream, long sequenceNumber, byte[] storedMetaData) {
        if (CurrentUnitOfWork.isStarted()) {
            heads().put(stream, new Head(sequenceNumber, ChainHash.hashIn(storedMetaData)));
        }
    }

    /**
     * Whether the current unit of work read the event before {@code sequenceNumber} of {@code stream}; if so,
     * {@link #hashBefore} answers its hash (null when that event carries none).
     */
    static boolean knowsPredecessor(String stream, long sequenceNumber) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        Head head = heads().get(stream);
        return head != null && head.sequenceNumber() == sequenceNumber - 1;
    }

    static String hashBefore(String stream) {
        return heads().get(stream).hash();
    }

    private static Map<String, Head> heads() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE, key -> new HashMap<>());
    }
}

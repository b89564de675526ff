package cn.qinglong.dangjian.eventstore.chain;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The chain hash of the last event of a stream, where this node already knows it, so that an append need not read
 * its predecessor row again: the last event the current unit of work read while loading an aggregate or appended, and
 * the last event of each of the {@code committedSize} streams used most recently by committed units of work on this
 * node (an aggregate served from the command side's cache is not loaded, so its predecessor is known only from here).
 *
 * <p>A remembered head is a stored row and stored rows never change, so it stays true; it only stops being the head
 * when another node appends, and then the append that relies on it takes a sequence number that is already used,
 * the store's unique key refuses it and the retry reads the stream again. Heads of a unit of work that rolled back
 * are never remembered beyond it. The hash is taken from the stored bytes exactly as a fresh read would
 * ({@link ChainHash#hashIn}); when the predecessor is not known, the append reads it from the store.
 */
public final class KnownChainHeads {

    /** A stream's event {@code sequenceNumber} and its chain hash (null when that event carries none). */
    record Head(long sequenceNumber, String hash) {
    }

    private final String resource = KnownChainHeads.class.getName() + "@" + Integer.toHexString(hashCode());
    private final Map<String, Head> committed;

    /** @param committedSize how many streams' heads committed units of work leave behind (0: none) */
    public KnownChainHeads(int committedSize) {
        this.committed = Caffeine.newBuilder().maximumSize(committedSize).<String, Head>build().asMap();
    }

    /** Notes that the current unit of work read event {@code sequenceNumber} of {@code stream} with this metadata. */
    public void read(String stream, long sequenceNumber, byte[] storedMetaData) {
        note(stream, new Head(sequenceNumber, ChainHash.hashIn(storedMetaData)));
    }

    /** Notes that the current unit of work appends event {@code sequenceNumber} of {@code stream} with this hash. */
    void appended(String stream, long sequenceNumber, String hash) {
        note(stream, new Head(sequenceNumber, hash));
    }

    /** Event {@code sequenceNumber - 1} of {@code stream} if this node knows it, else null. */
    Head predecessor(String stream, long sequenceNumber) {
        Head head = null;
        if (CurrentUnitOfWork.isStarted()) {
            head = heads(CurrentUnitOfWork.get().root()).get(stream);
        }
        if (head == null || head.sequenceNumber() != sequenceNumber - 1) {
            head = committed.get(stream);
        }
        return head != null && head.sequenceNumber() == sequenceNumber - 1 ? head : null;
    }

    private void note(String stream, Head head) {
        if (CurrentUnitOfWork.isStarted()) {
            heads(CurrentUnitOfWork.get().root()).merge(stream, head, KnownChainHeads::later);
        }
    }

    private Map<String, Head> heads(UnitOfWork<?> root) {
        return root.getOrComputeResource(resource, key -> {
            Map<String, Head> heads = new HashMap<>();
            root.afterCommit(done ->
                    heads.forEach((stream, head) -> committed.merge(stream, head, KnownChainHeads::later)));
            return heads;
        });
    }

    private static Head later(Head one, Head other) {
        return other.sequenceNumber() >= one.sequenceNumber() ? other : one;
    }
}

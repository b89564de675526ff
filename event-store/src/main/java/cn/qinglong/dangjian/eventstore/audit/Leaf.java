package cn.qinglong.dangjian.eventstore.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * What a checkpoint commits to for one stored event: the UTF-8 bytes of
 *
 * <pre>
 * aggregateIdentifier LF
 * sequenceNumber in decimal LF
 * chainHash (the 64 lower-case hex characters stored in the event's metadata)
 * </pre>
 *
 * The chain hash covers the event's stored bytes and its predecessor's hash, so this pins the whole stream up to the
 * event. It is computed over the bytes as stored, encrypted personal fields included, and erasure destroys only the
 * member's key, never a stored byte: the leaf, and every proof built on it, is the same before and after an erasure.
 * The same bytes are the leaf of the heads tree, where each stream is represented by its last event.
 */
public final class Leaf {

    /** Streams in the heads tree: by the UTF-8 bytes of their identifier, unsigned, shorter first on a tie. */
    public static final Comparator<String> STREAM_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private Leaf() {
    }

    public static byte[] data(String aggregateIdentifier, long sequenceNumber, String chainHash) {
        return (aggregateIdentifier + "\n" + sequenceNumber + "\n" + (chainHash == null ? "" : chainHash))
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] hash(String aggregateIdentifier, long sequenceNumber, String chainHash) {
        return MerkleTree.leafHash(data(aggregateIdentifier, sequenceNumber, chainHash));
    }
}

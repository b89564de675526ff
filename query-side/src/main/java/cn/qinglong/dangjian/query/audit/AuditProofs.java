package cn.qinglong.dangjian.query.audit;

import cn.qinglong.dangjian.eventstore.audit.Checkpoint;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import cn.qinglong.dangjian.security.problem.NotFound;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The proofs outsiders check against checkpoints they kept: a member's stored history with the inclusion of each of
 * its events in a checkpoint's log tree and of its last event in the heads tree, and the consistency of two
 * checkpoints. Everything is read as the database holds it now: if it was changed since the checkpoint, the proof
 * is built all the same and the verifier says what no longer matches.
 */
public class AuditProofs {

    private static final HexFormat HEX = HexFormat.of();

    private final AuditStore store;
    private final JdbcTemplate jdbc;

    public AuditProofs(AuditStore store, JdbcTemplate jdbc) {
        this.store = store;
        this.jdbc = jdbc;
    }

    /**
     * One stored event and the RFC 9162 inclusion path of its leaf. The row is as stored: {@code payload} and
     * {@code metaData} are the column bytes in Base64 (personal fields still encrypted), {@code timeStamp} the text.
     */
    public record ProvenEvent(long sequence, String eventId, long globalIndex, long leafIndex, String payloadType,
                              String payloadRevision, String timeStamp, String payload, String metaData,
                              List<String> inclusion) {
    }

    /** The stream's last event in the checkpoint, its index in the heads tree and the inclusion path there. */
    public record HeadProof(long sequence, String chainHash, long index, List<String> inclusion) {
    }

    public record HistoryProof(String memberId, Checkpoint checkpoint, List<ProvenEvent> events, HeadProof head) {
    }

    public record ConsistencyProof(Checkpoint from, Checkpoint to, List<String> proof) {
    }

    public Checkpoint checkpoint(Long number) {
        if (number == null) {
            return store.latest().orElseThrow(() -> new NotFound("checkpoint", "latest"));
        }
        return store.checkpoint(number).orElseThrow(() -> new NotFound("checkpoint", Long.toString(number)));
    }

    public HistoryProof history(String memberId, Long number) {
        Checkpoint checkpoint = checkpoint(number);
        AuditStore.Trees trees = store.treesFor(checkpoint);
        AuditStore.Head head = trees.headsByStream().get(memberId);
        if (head == null) {
            throw new NotFound("member in checkpoint " + checkpoint.number(), memberId);
        }
        Map<Long, Long> leafBySequence = new HashMap<>();
        store.leavesOf(memberId, checkpoint.treeSize()).forEach(l -> leafBySequence.put(l.sequence(), l.leafIndex()));
        List<ProvenEvent> events = jdbc.query("SELECT sequenceNumber, eventIdentifier, globalIndex, payloadType, "
                        + "payloadRevision, timeStamp, payload, metaData FROM DomainEventEntry "
                        + "WHERE aggregateIdentifier = ? AND sequenceNumber <= ? ORDER BY sequenceNumber",
                (rs, n) -> {
                    long sequence = rs.getLong(1);
                    long leaf = leafBySequence.getOrDefault(sequence, -1L);
                    return new ProvenEvent(sequence, rs.getString(2), rs.getLong(3), leaf, rs.getString(4),
                            rs.getString(5), rs.getString(6), Base64.getEncoder().encodeToString(rs.getBytes(7)),
                            Base64.getEncoder().encodeToString(rs.getBytes(8)),
                            leaf < 0 ? List.of() : hex(trees.log().inclusionPath(leaf, checkpoint.treeSize())));
                }, memberId, head.sequence());
        return new HistoryProof(memberId, checkpoint, events, new HeadProof(head.sequence(), head.chainHash(),
                head.index(), hex(trees.heads().inclusionPath(head.index(), checkpoint.headsCount()))));
    }

    public ConsistencyProof consistency(long from, long to) {
        if (from > to) {
            throw new InvalidInput("from", "must not be after 'to'");
        }
        Checkpoint first = checkpoint(from);
        Checkpoint second = checkpoint(to);
        AuditStore.Trees trees = store.treesFor(second);
        return new ConsistencyProof(first, second,
                hex(trees.log().consistencyProof(first.treeSize(), second.treeSize())));
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}

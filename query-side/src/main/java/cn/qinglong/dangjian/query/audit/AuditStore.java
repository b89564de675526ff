package cn.qinglong.dangjian.query.audit;

import cn.qinglong.dangjian.eventstore.audit.Checkpoint;
import cn.qinglong.dangjian.eventstore.audit.Leaf;
import cn.qinglong.dangjian.eventstore.audit.MerkleTree;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The tables {@code audit_leaf} and {@code audit_checkpoint}, and the trees built from them. */
public class AuditStore {

    private static final String CHECKPOINT_COLUMNS = "checkpoint_no, tree_size, root_hash, heads_count, heads_root, "
            + "covered_through, created_at, key_id, signature";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public AuditStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** A stream's event as the log tree holds it. */
    public record LeafRow(long leafIndex, long globalIndex, String aggregateId, long sequence, String chainHash) {
    }

    /** A stream's last event in a tree, and its position in the heads tree. */
    public record Head(long sequence, String chainHash, long index) {
    }

    /** The log tree of the first {@code size} leaves and the heads tree of the streams among them. */
    public record Trees(long size, MerkleTree log, MerkleTree heads, TreeMap<String, Head> headsByStream) {
    }

    long leafCount() {
        Long next = jdbc.queryForObject("SELECT COALESCE(MAX(leaf_index), -1) + 1 FROM audit_leaf", Long.class);
        return next == null ? 0 : next;
    }

    void insertLeaves(List<LeafRow> leaves) {
        jdbc.batchUpdate("INSERT INTO audit_leaf (leaf_index, global_index, aggregate_id, sequence_no, chain_hash) "
                + "VALUES (?, ?, ?, ?, ?)", leaves, 500, (statement, leaf) -> {
                    statement.setLong(1, leaf.leafIndex());
                    statement.setLong(2, leaf.globalIndex());
                    statement.setString(3, leaf.aggregateId());
                    statement.setLong(4, leaf.sequence());
                    statement.setString(5, leaf.chainHash());
                });
    }

    /** The member's events among the first {@code size} leaves, in stream order. */
    List<LeafRow> leavesOf(String aggregateId, long size) {
        return jdbc.query("SELECT leaf_index, global_index, aggregate_id, sequence_no, chain_hash FROM audit_leaf "
                        + "WHERE aggregate_id = ? AND leaf_index < ? ORDER BY sequence_no",
                (rs, n) -> new LeafRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5)),
                aggregateId, size);
    }

    /** Reads the first {@code size} leaves once, in order (one fetch at a time), and builds both trees. */
    Trees trees(long size) {
        return extend(null, size);
    }

    /**
     * The trees of the first {@code size} leaves, from {@code base} (the trees of a prefix, or null) and the leaves
     * after it: only those are read and only their ancestors hashed; the heads tree is built again (one leaf a stream).
     */
    Trees extend(Trees base, long size) {
        long from = base == null ? 0 : base.size();
        if (size > Integer.MAX_VALUE / MerkleTree.HASH) {
            throw new IllegalStateException("a tree of " + size + " events needs a paged leaf store");
        }
        int count = (int) (size - from);
        byte[] hashes = new byte[count * MerkleTree.HASH];
        // a hash map while scanning (one entry a stream, touched once an event); sorted once at the end
        java.util.HashMap<String, Head> heads = new java.util.HashMap<>();
        if (base != null) {
            heads.putAll(base.headsByStream());
        }
        long[] next = {from};
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT leaf_index, aggregate_id, sequence_no, chain_hash "
                    + "FROM audit_leaf WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index");
            statement.setFetchSize(5000);
            statement.setLong(1, from);
            statement.setLong(2, size);
            return statement;
        }, (ResultSet rs) -> {
            while (rs.next()) {
                long index = rs.getLong(1);
                if (index != next[0]) {
                    throw new IllegalStateException("audit_leaf has no leaf " + next[0]);
                }
                String stream = rs.getString(2);
                long sequence = rs.getLong(3);
                String chainHash = rs.getString(4);
                System.arraycopy(Leaf.hash(stream, sequence, chainHash), 0, hashes,
                        (int) (index - from) * MerkleTree.HASH, MerkleTree.HASH);
                heads.merge(stream, new Head(sequence, chainHash, -1),
                        (a, b) -> b.sequence() > a.sequence() ? b : a);
                next[0]++;
            }
            return null;
        }));
        if (next[0] != size) {
            throw new IllegalStateException("audit_leaf holds " + next[0] + " leaves, not " + size);
        }
        byte[] headHashes = new byte[heads.size() * MerkleTree.HASH];
        TreeMap<String, Head> indexed = new TreeMap<>(Leaf.STREAM_ORDER);
        int i = 0;
        List<String> streams = heads.keySet().stream()
                .map(stream -> java.util.Map.entry(stream.getBytes(java.nio.charset.StandardCharsets.UTF_8), stream))
                .sorted((a, b) -> java.util.Arrays.compareUnsigned(a.getKey(), b.getKey()))
                .map(java.util.Map.Entry::getValue).toList();
        for (String stream : streams) {
            Head head = heads.get(stream);
            System.arraycopy(Leaf.hash(stream, head.sequence(), head.chainHash()), 0, headHashes,
                    i * MerkleTree.HASH, MerkleTree.HASH);
            indexed.put(stream, new Head(head.sequence(), head.chainHash(), i));
            i++;
        }
        MerkleTree log = base == null ? new MerkleTree(hashes, count) : base.log().extended(hashes, count);
        return new Trees(size, log, new MerkleTree(headHashes, heads.size()), indexed);
    }

    /** The trees this node built last, when they are those of {@code checkpoint}; else null. */
    synchronized Trees cachedFor(Checkpoint checkpoint) {
        for (Trees trees : new Trees[] {made, served}) {
            if (trees != null && trees.size() == checkpoint.treeSize()
                    && java.util.HexFormat.of().formatHex(trees.log().root()).equals(checkpoint.rootHash())) {
                return trees;
            }
        }
        return null;
    }

    /** The trees of the checkpoint this node made last, and of the checkpoint a proof was last asked for. */
    private Trees made;
    private Trees served;

    /**
     * The trees of the checkpoint's leaves as the table holds them now, reusing those built last when they are of
     * that size and still give its root (otherwise built again, so a changed table shows in the proofs).
     */
    public Trees treesFor(Checkpoint checkpoint) {
        Trees known = cachedFor(checkpoint);
        if (known != null) {
            return known;
        }
        Trees built = trees(checkpoint.treeSize());
        synchronized (this) {
            served = built;
        }
        return built;
    }

    synchronized Trees remember(Trees trees) {
        made = trees;
        return trees;
    }

    void insert(Checkpoint checkpoint) {
        jdbc.update("INSERT INTO audit_checkpoint (" + CHECKPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                checkpoint.number(), checkpoint.treeSize(), checkpoint.rootHash(), checkpoint.headsCount(),
                checkpoint.headsRoot(), checkpoint.coveredThrough(), checkpoint.time(), checkpoint.keyId(),
                checkpoint.signature());
    }

    public List<Checkpoint> checkpoints() {
        return jdbc.query("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint ORDER BY checkpoint_no",
                AuditStore::checkpoint);
    }

    public Optional<Checkpoint> checkpoint(long number) {
        return jdbc.query("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint WHERE checkpoint_no = ?",
                AuditStore::checkpoint, number).stream().findFirst();
    }

    public Optional<Checkpoint> latest() {
        return jdbc.query("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint WHERE checkpoint_no = "
                + "(SELECT MAX(checkpoint_no) FROM audit_checkpoint)", AuditStore::checkpoint).stream().findFirst();
    }

    /** Checkpoints after {@code number} that commit to no event after global index {@code through}. */
    public List<Checkpoint> after(long number, long through) {
        return jdbc.query("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint WHERE checkpoint_no > ? "
                + "AND covered_through <= ? ORDER BY checkpoint_no", AuditStore::checkpoint, number, through);
    }

    /** The newest checkpoint committing to no event after {@code through}: where a stream resuming there stands. */
    public long lastNumberThrough(long through) {
        Long number = jdbc.queryForObject("SELECT COALESCE(MAX(checkpoint_no), 0) FROM audit_checkpoint "
                + "WHERE covered_through <= ?", Long.class, through);
        return number == null ? 0 : number;
    }

    List<Checkpoint> unpublished() {
        return jdbc.query("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint WHERE published = FALSE "
                + "ORDER BY checkpoint_no", AuditStore::checkpoint);
    }

    void published(long number) {
        jdbc.update("UPDATE audit_checkpoint SET published = TRUE WHERE checkpoint_no = ?", number);
    }

    private static Checkpoint checkpoint(ResultSet rs, int row) throws SQLException {
        return new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }
}

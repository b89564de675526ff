package cn.qinglong.dangjian.eventstore.personal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The members' data keys in table {@code member_data_key}, each wrapped by the {@link MasterKey}. Reads and writes
 * join the caller's transaction (the appending one on the command side), so a key is created in the transaction of
 * the first event that needs it and destroyed in the transaction that records the erasure.
 *
 * <p>Keys read for decryption are cached for {@code cacheTtl} (at most {@code cacheSize} members): another node that
 * erases a member's key is therefore noticed here within that time at the latest, and at once when this node reads
 * the {@code MemberPersonalDataErased} event or erases the key itself. Keys for encryption are always read in the
 * appending transaction, never from the cache, so nothing is encrypted with a key that a rolled-back transaction
 * created or that was erased meanwhile.
 */
class MemberKeys {

    private final JdbcTemplate jdbc;
    private final MasterKey master;
    /** Only keys that exist are kept: an erased or unknown member is asked for again every time. */
    private final Cache<String, SecretKey> cache;

    MemberKeys(JdbcTemplate jdbc, MasterKey master, Duration cacheTtl, int cacheSize) {
        this.jdbc = jdbc;
        this.master = master;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(cacheTtl).build();
    }

    /** The member's key, created now when the member has none yet; fails once the member's data was erased. */
    SecretKey forEncryption(String memberId) {
        Optional<Row> stored = read(memberId);
        if (stored.isEmpty()) {
            // Two first events of one member at once: the second insert violates the primary key (SQLSTATE 23505), which
            // the store reports as a retryable ConcurrencyException, so that command is retried and finds this key.
            jdbc.update("INSERT INTO member_data_key (member_id, wrapped_key) VALUES (?, ?)", memberId,
                    master.wrap(Aead.newKey(), memberId));
            stored = read(memberId);
        }
        byte[] wrapped = stored.orElseThrow(() -> new IllegalStateException("no key row for member " + memberId))
                .wrapped();
        if (wrapped == null) {
            throw new IllegalStateException("the personal data of member '" + memberId + "' was erased; "
                    + "no new personal data can be recorded for this member");
        }
        return master.unwrap(wrapped, memberId);
    }

    /** The member's key, or empty when it was erased (or never existed). */
    Optional<SecretKey> forDecryption(String memberId) {
        SecretKey cached = cache.getIfPresent(memberId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SecretKey> key = read(memberId).map(Row::wrapped).map(wrapped -> master.unwrap(wrapped, memberId));
        key.ifPresentOrElse(found -> cache.put(memberId, found), () -> forget(memberId));
        return key;
    }

    /**
     * Destroys the member's key, in the caller's transaction, and drops the member's snapshots (they hold the
     * aggregate's state). Answers whether a key was destroyed now.
     */
    boolean erase(String memberId) {
        int destroyed = jdbc.update("UPDATE member_data_key SET wrapped_key = NULL, erased_at = CURRENT_TIMESTAMP "
                + "WHERE member_id = ? AND wrapped_key IS NOT NULL", memberId);
        if (destroyed == 0) {
            // a member whose events held no personal data yet: a tombstone, so that no key is created later
            jdbc.update("INSERT INTO member_data_key (member_id, wrapped_key, erased_at) SELECT ?, NULL, "
                    + "CURRENT_TIMESTAMP WHERE NOT EXISTS (SELECT 1 FROM member_data_key WHERE member_id = ?)",
                    memberId, memberId);
        }
        jdbc.update("DELETE FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", memberId);
        forget(memberId);
        return destroyed > 0;
    }

    /** Drops the member's key from this node's cache. */
    void forget(String memberId) {
        cache.invalidate(memberId);
    }

    /** A member's row: {@code wrapped} is null once the key was erased. */
    private record Row(byte[] wrapped) {
    }

    private Optional<Row> read(String memberId) {
        List<Row> rows = jdbc.query("SELECT wrapped_key FROM member_data_key WHERE member_id = ?",
                (row, i) -> new Row(row.getBytes(1)), memberId);
        return rows.stream().findFirst();
    }
}

package cn.qinglong.dangjian.query.integration;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The publisher's position and its lease, one row of {@code integration_publication} per publisher name.
 *
 * <p>Only the node holding the lease publishes. A lease, rather than a row lock or a PostgreSQL advisory lock,
 * because it needs no connection held open for hours, works the same on H2 (the embedded mode) and PostgreSQL,
 * and survives a node that dies without closing anything: its lease simply runs out. Every position update is
 * conditional on still owning the row, so a node that stalled past its lease (a long GC pause) cannot move the
 * position of the node that took over; it notices and stops. Clocks of the nodes are assumed to agree to well
 * within the lease (NTP); two nodes overlapping briefly would only re-send events, never lose one.
 */
public record PublicationLease(JdbcTemplate jdbc, String publisher, String owner, Duration duration, Clock clock) {

    /** Takes or renews the lease; the published position when this node holds it, empty when another does. */
    public OptionalLong acquire() {
        long now = clock.millis();
        try {
            jdbc.update("INSERT INTO integration_publication (publisher, published_position, owner, lease_until) "
                    + "SELECT ?, 0, NULL, 0 WHERE NOT EXISTS "
                    + "(SELECT 1 FROM integration_publication WHERE publisher = ?)", publisher, publisher);
        } catch (DuplicateKeyException anotherNodeInsertedItFirst) {
            // the row exists now, which is all that is needed
        }
        int taken = jdbc.update("UPDATE integration_publication SET owner = ?, lease_until = ? "
                        + "WHERE publisher = ? AND (owner = ? OR owner IS NULL OR lease_until < ?)",
                owner, now + duration.toMillis(), publisher, owner, now);
        if (taken == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(jdbc.queryForObject(
                "SELECT published_position FROM integration_publication WHERE publisher = ?", Long.class, publisher));
    }

    /** Records that everything up to {@code position} was confirmed; false when the lease was lost meanwhile. */
    public boolean advance(long position) {
        return jdbc.update("UPDATE integration_publication SET published_position = ?, lease_until = ? "
                        + "WHERE publisher = ? AND owner = ? AND published_position <= ?",
                position, clock.millis() + duration.toMillis(), publisher, owner, position) == 1;
    }

    /** Lets another node take over at once instead of waiting for the lease to run out. */
    public void release() {
        jdbc.update("UPDATE integration_publication SET owner = NULL, lease_until = 0 WHERE publisher = ? AND owner = ?",
                publisher, owner);
    }

    public OptionalLong position() {
        return jdbc.query("SELECT published_position FROM integration_publication WHERE publisher = ?",
                rs -> rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty(), publisher);
    }
}

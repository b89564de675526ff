package cn.qinglong.dangjian.query.audit;

import cn.qinglong.dangjian.eventstore.audit.Checkpoint;
import cn.qinglong.dangjian.eventstore.audit.CheckpointKey;
import cn.qinglong.dangjian.eventstore.chain.ChainHash;
import cn.qinglong.dangjian.query.lease.LeaseHoldingWorker;
import cn.qinglong.dangjian.query.lease.PublicationLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.common.DateTimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes committed events into the log tree in global order and, at the configured cadence or on demand, signs a
 * checkpoint of it. One node at a time does this: the one holding the {@code checkpoints} row of
 * {@code integration_publication} (the same lease the AMQP publisher uses, see {@link PublicationLease}); its
 * position is the global index taken in through. Leaves and the position move in one transaction, and only while
 * the lease is still held, so two nodes never append the same leaf.
 *
 * <p><b>Where the global order is stable.</b> A transaction takes its global index before it commits, so an index
 * can show up after a higher one, or never (a rollback). A leaf, once in a signed tree, can never move, so events are
 * taken in only up to the first gap that may still fill: a gap counts as settled — a rollback — once the event after
 * it is older than {@code gapMargin} (default 1 minute; a command's transaction takes milliseconds). Events above a
 * younger gap wait for the next round. This is the integration feed's rule with a wider margin, because a late
 * commit missed here would stay outside the tree for good (an outsider would see its proof fail) instead of being
 * sent again.
 *
 * <p>A node keeps the trees of the checkpoint it made last and grows them by the new leaves only, so a checkpoint
 * costs the new events and one leaf a stream (the heads tree), not the whole log. When it has no such trees (it
 * just started or took over) it reads every leaf, and before signing checks that they still give the previous
 * checkpoint's root: if someone rewrote {@code audit_leaf}, it refuses to sign and says so, rather than signing the
 * rewrite.
 */
public class Checkpointer extends LeaseHoldingWorker {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    private static final int BATCH = 1000;
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;
    private final AuditStore store;
    private final CheckpointKey key;
    private final CheckpointProperties settings;
    private final TransactionTemplate transaction;
    private final List<CheckpointPublication> publications;
    private final Clock clock;

    public Checkpointer(JdbcTemplate jdbc, AuditStore store, CheckpointKey key, CheckpointProperties settings,
                        PublicationLease lease, PlatformTransactionManager transactions,
                        List<CheckpointPublication> publications, Clock clock) {
        super(lease, "checkpointer", "checkpoint");
        this.jdbc = jdbc;
        this.store = store;
        this.key = key;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
        this.publications = publications;
        this.clock = clock;
    }

    /** What an on-demand checkpoint came to. */
    public sealed interface Outcome {
        record Made(Checkpoint checkpoint) implements Outcome { }
        record Unchanged(Checkpoint latest) implements Outcome { }
        record NothingYet() implements Outcome { }
        record OtherNode() implements Outcome { }
    }

    /** Takes in what is committed and signs a checkpoint of it now, unless nothing was added since the last one. */
    public Outcome checkpointNow() {
        return round(true);
    }

    synchronized Outcome round(boolean force) {
        OptionalLong position = lease.acquire();
        if (position.isEmpty()) {
            return new Outcome.OtherNode();
        }
        long through = takeIn(position.getAsLong());
        Optional<Checkpoint> latest = store.latest();
        long size = store.leafCount();
        Outcome outcome;
        if (size == 0) {
            outcome = new Outcome.NothingYet();
        } else if (latest.isPresent() && latest.get().treeSize() >= size) {
            outcome = new Outcome.Unchanged(latest.get());
        } else if (force || due(latest, size)) {
            outcome = new Outcome.Made(make(latest, size, through));
        } else {
            outcome = new Outcome.Unchanged(latest.orElse(null));
        }
        publish();
        return outcome;
    }

    private boolean due(Optional<Checkpoint> latest, long size) {
        if (latest.isEmpty()) {
            return true;
        }
        Checkpoint last = latest.get();
        return size - last.treeSize() >= settings.everyEvents()
                || !Instant.parse(last.time()).plus(settings.every()).isAfter(clock.instant());
    }

    /** Appends the events committed after global index {@code after} as leaves; answers the new position. */
    private long takeIn(long after) {
        long next = store.leafCount();
        while (true) {
            Instant settledBefore = clock.instant().minus(settings.gapMargin());
            List<Object[]> rows = jdbc.query("SELECT globalIndex, aggregateIdentifier, sequenceNumber, metaData, "
                            + "timeStamp FROM DomainEventEntry WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?",
                    (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBytes(4),
                            rs.getString(5)}, after, BATCH);
            List<AuditStore.LeafRow> leaves = new ArrayList<>();
            long expected = after + 1;
            boolean gap = false;
            for (Object[] row : rows) {
                long global = (Long) row[0];
                if (global > expected && DateTimeUtils.parseInstant((String) row[4]).isAfter(settledBefore)) {
                    gap = true;
                    break;
                }
                leaves.add(new AuditStore.LeafRow(next++, global, (String) row[1], (Long) row[2],
                        ChainHash.hashIn((byte[]) row[3])));
                expected = global + 1;
            }
            if (!leaves.isEmpty()) {
                long last = leaves.get(leaves.size() - 1).globalIndex();
                transaction.executeWithoutResult(status -> {
                    store.insertLeaves(leaves);
                    if (!lease.advance(last)) {
                        throw new LeaseLost();
                    }
                });
                after = last;
            }
            if (gap || rows.size() < BATCH) {
                return after;
            }
        }
    }

    private Checkpoint make(Optional<Checkpoint> latest, long size, long through) {
        long started = System.nanoTime();
        // the trees of the latest checkpoint, kept since this node made it, grow by the new leaves only; a node that
        // has none (it just started, or took over) reads every leaf, and so checks the whole table once
        AuditStore.Trees base = latest.map(store::cachedFor).orElse(null);
        AuditStore.Trees trees = store.extend(base, size);
        if (latest.isPresent() && base == null) {
            Checkpoint last = latest.get();
            String recomputed = HEX.formatHex(trees.log().rootOf(last.treeSize()));
            if (!recomputed.equals(last.rootHash())) {
                throw new IllegalStateException("refusing to sign: the first " + last.treeSize() + " leaves of "
                        + "audit_leaf no longer give checkpoint " + last.number() + "'s root (" + last.rootHash()
                        + " signed, " + recomputed + " now): the audit log was altered");
            }
        }
        Checkpoint checkpoint = key.sign(new Checkpoint(latest.map(Checkpoint::number).orElse(0L) + 1, size,
                HEX.formatHex(trees.log().root()), trees.heads().size(), HEX.formatHex(trees.heads().root()),
                through, clock.instant().toString(), null, null));
        transaction.executeWithoutResult(status -> {
            store.insert(checkpoint);
            if (!lease.advance(through)) {
                throw new LeaseLost();
            }
        });
        store.remember(trees);
        log.info("Checkpoint {}: {} events through global index {}, root {}, {} streams ({} ms)", checkpoint.number(),
                size, through, checkpoint.rootHash(), checkpoint.headsCount(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return checkpoint;
    }

    private void publish() {
        if (publications.isEmpty()) {
            return;
        }
        for (Checkpoint checkpoint : store.unpublished()) {
            boolean all = true;
            for (CheckpointPublication publication : publications) {
                all &= publication.publish(checkpoint);
            }
            if (!all) {
                return;
            }
            store.published(checkpoint.number());
        }
    }

    static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("another node took over making checkpoints");
        }
    }

    @Override
    protected void whileRunning() {
        while (running) {
            try {
                round(false);
            } catch (LeaseLost lost) {
                log.info("Another node took over making checkpoints; this node stands by");
            } catch (RuntimeException e) {
                if (running) {
                    log.error("Making a checkpoint failed; trying again in {}", settings.pollInterval(), e);
                }
            }
            try {
                Thread.sleep(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

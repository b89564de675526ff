package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link StreamOrderPass} of the generations waiting for one, under a lease kept in their pointer documents
 * ({@code pass}: the generation, {@code passOwner}, {@code passUntil}, {@code passRead}), so that any node may run
 * it and another takes it over when that node dies.
 */
final class StreamPasses {

    private static final Logger log = LoggerFactory.getLogger(StreamPasses.class);

    private final Map<String, Projection> projections;
    private final MongoCollection<Document> pointers;
    private final MongoDatabase database;
    private final ChainRememberingJdbcEventStorageEngine engine;
    private final TokenStore tokenStore;
    private final StoredTokens storedTokens;
    private final ProjectionSettings settings;
    private final AtomicBoolean passing = new AtomicBoolean();
    private Runnable whenBuilt;
    /** One pass at a time, and its lease's renewal, outside the runtime's lock. */
    private ScheduledExecutorService executor;
    private volatile boolean running;

    StreamPasses(Map<String, Projection> projections, MongoCollection<Document> pointers, MongoDatabase database,
                 ChainRememberingJdbcEventStorageEngine engine, TokenStore tokenStore, StoredTokens storedTokens,
                 ProjectionSettings settings) {
        this.projections = projections;
        this.pointers = pointers;
        this.database = database;
        this.engine = engine;
        this.tokenStore = tokenStore;
        this.storedTokens = storedTokens;
        this.settings = settings;
    }

    /** {@code whenBuilt} runs each time a pass has built its generations. */
    void open(Runnable whenBuilt) {
        this.whenBuilt = whenBuilt;
        executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "projection-pass");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
    }

    /**
     * Without an interrupt: H2 closes its database file when a thread reading it is interrupted. The pass stops at
     * its next batch.
     */
    void close() {
        running = false;
        if (executor != null) {
            executor.shutdown();
        }
    }

    /**
     * Claims every generation waiting for its stream-order pass whose lease is free (never taken, or not renewed by
     * a node that died mid-pass) and builds them all in one pass on this node, one pass at a time.
     */
    synchronized void start() {
        if (executor == null || !passing.compareAndSet(false, true)) {
            return;
        }
        long now = System.currentTimeMillis();
        Map<FoldingProjection, Integer> claimed = new LinkedHashMap<>();
        for (Document document : pointers.find(exists("pass"))) {
            if (projections.get(document.getString("_id")) instanceof FoldingProjection projection) {
                int generation = document.getInteger("pass");
                boolean mine = pointers.updateOne(and(eq("_id", projection.name()), eq("pass", generation),
                                or(exists("passUntil", false), lt("passUntil", now))),
                        new Document("$set", new Document("passOwner", settings.nodeId())
                                .append("passUntil", now + settings.claimTimeout().toMillis())
                                .append("passRead", 0L))).getModifiedCount() == 1;
                if (mine) {
                    claimed.put(projection, generation);
                }
            }
        }
        if (claimed.isEmpty()) {
            passing.set(false);
            return;
        }
        executor.execute(() -> {
            try {
                run(claimed);
            } finally {
                passing.set(false);
            }
        });
    }

    /**
     * Builds the claimed generations from scratch (whatever a pass cut short left is dropped first), then gives each
     * processor its tokens where the pass stopped, and lets every node start it. The lease is renewed while the pass
     * runs; a pass that loses it stops, and one that fails hands it back at once.
     */
    private void run(Map<FoldingProjection, Integer> claimed) {
        List<String> names = claimed.keySet().stream().map(Projection::name).toList();
        try {
            List<StreamOrderPass.Build> builds = new ArrayList<>();
            claimed.forEach((projection, generation) -> {
                ViewCollections views = new ViewCollections(database, projection.name(), generation);
                views.drop(projection.collections());
                storedTokens.delete(ProjectionProcessors.processorName(projection.name(), generation));
                views.prepare(projection);
                builds.add(new StreamOrderPass.Build(projection, views));
            });
            TrackingToken headToken = engine.createHeadToken();
            long head = headToken == null ? -1 : headToken.position().orElse(-1);
            long started = System.nanoTime();
            AtomicLong read = new AtomicLong();
            AtomicBoolean held = new AtomicBoolean(true);
            long renewal = settings.claimExtension().toMillis();
            ScheduledFuture<?> lease = executor.scheduleWithFixedDelay(() -> held.compareAndSet(true,
                    renew(names, read.get())), renewal, renewal, TimeUnit.MILLISECONDS);
            TrackingToken token;
            try {
                token = new StreamOrderPass(engine, settings.batchSize(),
                        StreamOrderPass.INDEX_MARKS_PER_WRITE).run(builds, head, settings.passMargin(),
                        events -> {
                            read.set(events);
                            if (!held.get() || !running) {
                                throw new IllegalStateException(running ? "another node took the pass over"
                                        : "the node is stopping");
                            }
                        });
            } finally {
                lease.cancel(false);
            }
            claimed.forEach((projection, generation) -> {
                tokenStore.initializeTokenSegments(ProjectionProcessors.processorName(projection.name(), generation),
                        settings.segments(), token);
                pointers.updateOne(and(eq("_id", projection.name()), eq("pass", generation),
                                eq("passOwner", settings.nodeId())),
                        new Document("$unset", new Document("pass", "").append("passOwner", "")
                                .append("passUntil", "").append("passRead", "")));
            });
            log.info("stream-order pass built {} up to position {} in {} ms", names, head,
                    (System.nanoTime() - started) / 1_000_000);
            whenBuilt.run();
        } catch (RuntimeException e) {
            log.warn("stream-order pass of {} stopped, to be taken up again: {}", names, e.toString());
            pointers.updateMany(and(in("_id", names), eq("passOwner", settings.nodeId())),
                    new Document("$set", new Document("passUntil", 0L)));
        }
    }

    /** Whether this node still holds the lease of every pass in {@code names}; a failed write keeps it for now. */
    private boolean renew(List<String> names, long read) {
        try {
            return pointers.updateMany(and(in("_id", names), eq("passOwner", settings.nodeId())),
                    new Document("$set", new Document("passUntil",
                            System.currentTimeMillis() + settings.claimTimeout().toMillis()).append("passRead", read)))
                    .getMatchedCount() == names.size();
        } catch (RuntimeException e) {
            log.warn("could not renew the stream-order pass of {}: {}", names, e.toString());
            return true;
        }
    }

}

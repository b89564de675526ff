package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every projection as pooled streaming processors, one per generation of its view, and swaps generations
 * blue/green: a rebuild builds generation N+1 into fresh collections while generation N keeps answering. A folding
 * view's new generation (and its first build) is built by one {@link StreamOrderPass} over the store, shared by every
 * view waiting for one; its processor then takes over from where the pass stopped. Once N+1 has caught up, the pointer document of the projection is switched in one write and
 * generation N is stopped, its tokens deleted and its collections dropped.
 *
 * <p>The pointer documents (collection {@value #POINTERS}) are the only truth about generations, shared by every
 * query node: each node re-reads them every {@code pointerRefresh}, answers from the generation they name active,
 * and runs a processor for it and for the generation being built, so the nodes split both between them through the
 * token store's claims (see {@link #balance()}). Every step of a rebuild is a conditional write, so any node may
 * take it (whichever sees the new generation caught up first swaps; whichever sees a retired generation's grace
 * over cleans it up), and a rebuild carries on when the node that started it dies.
 */
@Component
public class ProjectionRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRuntime.class);
    private static final String POINTERS = "projection_generations";
    private static final String NODES = "query_nodes";

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final StoredTokens storedTokens;
    private final MongoDatabase database;
    private final ChainRememberingJdbcEventStorageEngine engine;
    private final ProjectionSettings settings;
    /** The pointer of every projection as this node last read it. */
    private final Map<String, Pointer> pointers = new ConcurrentHashMap<>();
    /** The generations this node runs a processor for, per projection. */
    private final Map<String, Map<Integer, Generation>> local = new ConcurrentHashMap<>();
    private ScheduledExecutorService supervisor;
    /** Runs this node's stream-order passes, one at a time, outside the supervisor's lock. */
    private ExecutorService passes;
    private final AtomicBoolean passing = new AtomicBoolean();
    private long lastBalance = System.nanoTime();
    private volatile boolean running;

    /**
     * A projection's pointer document: the answering generation, the one being built, the generation still waiting
     * for its stream-order pass ({@code pass}, with the node running it and how long its lease lasts), and the
     * retired ones.
     */
    private record Pointer(int active, int latest, Integer building, long buildingHead, String buildingStartedAt,
                           ProjectionStatus.Rebuilt lastRebuild, List<Document> retired, Integer pass,
                           String passOwner, long passUntil, long passRead) {

        static Pointer of(Document document) {
            int active = document.getInteger("active");
            Document last = document.get("lastRebuild", Document.class);
            return new Pointer(active, document.getInteger("latest", active), document.getInteger("building"),
                    document.get("buildingHead") == null ? -1 : ((Number) document.get("buildingHead")).longValue(),
                    document.getString("buildingStartedAt"),
                    last == null ? null : new ProjectionStatus.Rebuilt(last.getInteger("generation"),
                            last.getString("startedAt"), last.getString("swappedAt"), last.getLong("events"),
                            last.getDouble("seconds"), last.getLong("eventsPerSecond")),
                    document.getList("retired", Document.class, List.of()), document.getInteger("pass"),
                    document.getString("passOwner"), longOf(document, "passUntil"), longOf(document, "passRead"));
        }

        private static long longOf(Document document, String field) {
            return document.get(field) == null ? -1 : ((Number) document.get(field)).longValue();
        }

        /** The generations with a processor: those answering or being built, once their pass (if any) is done. */
        Set<Integer> running() {
            Set<Integer> running = new java.util.HashSet<>(building == null ? Set.of(active) : Set.of(active, building));
            if (pass != null) {
                running.remove(pass);
            }
            return running;
        }
    }

    private static final class Generation {
        final int number;
        final PooledStreamingEventProcessor processor;
        final ScheduledExecutorService coordinator;
        final ScheduledExecutorService workers;
        final ProjectionEventHandler handler;
        /** A split of one of its segments is under way on this node. */
        final java.util.concurrent.atomic.AtomicBoolean splitting = new java.util.concurrent.atomic.AtomicBoolean();

        Generation(int number, PooledStreamingEventProcessor processor, ScheduledExecutorService coordinator,
                   ScheduledExecutorService workers, ProjectionEventHandler handler) {
            this.number = number;
            this.processor = processor;
            this.handler = handler;
            this.coordinator = coordinator;
            this.workers = workers;
        }
    }

    public ProjectionRuntime(List<Projection> projections, EventStore eventStore, TokenStore tokenStore,
                             StoredTokens storedTokens, MongoDatabase database,
                             ChainRememberingJdbcEventStorageEngine engine, ProjectionSettings settings) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.storedTokens = storedTokens;
        this.database = database;
        this.engine = engine;
        this.settings = settings;
    }

    public Collection<String> names() {
        return projections.keySet();
    }

    /** The collections of the generation that currently answers queries. */
    public ViewCollections views(String name) {
        Pointer pointer = pointers.get(require(name).name());
        if (pointer == null) {
            throw new IllegalStateException("projection '" + name + "' is not running");
        }
        return new ViewCollections(database, name, pointer.active());
    }

    /**
     * The global position of the last event the answering view includes, over all its segments whichever node
     * processes them; -1 when it includes none.
     */
    public long position(String name) {
        Pointer pointer = pointers.get(name);
        return pointer == null ? -1 : position(name, pointer.active());
    }

    /**
     * Waits until every named view includes the event at {@code minPosition}, or the timeout passes. Answers the
     * lowest position among them.
     */
    public long awaitPosition(Collection<String> names, long minPosition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long lowest = names.stream().mapToLong(this::position).min().orElse(Long.MAX_VALUE);
            if (lowest >= minPosition || System.nanoTime() >= deadline) {
                return lowest;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lowest;
            }
        }
    }

    public long head() {
        TrackingToken head = engine.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    public List<ProjectionStatus> statuses() {
        long head = head();
        List<ProjectionStatus> result = new ArrayList<>();
        for (String name : projections.keySet()) {
            result.add(status(name, head));
        }
        return result;
    }

    public ProjectionStatus status(String name) {
        return status(require(name).name(), head());
    }

    private ProjectionStatus status(String name, long head) {
        Pointer pointer = pointers.get(name);
        if (pointer == null) {
            return new ProjectionStatus(name, 0, -1, head, Math.max(0, head), "STOPPED", progress(-1, head), null,
                    null, 0);
        }
        Generation current = local(name, pointer.active());
        Generation next = pointer.building() == null ? null : local(name, pointer.building());
        long position = position(name, pointer.active());
        long lag = Math.max(0, head - Math.max(position, 0));
        String status;
        boolean firstPass = Integer.valueOf(pointer.active()).equals(pointer.pass());
        if (firstPass) {
            status = "CATCHING_UP";
        } else if (current == null || !current.processor.isRunning()) {
            status = "STOPPED";
        } else if (current.processor.isError() || (next != null && next.processor.isError())) {
            status = "ERROR";
        } else if (pointer.building() != null) {
            status = "REBUILDING";
        } else {
            status = lag == 0 ? "RUNNING" : "CATCHING_UP";
        }
        ProjectionStatus.Rebuild rebuild = null;
        double progress = firstPass ? progress(pointer.passRead(), head) : progress(position, head);
        if (pointer.building() != null) {
            boolean inPass = pointer.building().equals(pointer.pass());
            long nextPosition = inPass ? -1 : position(name, pointer.building());
            rebuild = new ProjectionStatus.Rebuild(pointer.building(), inPass ? "STREAM_PASS" : "CATCHING_UP",
                    nextPosition, inPass ? progress(pointer.passRead(), head) : progress(nextPosition, head),
                    pointer.buildingStartedAt(), next == null ? 0 : next.handler.averageBatchSize());
            progress = rebuild.progress();
        }
        return new ProjectionStatus(name, pointer.active(), position, head, lag, status, progress, rebuild,
                pointer.lastRebuild(), current == null ? 0 : current.handler.averageBatchSize());
    }

    private static double progress(long position, long head) {
        if (head <= 0) {
            return 1.0;
        }
        return Math.max(0, Math.min(1.0, (double) Math.max(position, 0) / head));
    }

    /**
     * Starts building a new generation from the first event; the current one keeps answering meanwhile. The
     * pointer is claimed with one conditional write, so of two nodes asked at once only one starts a rebuild.
     */
    public synchronized ProjectionStatus rebuild(String name) {
        Projection projection = require(name);
        Pointer pointer = Pointer.of(pointer(name));
        if (pointer.building() != null || pointer.pass() != null) {
            throw new RebuildAlreadyRunning(name, pointer.building() != null ? pointer.building() : pointer.pass());
        }
        int next = pointer.latest() + 1;
        Document claim = new Document("building", next).append("latest", next)
                .append("buildingHead", head()).append("buildingStartedAt", Instant.now().toString());
        if (projection instanceof FoldingProjection) {
            claim.append("pass", next);
        }
        boolean claimed = pointers().updateOne(
                and(eq("_id", name), eq("latest", pointer.latest()), exists("building", false),
                        exists("pass", false)),
                new Document("$set", claim)).getModifiedCount() == 1;
        Pointer now = Pointer.of(pointer(name));
        pointers.put(name, now);
        if (!claimed) {
            throw new RebuildAlreadyRunning(name, now.building() == null ? next : now.building());
        }
        follow(projection, now);
        log.info("rebuilding projection {} into generation {}", name, next);
        return status(name);
    }

    /**
     * Starts rebuilding every projection at once, so that one stream-order pass builds them all; answers their
     * statuses. A projection already rebuilding is left to finish.
     */
    public synchronized List<ProjectionStatus> rebuildAll() {
        for (String name : projections.keySet()) {
            try {
                rebuild(name);
            } catch (RebuildAlreadyRunning e) {
                log.info("projection {} is already rebuilding", name);
            }
        }
        startPass();
        return statuses();
    }

    @Override
    public synchronized void start() {
        for (Projection projection : projections.values()) {
            Pointer pointer = Pointer.of(pointer(projection.name()));
            pointers.put(projection.name(), pointer);
            follow(projection, pointer);
        }
        passes = Executors.newSingleThreadExecutor(named("projection-pass"));
        supervisor = Executors.newSingleThreadScheduledExecutor(named("projection-supervisor"));
        long refresh = settings.pointerRefresh().toMillis();
        supervisor.scheduleWithFixedDelay(this::supervise, refresh, refresh, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (supervisor != null) {
            supervisor.shutdownNow();
        }
        if (passes != null) {
            passes.shutdownNow();
        }
        List<Generation> all = new ArrayList<>();
        local.values().forEach(generations -> all.addAll(generations.values()));
        all.forEach(generation -> shutDown(generation).join());
        local.clear();
        try {
            // the others count one node fewer at once, and keep the segments this node just released
            nodes().deleteOne(eq("_id", settings.nodeId()));
        } catch (RuntimeException e) {
            log.warn("could not sign off: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Follows the pointers another node may have moved, swaps caught-up rebuilds, cleans up retired generations,
     * and hands segments this node holds beyond its share to the others.
     */
    private synchronized void supervise() {
        try {
            Map<String, Document> documents = new HashMap<>();
            pointers().find().forEach(document -> documents.put(document.getString("_id"), document));
            for (Projection projection : projections.values()) {
                Document document = documents.get(projection.name());
                if (document == null) {
                    continue;
                }
                Pointer pointer = Pointer.of(document);
                pointers.put(projection.name(), pointer);
                follow(projection, pointer);
                if (pointer.building() != null) {
                    swapIfCaughtUp(projection.name(), pointer);
                }
                splitToConfiguredSegments(projection.name(), pointers.get(projection.name()));
                cleanUpRetired(projection, pointer);
            }
            startPass();
            heartbeat();
            if (System.nanoTime() - lastBalance >= settings.claimInterval().toNanos()) {
                lastBalance = System.nanoTime();
                balance();
            }
        } catch (RuntimeException e) {
            log.warn("could not follow the projection generations: {}", e.toString());
        }
    }

    /**
     * Claims every generation waiting for its stream-order pass whose lease is free (never taken, or not renewed by
     * a node that died mid-pass) and builds them all in one pass on this node, one pass at a time.
     */
    private synchronized void startPass() {
        if (passes == null || !passing.compareAndSet(false, true)) {
            return;
        }
        long now = System.currentTimeMillis();
        Map<FoldingProjection, Integer> claimed = new LinkedHashMap<>();
        for (Document document : pointers().find(exists("pass"))) {
            if (projections.get(document.getString("_id")) instanceof FoldingProjection projection) {
                int generation = document.getInteger("pass");
                boolean mine = pointers().updateOne(and(eq("_id", projection.name()), eq("pass", generation),
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
        passes.execute(() -> {
            try {
                runPass(claimed);
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
    private void runPass(Map<FoldingProjection, Integer> claimed) {
        List<String> names = claimed.keySet().stream().map(Projection::name).toList();
        try {
            List<StreamOrderPass.Build> builds = new ArrayList<>();
            claimed.forEach((projection, generation) -> {
                ViewCollections views = new ViewCollections(database, projection.name(), generation);
                views.drop(projection.collections());
                storedTokens.delete(processorName(projection.name(), generation));
                prepare(projection, views);
                builds.add(new StreamOrderPass.Build(projection, views));
            });
            long head = head();
            long started = System.nanoTime();
            long[] renewed = {started};
            TrackingToken token = new StreamOrderPass(engine, settings.batchSize()).run(builds, head,
                    settings.passMargin(), read -> {
                        if (System.nanoTime() - renewed[0] >= settings.claimExtension().toNanos()) {
                            renewPass(names, read);
                            renewed[0] = System.nanoTime();
                        }
                    });
            claimed.forEach((projection, generation) -> {
                tokenStore.initializeTokenSegments(processorName(projection.name(), generation), settings.segments(),
                        token);
                pointers().updateOne(and(eq("_id", projection.name()), eq("pass", generation),
                                eq("passOwner", settings.nodeId())),
                        new Document("$unset", new Document("pass", "").append("passOwner", "")
                                .append("passUntil", "").append("passRead", "")));
            });
            log.info("stream-order pass built {} up to position {} in {} ms", names, head,
                    (System.nanoTime() - started) / 1_000_000);
            supervisor.execute(this::supervise);
        } catch (RuntimeException e) {
            log.warn("stream-order pass of {} stopped, to be taken up again: {}", names, e.toString());
            pointers().updateMany(and(in("_id", names), eq("passOwner", settings.nodeId())),
                    new Document("$set", new Document("passUntil", 0L)));
        }
    }

    private void renewPass(List<String> names, long read) {
        long held = pointers().updateMany(and(in("_id", names), eq("passOwner", settings.nodeId())),
                new Document("$set", new Document("passUntil",
                        System.currentTimeMillis() + settings.claimTimeout().toMillis()).append("passRead", read)))
                .getMatchedCount();
        if (held < names.size()) {
            throw new IllegalStateException("another node took the stream-order pass over");
        }
    }

    /** Runs a processor for each generation the pointer names, and none for any other. */
    private void follow(Projection projection, Pointer pointer) {
        Map<Integer, Generation> generations = local.computeIfAbsent(projection.name(), n -> new ConcurrentHashMap<>());
        for (int number : pointer.running()) {
            if (!generations.containsKey(number)) {
                generations.put(number, start(projection, number));
            }
        }
        for (Generation generation : List.copyOf(generations.values())) {
            if (!pointer.running().contains(generation.number)) {
                generations.remove(generation.number);
                shutDown(generation);
                log.info("processor {} stopped: generation {} is retired", generation.processor.getName(),
                        generation.number);
            }
        }
    }

    private void swapIfCaughtUp(String name, Pointer pointer) {
        int next = pointer.building();
        if (pointer.pass() != null) {
            return;
        }
        long nextPosition = position(name, next);
        if (nextPosition < pointer.buildingHead() || nextPosition < position(name, pointer.active())) {
            return;
        }
        Instant swappedAt = Instant.now();
        Instant startedAt = Instant.parse(pointer.buildingStartedAt());
        long events = Math.max(0, nextPosition);
        double seconds = Duration.between(startedAt, swappedAt).toMillis() / 1000.0;
        Document rebuilt = new Document("generation", next).append("startedAt", startedAt.toString())
                .append("swappedAt", swappedAt.toString()).append("events", events).append("seconds", seconds)
                .append("eventsPerSecond", seconds <= 0 ? events : Math.round(events / seconds));
        Document retire = new Document("generation", pointer.active()).append("at", swappedAt.toString());
        boolean swapped = pointers().updateOne(and(eq("_id", name), eq("building", next)),
                        new Document("$set", new Document("active", next).append("lastRebuild", rebuilt))
                                .append("$push", new Document("retired", retire))
                                .append("$unset", new Document("building", "").append("buildingHead", "")
                                        .append("buildingStartedAt", "")))
                .getModifiedCount() == 1;
        if (swapped) {
            log.info("projection {} now answers from generation {}: {} events in {} s", name, next, events, seconds);
            Pointer now = Pointer.of(pointer(name));
            pointers.put(name, now);
            follow(projections.get(name), now);
        }
    }

    /**
     * A generation gets {@code segments} segments when it is built; one with fewer (started before the setting was
     * raised) is split once it answers and every segment has caught up with the store: the node holding its widest
     * segment splits that, one split at a time; {@link #balance()} then hands the new segments to the other nodes.
     */
    private void splitToConfiguredSegments(String name, Pointer pointer) {
        Generation generation = local(name, pointer.active());
        if (generation == null || generation.splitting.get() || !generation.processor.isRunning()) {
            return;
        }
        int segments = storedTokens.positions(generation.processor.getName()).size();
        if (segments == 0 || segments >= settings.segments() || !nearHead(generation)) {
            return;
        }
        generation.processor.processingStatus().values().stream()
                .filter(status -> !status.isErrorState())
                .map(EventTrackerStatus::getSegment)
                .min(java.util.Comparator.comparingInt(org.axonframework.eventhandling.Segment::getMask))
                .ifPresent(segment -> {
                    generation.splitting.set(true);
                    generation.processor.splitSegment(segment.getSegmentId()).whenComplete((split, failure) -> {
                        generation.splitting.set(false);
                        if (failure != null || !Boolean.TRUE.equals(split)) {
                            log.warn("could not split segment {} of {}: {}", segment.getSegmentId(),
                                    generation.processor.getName(), failure == null ? "refused" : failure.toString());
                        } else {
                            log.info("split segment {} of {} ({} segments, {} wanted)", segment.getSegmentId(),
                                    generation.processor.getName(), segments + 1, settings.segments());
                        }
                    });
                });
    }

    /**
     * Whether every segment this node processes has caught up with the store, or is within a batch of its head: under
     * a steady stream of new events a segment may never see the store without a next event, and must split anyway.
     */
    private boolean nearHead(Generation generation) {
        long head = head();
        return generation.processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()
                || status.getCurrentPosition().orElse(-1) >= head - settings.batchSize());
    }

    /**
     * Queries that read the pointer just before the swap, on any node, may still be reading a retired generation's
     * collections, so they are dropped only after the grace, and only once no node holds a claim on its segments
     * any more (every node has stopped its processor, or died long enough ago), so nothing writes to them again.
     */
    private void cleanUpRetired(Projection projection, Pointer pointer) {
        for (Document retired : pointer.retired()) {
            Instant at = Instant.parse(retired.getString("at"));
            if (Instant.now().isBefore(at.plus(settings.retiredGenerationGrace()))) {
                continue;
            }
            int number = retired.getInteger("generation");
            String processor = processorName(projection.name(), number);
            if (storedTokens.claimed(processor, settings.claimTimeout())) {
                continue;
            }
            storedTokens.delete(processor);
            new ViewCollections(database, projection.name(), number).drop(projection.collections());
            pointers().updateOne(eq("_id", projection.name()), new Document("$pull", new Document("retired", retired)));
            log.info("generation {} of projection {} dropped", number, projection.name());
        }
    }

    /** This node's sign of life, so the others know how many share the segments. */
    private void heartbeat() {
        nodes().updateOne(eq("_id", settings.nodeId()), new Document("$set", new Document("seen", System.currentTimeMillis())),
                new UpdateOptions().upsert(true));
    }

    /**
     * A processor claims every unclaimed segment it finds, so the node that starts first would keep them all. Each
     * node therefore releases what it holds beyond its share (segments divided by live nodes, rounded up); a
     * released segment is left for the others for two claim intervals. A node is live while its heartbeat is
     * younger than half the claim timeout, so a dead node stops counting before its claims expire and the
     * survivors keep the segments they take over.
     */
    private void balance() {
        long since = System.currentTimeMillis() - settings.claimTimeout().dividedBy(2).toMillis();
        nodes().deleteMany(lt("seen", since - Duration.ofHours(1).toMillis()));
        long nodes = Math.max(1, nodes().countDocuments(gte("seen", since)));
        for (Map<Integer, Generation> generations : local.values()) {
            for (Generation generation : generations.values()) {
                int segments = storedTokens.positions(generation.processor.getName()).size();
                int share = (int) ((segments + nodes - 1) / nodes);
                List<Integer> mine = new ArrayList<>(generation.processor.processingStatus().keySet());
                mine.sort(null);
                for (int i = share; i < mine.size(); i++) {
                    generation.processor.releaseSegment(mine.get(i));
                    log.info("released segment {} of {} for another node ({} nodes, {} segments)", mine.get(i),
                            generation.processor.getName(), nodes, segments);
                }
            }
        }
    }

    static void prepare(Projection projection, ViewCollections views) {
        if (projection instanceof FoldingProjection) {
            projection.collections().forEach(collection -> FoldingProjection.createVersionIndex(views.get(collection)));
        }
        projection.createIndexes(views);
    }

    private Generation start(Projection projection, int number) {
        String processorName = processorName(projection.name(), number);
        ViewCollections views = new ViewCollections(database, projection.name(), number);
        prepare(projection, views);
        int segments = settings.segments();
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor(named(processorName + "-coordinator"));
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(Math.max(segments, settings.segments()),
                named(processorName + "-worker"));
        ProjectionEventHandler handler = new ProjectionEventHandler(projection, views);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(processorName)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handler)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(segments)
                .tokenClaimInterval(settings.claimInterval().toMillis())
                .claimExtensionThreshold(settings.claimExtension().toMillis())
                .batchSize(settings.batchSize())
                .initialToken(source -> source.createTailToken())
                .build();
        processor.start();
        return new Generation(number, processor, coordinator, workers, handler);
    }

    private static CompletableFuture<Void> shutDown(Generation generation) {
        return generation.processor.shutdownAsync()
                .orTimeout(10, TimeUnit.SECONDS)
                .handle((done, failure) -> {
                    if (failure != null) {
                        log.warn("processor {} did not stop cleanly: {}", generation.processor.getName(),
                                failure.toString());
                    }
                    generation.coordinator.shutdownNow();
                    generation.workers.shutdownNow();
                    return null;
                });
    }

    private Generation local(String name, int number) {
        Map<Integer, Generation> generations = local.get(name);
        return generations == null ? null : generations.get(number);
    }

    /**
     * The lowest position over every segment of the generation's processor: this node's own segments as its
     * processor reports them, the others' as last stored in the token store.
     */
    private long position(String name, int number) {
        Map<Integer, Long> stored = storedTokens.positions(processorName(name, number));
        Generation generation = local(name, number);
        Map<Integer, EventTrackerStatus> mine = generation == null ? Map.of() : generation.processor.processingStatus();
        if (stored.isEmpty() && mine.isEmpty()) {
            return -1;
        }
        Map<Integer, Long> positions = new HashMap<>(stored);
        mine.forEach((segment, status) -> {
            OptionalLong position = status.getCurrentPosition();
            positions.merge(segment, position.isPresent() ? position.getAsLong() : -1, Math::max);
        });
        return positions.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    static String processorName(String projection, int generation) {
        return projection + "-g" + generation;
    }

    private Projection require(String name) {
        Projection projection = projections.get(name);
        if (projection == null) {
            throw new UnknownProjection(name);
        }
        return projection;
    }

    private MongoCollection<Document> nodes() {
        return database.getCollection(NODES);
    }

    private MongoCollection<Document> pointers() {
        return database.getCollection(POINTERS);
    }

    /**
     * The pointer document, created (generation 1) by whichever node comes first; a folding view's first build waits
     * for a stream-order pass.
     */
    private Document pointer(String name) {
        Document first = new Document("active", 1).append("latest", 1);
        if (projections.get(name) instanceof FoldingProjection) {
            first.append("pass", 1);
        }
        pointers().updateOne(eq("_id", name), new Document("$setOnInsert", first), new UpdateOptions().upsert(true));
        return pointers().find(eq("_id", name)).first();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

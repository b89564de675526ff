package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's pooled streaming processors, one per generation of a view it runs, built with Axon's builder: Axon's
 * {@code EventProcessingConfigurer} registers processors once, when the application is configured, while
 * generations come and go at runtime. Each node takes its share of every processor's segments through Axon's
 * {@code MaxSegmentProvider}.
 */
final class ProjectionProcessors {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProcessors.class);
    private static final String NODES = "query_nodes";

    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final StoredTokens storedTokens;
    private final MongoDatabase database;
    private final ProjectionSettings settings;
    /** The generations this node runs a processor for, per projection. */
    private final Map<String, Map<Integer, Generation>> local = new ConcurrentHashMap<>();
    /** Live query nodes, and every local processor's segments, as last counted (see {@link #countNodes()}). */
    private volatile int liveNodes = 1;
    private final Map<String, Integer> segmentCounts = new ConcurrentHashMap<>();

    ProjectionProcessors(EventStore eventStore, TokenStore tokenStore, StoredTokens storedTokens,
                         MongoDatabase database, ProjectionSettings settings) {
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.storedTokens = storedTokens;
        this.database = database;
        this.settings = settings;
    }

    /** Runs a processor for each of the projection's {@code running} generations, and none for any other. */
    void follow(Projection projection, Set<Integer> running) {
        Map<Integer, Generation> generations = local.computeIfAbsent(projection.name(), n -> new ConcurrentHashMap<>());
        for (int number : running) {
            if (!generations.containsKey(number)) {
                generations.put(number, start(projection, number));
            }
        }
        for (Generation generation : List.copyOf(generations.values())) {
            if (!running.contains(generation.number)) {
                generations.remove(generation.number);
                shutDown(generation);
                log.info("processor {} stopped: generation {} is retired", generation.processor.getName(),
                        generation.number);
            }
        }
    }

    /** Stops every processor, and signs this node off: the others count one node fewer at once. */
    void stopAll() {
        List<Generation> all = new ArrayList<>();
        local.values().forEach(generations -> all.addAll(generations.values()));
        all.forEach(generation -> shutDown(generation).join());
        local.clear();
        try {
            nodes().deleteOne(eq("_id", settings.nodeId()));
        } catch (RuntimeException e) {
            log.warn("could not sign off: {}", e.toString());
        }
    }

    /** Whether this node runs the generation's processor. */
    boolean runs(String name, int number) {
        Generation generation = local(name, number);
        return generation != null && generation.processor.isRunning();
    }

    boolean failed(String name, int number) {
        Generation generation = local(name, number);
        return generation != null && generation.processor.isError();
    }

    /** Events per bulk write of the generation's processor on this node (0 if it runs none). */
    double averageBatchSize(String name, int number) {
        Generation generation = local(name, number);
        return generation == null ? 0 : generation.handler.averageBatchSize();
    }

    private static final class Generation {
        final int number;
        final PooledStreamingEventProcessor processor;
        final ScheduledExecutorService coordinator;
        final ScheduledExecutorService workers;
        final ProjectionEventHandler handler;
        /** A split of one of its segments is under way on this node. */
        final AtomicBoolean splitting = new AtomicBoolean();

        Generation(int number, PooledStreamingEventProcessor processor, ScheduledExecutorService coordinator,
                   ScheduledExecutorService workers, ProjectionEventHandler handler) {
            this.number = number;
            this.processor = processor;
            this.handler = handler;
            this.coordinator = coordinator;
            this.workers = workers;
        }
    }

    /**
     * A generation gets {@code segments} segments when it is built; one with fewer (started before the setting was
     * raised) is split once it answers and every segment has caught up with the store: the node holding its widest
     * segment splits that, one split at a time; the nodes' shares ({@link #countNodes()}) then hand the new segments
     * to the others.
     */
    void splitToConfiguredSegments(String name, int active, long head) {
        Generation generation = local(name, active);
        if (generation == null || generation.splitting.get() || !generation.processor.isRunning()) {
            return;
        }
        int segments = storedTokens.positions(generation.processor.getName()).size();
        if (segments == 0 || segments >= settings.segments() || !nearHead(generation, head)) {
            return;
        }
        generation.processor.processingStatus().values().stream()
                .filter(status -> !status.isErrorState())
                .map(EventTrackerStatus::getSegment)
                .min(Comparator.comparingInt(Segment::getMask))
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
    private boolean nearHead(Generation generation, long head) {
        return generation.processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()
                || status.getCurrentPosition().orElse(-1) >= head - settings.batchSize());
    }

    /** This node's sign of life, so the others know how many share the segments. */
    void heartbeat() {
        nodes().updateOne(eq("_id", settings.nodeId()),
                new Document("$set", new Document("seen", System.currentTimeMillis())),
                new UpdateOptions().upsert(true));
    }

    /**
     * A processor claims every unclaimed segment it finds, so the node that starts first would keep them all. Each
     * processor's {@code MaxSegmentProvider} therefore caps it at its share (its segments divided by live nodes,
     * rounded up), and Axon's coordinator releases what it holds beyond that for the others. Axon's claims cannot
     * count a node that holds no segment yet, so the nodes' heartbeats do: a node is live while its heartbeat is
     * younger than half the claim timeout, so a dead node stops counting before its claims expire and the
     * survivors keep the segments they take over.
     */
    void countNodes() {
        long since = System.currentTimeMillis() - settings.claimTimeout().dividedBy(2).toMillis();
        nodes().deleteMany(lt("seen", since - Duration.ofHours(1).toMillis()));
        liveNodes = (int) Math.max(1, nodes().countDocuments(gte("seen", since)));
        for (Map<Integer, Generation> generations : local.values()) {
            for (Generation generation : generations.values()) {
                String processor = generation.processor.getName();
                segmentCounts.put(processor, storedTokens.positions(processor).size());
            }
        }
    }

    /** A node's share of a processor's segments, asked by Axon's coordinator on every cycle: no reads here. */
    private int share(String processor) {
        int segments = Math.max(settings.segments(), segmentCounts.getOrDefault(processor, 0));
        return (segments + liveNodes - 1) / liveNodes;
    }

    private Generation start(Projection projection, int number) {
        String processorName = processorName(projection.name(), number);
        ViewCollections views = new ViewCollections(database, projection.name(), number);
        views.prepare(projection);
        ScheduledExecutorService coordinator =
                Executors.newSingleThreadScheduledExecutor(named(processorName + "-coordinator"));
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(settings.segments(),
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
                .initialSegmentCount(settings.segments())
                .maxSegmentProvider(this::share)
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
    long position(String name, int number) {
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

    /**
     * One state of the generation's documents: each segment's token, this node's own segments as its processor
     * reports them, the others' as last stored in the token store; {@code null} while no segment has stored one. A
     * processor writes a batch's documents, then stores its token, then reports it: the same state means the same
     * documents, and a state read once {@link #position} has reached P includes P.
     */
    String state(String name, int number) {
        Map<Integer, String> stored = storedTokens.tokens(processorName(name, number));
        if (stored.isEmpty()) {
            return null;
        }
        Map<Integer, String> tokens = new TreeMap<>(stored);
        Generation generation = local(name, number);
        if (generation != null) {
            generation.processor.processingStatus().forEach((segment, status) ->
                    tokens.put(segment, "reported " + status.getTrackingToken()));
        }
        return number + ":" + tokens;
    }

    private MongoCollection<Document> nodes() {
        return database.getCollection(NODES);
    }

    static String processorName(String projection, int generation) {
        return projection + "-g" + generation;
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

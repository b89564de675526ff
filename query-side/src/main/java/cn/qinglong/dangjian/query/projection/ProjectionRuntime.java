package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs every projection as pooled streaming processors, one per generation of its view, and swaps generations
 * blue/green: a rebuild builds generation N+1 into fresh collections from the first event while generation N keeps
 * answering; once N+1 has caught up, the pointer document of the projection is switched in one write and
 * generation N is stopped, its tokens deleted and its collections dropped.
 */
@Component
public class ProjectionRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRuntime.class);
    private static final String POINTERS = "projection_generations";

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final MongoDatabase database;
    private final JdbcTemplate jdbc;
    private final ProjectionSettings settings;
    private final Map<String, Generation> active = new ConcurrentHashMap<>();
    private final Map<String, Generation> building = new ConcurrentHashMap<>();
    private final Map<String, ProjectionStatus.Rebuilt> rebuilt = new ConcurrentHashMap<>();
    private ScheduledExecutorService supervisor;
    private volatile boolean running;

    private static final class Generation {
        final int number;
        final ViewCollections views;
        final PooledStreamingEventProcessor processor;
        final ScheduledExecutorService coordinator;
        final ScheduledExecutorService workers;
        final ProjectionEventHandler handler;
        final Instant startedAt = Instant.now();
        final long headAtStart;

        Generation(int number, ViewCollections views, PooledStreamingEventProcessor processor,
                   ScheduledExecutorService coordinator, ScheduledExecutorService workers,
                   ProjectionEventHandler handler, long headAtStart) {
            this.number = number;
            this.views = views;
            this.processor = processor;
            this.handler = handler;
            this.coordinator = coordinator;
            this.workers = workers;
            this.headAtStart = headAtStart;
        }
    }

    public ProjectionRuntime(List<Projection> projections, EventStore eventStore, TokenStore tokenStore,
                             MongoDatabase database, JdbcTemplate jdbc, ProjectionSettings settings) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.database = database;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public Collection<String> names() {
        return projections.keySet();
    }

    /** The collections of the generation that currently answers queries. */
    public ViewCollections views(String name) {
        Generation generation = active.get(require(name).name());
        if (generation == null) {
            throw new IllegalStateException("projection '" + name + "' is not running");
        }
        return generation.views;
    }

    /** The global position of the last event the answering view includes; -1 when it includes none. */
    public long position(String name) {
        Generation generation = active.get(name);
        return generation == null ? -1 : position(generation);
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
        Long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        return head == null ? -1 : head;
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
        Generation current = active.get(name);
        Generation next = building.get(name);
        long position = current == null ? -1 : position(current);
        long lag = Math.max(0, head - Math.max(position, 0));
        String status;
        if (current == null || !current.processor.isRunning()) {
            status = "STOPPED";
        } else if (current.processor.isError() || (next != null && next.processor.isError())) {
            status = "ERROR";
        } else if (next != null) {
            status = "REBUILDING";
        } else {
            status = lag == 0 ? "RUNNING" : "CATCHING_UP";
        }
        ProjectionStatus.Rebuild rebuild = null;
        double progress = progress(position, head);
        if (next != null) {
            long nextPosition = position(next);
            rebuild = new ProjectionStatus.Rebuild(next.number, nextPosition, progress(nextPosition, head),
                    next.startedAt.toString(), next.handler.averageBatchSize());
            progress = rebuild.progress();
        }
        return new ProjectionStatus(name, current == null ? 0 : current.number, position, head, lag, status,
                progress, rebuild, rebuilt.get(name), current == null ? 0 : current.handler.averageBatchSize());
    }

    private static double progress(long position, long head) {
        if (head <= 0) {
            return 1.0;
        }
        return Math.max(0, Math.min(1.0, (double) Math.max(position, 0) / head));
    }

    /** Starts building a new generation from the first event; the current one keeps answering meanwhile. */
    public synchronized ProjectionStatus rebuild(String name) {
        Projection projection = require(name);
        Generation running = building.get(name);
        if (running != null) {
            throw new RebuildAlreadyRunning(name, running.number);
        }
        int next = pointer(name).getInteger("latest", active.get(name).number) + 1;
        ViewCollections views = new ViewCollections(database, name, next);
        views.drop(projection.collections());
        deleteTokens(processorName(name, next));
        projection.createIndexes(views);
        pointers().updateOne(eq("_id", name), new Document("$set",
                new Document("building", next).append("latest", next)));
        building.put(name, start(projection, next));
        log.info("rebuilding projection {} into generation {}", name, next);
        return status(name);
    }

    public boolean rebuilding(String name) {
        return building.containsKey(name);
    }

    @Override
    public synchronized void start() {
        for (Projection projection : projections.values()) {
            Document pointer = pointer(projection.name());
            int generation = pointer.getInteger("active");
            projection.createIndexes(new ViewCollections(database, projection.name(), generation));
            active.put(projection.name(), start(projection, generation));
            Integer next = pointer.getInteger("building");
            if (next != null) {
                building.put(projection.name(), start(projection, next));
            }
        }
        supervisor = Executors.newSingleThreadScheduledExecutor(named("projection-supervisor"));
        supervisor.scheduleWithFixedDelay(this::swapCaughtUpRebuilds, 100, 100, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (supervisor != null) {
            supervisor.shutdownNow();
        }
        List<Generation> all = new ArrayList<>(building.values());
        all.addAll(active.values());
        all.forEach(ProjectionRuntime::shutDown);
        building.clear();
        active.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private synchronized void swapCaughtUpRebuilds() {
        try {
            for (var entry : new ArrayList<>(building.entrySet())) {
                String name = entry.getKey();
                Generation next = entry.getValue();
                Generation current = active.get(name);
                long nextPosition = position(next);
                if (nextPosition >= next.headAtStart && nextPosition >= position(current)) {
                    swap(name, current, next);
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not check the rebuilds: {}", e.toString());
        }
    }

    private void swap(String name, Generation current, Generation next) {
        pointers().updateOne(eq("_id", name), new Document("$set", new Document("active", next.number))
                .append("$unset", new Document("building", "")));
        active.put(name, next);
        building.remove(name);
        Instant swappedAt = Instant.now();
        long events = Math.max(0, position(next));
        double seconds = Duration.between(next.startedAt, swappedAt).toMillis() / 1000.0;
        rebuilt.put(name, new ProjectionStatus.Rebuilt(next.number, next.startedAt.toString(), swappedAt.toString(),
                events, seconds, seconds <= 0 ? events : Math.round(events / seconds)));
        log.info("projection {} now answers from generation {}: {} events in {} s", name, next.number, events, seconds);
        Projection projection = projections.get(name);
        // Queries that read the pointer just before the swap may still be reading the old collections.
        supervisor.schedule(() -> {
            shutDown(current);
            deleteTokens(processorName(name, current.number));
            current.views.drop(projection.collections());
        }, settings.retiredGenerationGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    private Generation start(Projection projection, int number) {
        String processorName = processorName(projection.name(), number);
        ViewCollections views = new ViewCollections(database, projection.name(), number);
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor(named(processorName + "-coordinator"));
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(settings.segments(), named(processorName + "-worker"));
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
                .batchSize(settings.batchSize())
                .initialToken(source -> source.createTailToken())
                .build();
        processor.start();
        return new Generation(number, views, processor, coordinator, workers, handler, head());
    }

    private static void shutDown(Generation generation) {
        try {
            generation.processor.shutdownAsync().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("processor {} did not stop cleanly: {}", generation.processor.getName(), e.toString());
        }
        generation.coordinator.shutdownNow();
        generation.workers.shutdownNow();
    }

    private void deleteTokens(String processorName) {
        try {
            for (int segment : tokenStore.fetchSegments(processorName)) {
                tokenStore.deleteToken(processorName, segment);
            }
        } catch (RuntimeException e) {
            log.warn("could not delete the tokens of {}: {}", processorName, e.toString());
        }
    }

    private static long position(Generation generation) {
        Map<Integer, EventTrackerStatus> statuses = generation.processor.processingStatus();
        if (statuses.isEmpty()) {
            return -1;
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : statuses.values()) {
            OptionalLong position = status.getCurrentPosition();
            lowest = Math.min(lowest, position.isPresent() ? position.getAsLong() : -1);
        }
        return lowest;
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

    private MongoCollection<Document> pointers() {
        return database.getCollection(POINTERS);
    }

    private Document pointer(String name) {
        Document pointer = pointers().find(eq("_id", name)).first();
        if (pointer == null) {
            pointer = new Document("_id", name).append("active", 1).append("latest", 1);
            pointers().replaceOne(eq("_id", name), pointer, new ReplaceOptions().upsert(true));
        }
        return pointer;
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

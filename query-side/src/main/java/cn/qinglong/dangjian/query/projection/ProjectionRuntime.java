package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import cn.qinglong.dangjian.query.projection.GenerationPointers.Pointer;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Swaps every projection's generations blue/green: a rebuild builds generation N+1 into fresh collections while
 * generation N keeps answering. A folding view's new generation (and its first build) is built by one
 * {@link StreamOrderPass} shared by every view waiting for one ({@link StreamPasses}); its processor
 * ({@link ProjectionProcessors}) then takes over from where the pass stopped. Once N+1 has caught up, the pointer
 * document of the projection is switched in one write and generation N is stopped, its tokens deleted and its
 * collections dropped.
 *
 * <p>The pointer documents ({@link GenerationPointers}) are the only truth about generations, shared by every query
 * node: each node re-reads them every {@code pointerRefresh}, answers from the generation they name active, and runs
 * a processor for it and for the generation being built, so the nodes split both between them through the token
 * store's claims. Every step of a rebuild is a conditional write, so any node may take it (whichever sees the new
 * generation caught up first swaps; whichever sees a retired generation's grace over cleans it up), and a rebuild
 * carries on when the node that started it dies.
 */
@Component
public class ProjectionRuntime implements Generations, ProjectionAdmin, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRuntime.class);

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final StoredTokens storedTokens;
    private final MongoDatabase database;
    private final ChainRememberingJdbcEventStorageEngine engine;
    private final ProjectionSettings settings;
    /** The pointer of every projection as this node last read it. */
    private final Map<String, Pointer> pointers = new ConcurrentHashMap<>();
    private final GenerationPointers generationPointers;
    private final ProjectionProcessors processors;
    private ScheduledExecutorService supervisor;
    private final StreamPasses passes;
    private long lastBalance = System.nanoTime();
    private volatile boolean running;

    public ProjectionRuntime(List<Projection> projections, EventStore eventStore, TokenStore tokenStore,
                             StoredTokens storedTokens, MongoDatabase database,
                             ChainRememberingJdbcEventStorageEngine engine, ProjectionSettings settings) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.storedTokens = storedTokens;
        this.database = database;
        this.engine = engine;
        this.processors = new ProjectionProcessors(eventStore, tokenStore, storedTokens, database, settings);
        this.generationPointers = new GenerationPointers(database.getCollection(GenerationPointers.COLLECTION),
                this.projections);
        this.passes = new StreamPasses(this.projections, database.getCollection(GenerationPointers.COLLECTION),
                database, engine, tokenStore, storedTokens, settings);
        this.settings = settings;
    }

    @Override
    public Collection<String> names() {
        return projections.keySet();
    }

    @Override
    public ViewCollections views(String name) {
        Pointer pointer = pointers.get(require(name).name());
        if (pointer == null) {
            throw new IllegalStateException("projection '" + name + "' is not running");
        }
        return new ViewCollections(database, name, pointer.active());
    }

    @Override
    public long position(String name) {
        Pointer pointer = pointers.get(name);
        return pointer == null ? -1 : processors.position(name, pointer.active());
    }

    @Override
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

    @Override
    public List<ProjectionStatus> statuses() {
        long head = head();
        List<ProjectionStatus> result = new ArrayList<>();
        for (String name : projections.keySet()) {
            result.add(status(name, head));
        }
        return result;
    }

    @Override
    public ProjectionStatus status(String name) {
        return status(require(name).name(), head());
    }

    private ProjectionStatus status(String name, long head) {
        Pointer pointer = pointers.get(name);
        if (pointer == null) {
            return new ProjectionStatus(name, 0, -1, head, Math.max(0, head), "STOPPED", progress(-1, head), null,
                    null, 0);
        }
        long position = processors.position(name, pointer.active());
        long lag = Math.max(0, head - Math.max(position, 0));
        String status;
        boolean firstPass = Integer.valueOf(pointer.active()).equals(pointer.pass());
        if (firstPass) {
            status = "CATCHING_UP";
        } else if (!processors.runs(name, pointer.active())) {
            status = "STOPPED";
        } else if (processors.failed(name, pointer.active())
                || pointer.building() != null && processors.failed(name, pointer.building())) {
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
            long nextPosition = inPass ? -1 : processors.position(name, pointer.building());
            rebuild = new ProjectionStatus.Rebuild(pointer.building(), inPass ? "STREAM_PASS" : "CATCHING_UP",
                    nextPosition, inPass ? progress(pointer.passRead(), head) : progress(nextPosition, head),
                    pointer.buildingStartedAt(), processors.averageBatchSize(name, pointer.building()));
            progress = rebuild.progress();
        }
        return new ProjectionStatus(name, pointer.active(), position, head, lag, status, progress, rebuild,
                pointer.lastRebuild(), processors.averageBatchSize(name, pointer.active()));
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
    @Override
    public synchronized ProjectionStatus rebuild(String name) {
        Projection projection = require(name);
        Pointer pointer = generationPointers.read(name);
        if (pointer.building() != null || pointer.pass() != null) {
            throw new RebuildAlreadyRunning(name, pointer.building() != null ? pointer.building() : pointer.pass());
        }
        int next = pointer.latest() + 1;
        boolean claimed = generationPointers.claimRebuild(name, pointer, head());
        Pointer now = generationPointers.read(name);
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
    @Override
    public synchronized List<ProjectionStatus> rebuildAll() {
        for (String name : projections.keySet()) {
            try {
                rebuild(name);
            } catch (RebuildAlreadyRunning e) {
                log.info("projection {} is already rebuilding", name);
            }
        }
        passes.start(this::superviseSoon);
        return statuses();
    }

    @Override
    public synchronized void start() {
        for (Projection projection : projections.values()) {
            Pointer pointer = generationPointers.read(projection.name());
            pointers.put(projection.name(), pointer);
            follow(projection, pointer);
        }
        passes.open();
        supervisor = Executors.newSingleThreadScheduledExecutor(ProjectionProcessors.named("projection-supervisor"));
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
        passes.close();
        processors.stopAll();
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
            generationPointers.all().forEach(document -> documents.put(document.getString("_id"), document));
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
                processors.splitToConfiguredSegments(projection.name(), pointers.get(projection.name()).active(),
                        head());
                cleanUpRetired(projection, pointer);
            }
            passes.start(this::superviseSoon);
            processors.heartbeat();
            if (System.nanoTime() - lastBalance >= settings.claimInterval().toNanos()) {
                lastBalance = System.nanoTime();
                processors.countNodes();
            }
        } catch (RuntimeException e) {
            log.warn("could not follow the projection generations: {}", e.toString());
        }
    }

    /** Follows a pointer another thread just moved without waiting for the next refresh. */
    private void superviseSoon() {
        supervisor.execute(this::supervise);
    }

    private void follow(Projection projection, Pointer pointer) {
        processors.follow(projection, pointer.running());
    }

    private void swapIfCaughtUp(String name, Pointer pointer) {
        int next = pointer.building();
        if (pointer.pass() != null) {
            return;
        }
        long nextPosition = processors.position(name, next);
        if (nextPosition < pointer.buildingHead() || nextPosition < processors.position(name, pointer.active())) {
            return;
        }
        boolean swapped = generationPointers.swap(name, pointer, nextPosition);
        if (swapped) {
            Pointer now = generationPointers.read(name);
            log.info("projection {} now answers from generation {}: {}", name, next, now.lastRebuild());
            pointers.put(name, now);
            follow(projections.get(name), now);
        }
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
            generationPointers.forgetRetired(projection.name(), retired);
            log.info("generation {} of projection {} dropped", number, projection.name());
        }
    }

    static void prepare(Projection projection, ViewCollections views) {
        if (projection instanceof FoldingProjection) {
            projection.collections().forEach(collection -> FoldingProjection.createVersionIndex(views.get(collection)));
        }
        projection.createIndexes(views);
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
}

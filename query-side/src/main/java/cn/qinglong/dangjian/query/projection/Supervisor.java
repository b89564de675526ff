package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.query.projection.GenerationPointers.Pointer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node following the pointer documents, which any node may move: every {@code pointerRefresh} a round
 * re-reads them, runs the processors they name, lets each rebuild take its next step, starts the stream-order passes
 * waiting, and keeps the segments spread over the live nodes.
 */
final class Supervisor {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    /** The runtime's one lock, shared with {@link Rebuilds} (see {@link ProjectionRuntime}). */
    private final Object lock;
    private final FollowedGenerations generations;
    private final GenerationPointers pointers;
    private final Rebuilds rebuilds;
    private final ProjectionProcessors processors;
    private final StreamPasses passes;
    private final ProjectionSettings settings;
    private ScheduledExecutorService rounds;
    private long lastBalance = System.nanoTime();
    private volatile boolean running;

    Supervisor(Object lock, FollowedGenerations generations, GenerationPointers pointers, Rebuilds rebuilds,
               ProjectionProcessors processors, StreamPasses passes, ProjectionSettings settings) {
        this.lock = lock;
        this.generations = generations;
        this.pointers = pointers;
        this.rebuilds = rebuilds;
        this.processors = processors;
        this.passes = passes;
        this.settings = settings;
    }

    void start() {
        synchronized (lock) {
            for (Projection projection : generations.projections()) {
                generations.follow(projection, pointers.read(projection.name()));
            }
            passes.open(this::superviseSoon);
            rounds = Executors.newSingleThreadScheduledExecutor(ProjectionProcessors.named("projection-supervisor"));
            long refresh = settings.pointerRefresh().toMillis();
            rounds.scheduleWithFixedDelay(this::supervise, refresh, refresh, TimeUnit.MILLISECONDS);
            running = true;
        }
    }

    void stop() {
        synchronized (lock) {
            running = false;
            if (rounds != null) {
                rounds.shutdownNow();
            }
            passes.close();
            processors.stopAll();
        }
    }

    boolean isRunning() {
        return running;
    }

    /**
     * Follows the pointers another node may have moved, swaps caught-up rebuilds, cleans up retired generations,
     * and hands segments this node holds beyond its share to the others.
     */
    private void supervise() {
        synchronized (lock) {
            try {
                Map<String, Document> documents = new HashMap<>();
                pointers.all().forEach(document -> documents.put(document.getString("_id"), document));
                for (Projection projection : generations.projections()) {
                    Document document = documents.get(projection.name());
                    if (document == null) {
                        continue;
                    }
                    Pointer pointer = Pointer.of(document);
                    generations.follow(projection, pointer);
                    if (pointer.building() != null) {
                        rebuilds.swapIfCaughtUp(projection.name(), pointer);
                    }
                    processors.splitToConfiguredSegments(projection.name(),
                            generations.pointer(projection.name()).active(), generations.head());
                    rebuilds.cleanUpRetired(projection, pointer);
                }
                passes.start();
                processors.heartbeat();
                if (System.nanoTime() - lastBalance >= settings.claimInterval().toNanos()) {
                    lastBalance = System.nanoTime();
                    processors.countNodes();
                }
            } catch (RuntimeException e) {
                log.warn("could not follow the projection generations: {}", e.toString());
            }
        }
    }

    /** Follows a pointer another thread just moved without waiting for the next round. */
    private void superviseSoon() {
        rounds.execute(this::supervise);
    }
}

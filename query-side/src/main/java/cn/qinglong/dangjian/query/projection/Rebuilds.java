package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.query.projection.GenerationPointers.Pointer;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild's steps: claiming the next generation, swapping it in once it has caught up, and dropping the generation
 * it retired. Each is a conditional write to the pointer document, so any node may take it (whichever sees the new
 * generation caught up first swaps; whichever sees a retired generation's grace over cleans it up), and a rebuild
 * carries on when the node that started it dies.
 */
final class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    /** The runtime's one lock, shared with the {@link Supervisor} (see {@link ProjectionRuntime}). */
    private final Object lock;
    private final FollowedGenerations generations;
    private final GenerationPointers pointers;
    private final ProjectionProcessors processors;
    private final StreamPasses passes;
    private final StatusReport report;
    private final StoredTokens storedTokens;
    private final MongoDatabase database;
    private final ProjectionSettings settings;

    Rebuilds(Object lock, FollowedGenerations generations, GenerationPointers pointers, ProjectionProcessors processors,
             StreamPasses passes, StatusReport report, StoredTokens storedTokens, MongoDatabase database,
             ProjectionSettings settings) {
        this.lock = lock;
        this.generations = generations;
        this.pointers = pointers;
        this.processors = processors;
        this.passes = passes;
        this.report = report;
        this.storedTokens = storedTokens;
        this.database = database;
        this.settings = settings;
    }

    /**
     * Starts building a new generation from the first event; the current one keeps answering meanwhile. The
     * pointer is claimed with one conditional write, so of two nodes asked at once only one starts a rebuild.
     */
    ProjectionStatus rebuild(String name) {
        synchronized (lock) {
            Projection projection = generations.require(name);
            Pointer pointer = pointers.read(name);
            if (pointer.building() != null || pointer.pass() != null) {
                throw new RebuildAlreadyRunning(name, pointer.building() != null ? pointer.building() : pointer.pass());
            }
            int next = pointer.latest() + 1;
            boolean claimed = pointers.claimRebuild(name, pointer, generations.head());
            Pointer now = pointers.read(name);
            generations.remember(name, now);
            if (!claimed) {
                throw new RebuildAlreadyRunning(name, now.building() == null ? next : now.building());
            }
            generations.follow(projection, now);
            log.info("rebuilding projection {} into generation {}", name, next);
            return report.status(name);
        }
    }

    /**
     * Starts rebuilding every projection at once, so that one stream-order pass builds them all; answers their
     * statuses. A projection already rebuilding is left to finish.
     */
    List<ProjectionStatus> rebuildAll() {
        synchronized (lock) {
            for (String name : generations.names()) {
                try {
                    rebuild(name);
                } catch (RebuildAlreadyRunning e) {
                    log.info("projection {} is already rebuilding", name);
                }
            }
            passes.start();
            return report.statuses();
        }
    }

    /**
     * Swaps the generation being built in once it has caught up with the store and with the one answering. This and
     * {@link #cleanUpRetired} run in a supervision round, under the lock.
     */
    void swapIfCaughtUp(String name, Pointer pointer) {
        int next = pointer.building();
        if (pointer.pass() != null) {
            return;
        }
        long nextPosition = processors.position(name, next);
        if (nextPosition < pointer.buildingHead() || nextPosition < processors.position(name, pointer.active())) {
            return;
        }
        boolean swapped = pointers.swap(name, pointer, nextPosition);
        if (swapped) {
            Pointer now = pointers.read(name);
            log.info("projection {} now answers from generation {}: {}", name, next, now.lastRebuild());
            generations.follow(generations.require(name), now);
        }
    }

    /**
     * Queries that read the pointer just before the swap, on any node, may still be reading a retired generation's
     * collections, so they are dropped only after the grace, and only once no node holds a claim on its segments
     * any more (every node has stopped its processor, or died long enough ago), so nothing writes to them again.
     */
    void cleanUpRetired(Projection projection, Pointer pointer) {
        for (Document retired : pointer.retired()) {
            Instant at = Instant.parse(retired.getString("at"));
            if (Instant.now().isBefore(at.plus(settings.retiredGenerationGrace()))) {
                continue;
            }
            int number = retired.getInteger("generation");
            String processor = ProjectionProcessors.processorName(projection.name(), number);
            if (storedTokens.claimed(processor, settings.claimTimeout())) {
                continue;
            }
            storedTokens.delete(processor);
            new ViewCollections(database, projection.name(), number).drop(projection.collections());
            pointers.forgetRetired(projection.name(), retired);
            log.info("generation {} of projection {} dropped", number, projection.name());
        }
    }
}

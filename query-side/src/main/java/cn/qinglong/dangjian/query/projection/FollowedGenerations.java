package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import cn.qinglong.dangjian.query.projection.GenerationPointers.Pointer;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The generations this node follows: each projection's pointer as this node last read it, the processors it runs for
 * the generations that pointer names, and what readers get from it (the collections that answer, and how far they
 * are).
 */
final class FollowedGenerations implements Generations {

    private final Map<String, Projection> projections;
    private final MongoDatabase database;
    private final ChainRememberingJdbcEventStorageEngine engine;
    private final ProjectionProcessors processors;
    private final Map<String, Pointer> pointers = new ConcurrentHashMap<>();

    FollowedGenerations(Map<String, Projection> projections, MongoDatabase database,
                        ChainRememberingJdbcEventStorageEngine engine, ProjectionProcessors processors) {
        this.projections = projections;
        this.database = database;
        this.engine = engine;
        this.processors = processors;
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
    public String state(String name) {
        Pointer pointer = pointers.get(require(name).name());
        return pointer == null ? null : processors.state(name, pointer.active());
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

    /** The position of the last event in the store, -1 while it holds none: what every view is measured against. */
    long head() {
        TrackingToken head = engine.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    Collection<Projection> projections() {
        return projections.values();
    }

    /** The projection's pointer as this node last read it; {@code null} before this node started. */
    Pointer pointer(String name) {
        return pointers.get(name);
    }

    void remember(String name, Pointer pointer) {
        pointers.put(name, pointer);
    }

    /** Remembers the pointer, and runs a processor for each generation it names running and none for any other. */
    void follow(Projection projection, Pointer pointer) {
        remember(projection.name(), pointer);
        processors.follow(projection, pointer.running());
    }

    Projection require(String name) {
        Projection projection = projections.get(name);
        if (projection == null) {
            throw new UnknownProjection(name);
        }
        return projection;
    }
}

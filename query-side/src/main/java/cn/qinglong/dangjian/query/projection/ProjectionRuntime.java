package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Swaps every projection's generations blue/green: a rebuild builds generation N+1 into fresh collections while
 * generation N keeps answering. A folding view's new generation (and its first build) is built by one
 * {@link StreamOrderPass} shared by every view waiting for one ({@link StreamPasses}); its processor
 * ({@link ProjectionProcessors}) then takes over from where the pass stopped. Once N+1 has caught up, the pointer
 * document of the projection is switched in one write and generation N is stopped, its tokens deleted and its
 * collections dropped ({@link Rebuilds}).
 *
 * <p>The pointer documents ({@link GenerationPointers}) are the only truth about generations, shared by every query
 * node: each node re-reads them every {@code pointerRefresh} ({@link Supervisor}), answers from the generation they
 * name active, and runs a processor for it and for the generation being built ({@link FollowedGenerations}), so the
 * nodes split both between them through the token store's claims.
 *
 * <p>This class builds those parts and is the one bean the rest of the application gets them through.
 */
@Component
public class ProjectionRuntime implements Generations, ProjectionAdmin, SmartLifecycle {

    private final FollowedGenerations generations;
    private final StatusReport report;
    private final Rebuilds rebuilds;
    private final Supervisor supervisor;

    public ProjectionRuntime(List<Projection> projections, EventStore eventStore, TokenStore tokenStore,
                             StoredTokens storedTokens, MongoDatabase database,
                             ChainRememberingJdbcEventStorageEngine engine, ProjectionSettings settings) {
        Map<String, Projection> byName = new LinkedHashMap<>();
        projections.forEach(p -> byName.put(p.name(), p));
        ProjectionProcessors processors = new ProjectionProcessors(eventStore, tokenStore, storedTokens, database,
                settings);
        GenerationPointers pointers = new GenerationPointers(database.getCollection(GenerationPointers.COLLECTION),
                byName);
        StreamPasses passes = new StreamPasses(byName, database.getCollection(GenerationPointers.COLLECTION),
                database, engine, tokenStore, storedTokens, settings);
        this.generations = new FollowedGenerations(byName, database, engine, processors);
        this.report = new StatusReport(generations, processors);
        // One lock for every step that changes what this node follows: starting, stopping, a supervision round and a
        // rebuild's claim. A round must not fall between rebuildAll's claims (one stream-order pass is to build every
        // view they claim), nor remember a pointer read before another step's write; and two steps must not start
        // the same generation's processor twice. Status reports and readers take no lock.
        Object lock = new Object();
        this.rebuilds = new Rebuilds(lock, generations, pointers, processors, passes, report, storedTokens, database,
                settings);
        this.supervisor = new Supervisor(lock, generations, pointers, rebuilds, processors, passes, settings);
    }

    @Override
    public Collection<String> names() {
        return generations.names();
    }

    @Override
    public ViewCollections views(String name) {
        return generations.views(name);
    }

    @Override
    public long position(String name) {
        return generations.position(name);
    }

    @Override
    public String state(String name) {
        return generations.state(name);
    }

    @Override
    public long awaitPosition(Collection<String> names, long minPosition, Duration timeout) {
        return generations.awaitPosition(names, minPosition, timeout);
    }

    public long head() {
        return generations.head();
    }

    @Override
    public List<ProjectionStatus> statuses() {
        return report.statuses();
    }

    @Override
    public ProjectionStatus status(String name) {
        return report.status(name);
    }

    @Override
    public ProjectionStatus rebuild(String name) {
        return rebuilds.rebuild(name);
    }

    @Override
    public List<ProjectionStatus> rebuildAll() {
        return rebuilds.rebuildAll();
    }

    @Override
    public void start() {
        supervisor.start();
    }

    @Override
    public void stop() {
        supervisor.stop();
    }

    @Override
    public boolean isRunning() {
        return supervisor.isRunning();
    }
}

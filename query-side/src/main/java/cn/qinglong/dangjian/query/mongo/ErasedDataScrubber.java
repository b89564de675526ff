package cn.qinglong.dangjian.query.mongo;

import cn.qinglong.dangjian.query.projection.ProjectionRuntime;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Erased personal data gone from the embedded read models' file, not only from the views: the stand-in's MVStore
 * writes every change into new chunks and leaves the old ones' bytes (a member's address and phone among them) in
 * the file until their space happens to be reused; compacting alone moves live chunks but does not overwrite a freed
 * gap in the middle of the file. Once every view on this node has applied an erasure, the store is compacted (all
 * live pages rewritten, old chunks released at once, no retention), then every free gap is overwritten with zeros
 * (a filler map written one small chunk at a time until the file has to grow, then dropped) and the file shrunk, so
 * the erased values are no longer in its bytes. A real MongoDB ({@code MONGODB_URI}) is not touched: its storage is
 * its operator's to configure (encrypted storage, compaction).
 */
@Component
class ErasedDataScrubber implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ErasedDataScrubber.class);

    private static final String FILLER = "erased-data-filler";
    /** At most this many filler chunks per scrub (about 1 KB each: 256 MB of gaps). */
    private static final int MAX_FILLER_COMMITS = 262_144;

    private static final long GRACE_NANOS = 5_000_000_000L;

    private final ProjectionRuntime runtime;
    private final MVStore store;
    private final ScheduledExecutorService scheduler;
    private long scrubbed = -1;
    private long pending = -1;
    private long pendingSince;

    ErasedDataScrubber(ProjectionRuntime runtime, MongoConfiguration.MongoEndpoint endpoint,
                       @Value("${query.mongo.erasure-check-interval:1s}") Duration interval) {
        this.runtime = runtime;
        this.store = endpoint.file() == null ? null : endpoint.file().getMvStore();
        if (store == null) {
            this.scheduler = null;
            return;
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "erased-data-scrubber");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::scrubIfErased, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scrubIfErased() {
        try {
            long erasure = runtime.lastErasure();
            if (erasure <= scrubbed) {
                return;
            }
            if (erasure != pending) {
                pending = erasure;
                pendingSince = System.nanoTime();
            }
            // every view has applied it, or (a view that lags or does not track every event) a while has passed
            boolean applied = runtime.names().stream().allMatch(name -> runtime.position(name) >= erasure);
            if (!applied && System.nanoTime() - pendingSince < GRACE_NANOS) {
                return;
            }
            scrub();
            scrubbed = erasure;
        } catch (RuntimeException e) {
            log.warn("could not compact the read models' file after an erasure; trying again: {}", e.toString());
        }
    }

    /** Rewrites every live page into new chunks and drops the old ones from the file. */
    synchronized void scrub() {
        if (store == null || store.isClosed()) {
            return;
        }
        int retention = store.getRetentionTime();
        store.setRetentionTime(0);
        try {
            store.commit();
            for (int pass = 0; pass < 5 && store.compact(100, Integer.MAX_VALUE); pass++) {
                store.commit();
            }
            store.compactFile(10_000);
            store.commit();
            overwriteFreeSpace();
            store.compactFile(10_000);
            store.commit();
        } finally {
            store.setRetentionTime(retention);
        }
        log.info("read models' file compacted after an erasure of personal data");
    }

    /**
     * Writes zeros into every free gap: the store puts a new chunk into the first gap it fits (a chunk of one small
     * entry fits any), so small commits fill the gaps until the file must grow; the filler is then dropped, its
     * chunks freed holding zeros.
     */
    private void overwriteFreeSpace() {
        MVMap<Integer, byte[]> filler = store.openMap(FILLER);
        long size = store.getFileStore().size();
        byte[] zeros = new byte[1024];
        for (int i = 0; i < MAX_FILLER_COMMITS && store.getFileStore().size() <= size; i++) {
            filler.put(i, zeros);
            store.commit();
        }
        store.removeMap(filler);
        store.commit();
    }

    @Override
    public void destroy() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}

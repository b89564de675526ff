package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.Document;

/**
 * Builds new generations of folding views in one pass over the store in stream order: every document belongs to one
 * stream, so a stream's events, folded once in memory, make its finished documents, and each is inserted once (in
 * unordered bulk batches) instead of read and replaced at every event. Every view given folds from the same pass.
 *
 * <p>The pass answers the token the generations' processors take over from: the head read before the pass, with
 * the positions at most {@code margin} below it that the pass did not see kept as gaps. An event committed after a
 * later one (two concurrent transactions) sits in such a gap, and Axon's gap-aware tracking fetches it once it
 * appears, as it does for its own gaps. Events the pass saw beyond the head are seen again; folds skip them by
 * {@code _v}.
 */
final class StreamOrderPass {

    /** One generation to build. */
    record Build(FoldingProjection projection, ViewCollections views) {
    }

    /**
     * The index marks a pass collects before it writes them (about 7 MB of them). Every write rewrites each entry it touches, and an entry
     * names thousands of members (a branch's, a meeting's); written once per batch, as a processor does, the entries
     * of a branch would be rewritten at nearly every batch of the pass.
     */
    static final int INDEX_MARKS_PER_WRITE = 50_000;

    private final ChainRememberingJdbcEventStorageEngine engine;
    private final int batchSize;
    private final int indexMarksPerWrite;

    StreamOrderPass(ChainRememberingJdbcEventStorageEngine engine, int batchSize, int indexMarksPerWrite) {
        this.engine = engine;
        this.batchSize = batchSize;
        this.indexMarksPerWrite = indexMarksPerWrite;
    }

    /**
     * Folds every event into the builds' (empty, indexed) collections. {@code head}: the store's last position read
     * before the pass (-1: empty). {@code progress} is told the events read so far every batch; it may throw to
     * abort the pass. Answers the token the processors continue from ({@code null}: from the first event).
     */
    GapAwareTrackingToken run(List<Build> builds, long head, int margin, LongConsumer progress) {
        long lowest = Math.max(1, head - margin + 1);
        BitSet seen = new BitSet();
        List<Envelope> stream = new ArrayList<>();
        // one writer thread, one batch in flight: the next batch is decoded and folded while the last is inserted
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stream-order-pass-writer");
            thread.setDaemon(true);
            return thread;
        });
        Writes writes = new Writes(builds, writer, progress);
        try {
            engine.readInStreamOrder(batchSize, message -> {
                Envelope event = ProjectionEventHandler.envelope(message);
                if (!stream.isEmpty() && !Objects.equals(stream.get(0).aggregateId(), event.aggregateId())) {
                    writes.fold(stream);
                    stream.clear();
                }
                stream.add(event);
                writes.read++;
                if (event.position() >= lowest && event.position() <= head) {
                    seen.set((int) (event.position() - lowest));
                }
            });
            if (!stream.isEmpty()) {
                writes.fold(stream);
            }
            writes.flush(true);
            writes.inFlight.join();
        } finally {
            writer.shutdown();
        }
        if (head < 0) {
            return null;
        }
        List<Long> gaps = new ArrayList<>();
        for (long position = lowest; position <= head; position++) {
            if (!seen.get((int) (position - lowest))) {
                gaps.add(position);
            }
        }
        return GapAwareTrackingToken.newInstance(head, gaps);
    }

    /**
     * The batch being folded, the one being inserted, and the index marks collected since the last index write. The
     * index may lag the documents by up to {@code indexMarksPerWrite} marks while the pass runs: a pass cut short
     * is dropped and built again, and the processors, which write the index first, take over only after the last
     * write.
     */
    private final class Writes {
        private final List<Build> builds;
        private final ExecutorService writer;
        private final LongConsumer progress;
        private Batch batch;
        private Map<Build, KeyIndex.Changes> index;
        private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
        private long read;

        Writes(List<Build> builds, ExecutorService writer, LongConsumer progress) {
            this.builds = builds;
            this.writer = writer;
            this.progress = progress;
            this.batch = new Batch(builds);
            this.index = noChanges(builds);
        }

        void fold(List<Envelope> stream) {
            batch.fold(stream, index);
            if (batch.documents >= batchSize) {
                flush(false);
            }
        }

        /** Hands the batch, and the index marks if there are enough of them or {@code last}, to the writer. */
        void flush(boolean last) {
            Batch full = batch;
            Map<Build, KeyIndex.Changes> marks = null;
            if (last || index.values().stream().mapToInt(KeyIndex.Changes::marks).sum() >= indexMarksPerWrite) {
                marks = index;
                index = noChanges(builds);
            }
            Map<Build, KeyIndex.Changes> toWrite = marks;
            inFlight.join();
            inFlight = CompletableFuture.runAsync(() -> full.write(toWrite), writer);
            batch = new Batch(builds);
            progress.accept(read);
        }

        private static Map<Build, KeyIndex.Changes> noChanges(List<Build> builds) {
            Map<Build, KeyIndex.Changes> changes = new LinkedHashMap<>();
            builds.forEach(build -> changes.put(build, new KeyIndex.Changes()));
            return changes;
        }
    }

    /** The finished documents of some streams, per build and collection. */
    private static final class Batch {
        private final Map<Build, Map<String, List<Document>>> documentsByBuild = new LinkedHashMap<>();
        private int documents;

        Batch(List<Build> builds) {
            builds.forEach(build -> documentsByBuild.put(build, new LinkedHashMap<>()));
        }

        /** Folds the stream into this batch's documents, and their index marks into {@code index}. */
        void fold(List<Envelope> stream, Map<Build, KeyIndex.Changes> index) {
            documentsByBuild.forEach((build, byCollection) -> build.projection().foldStream(stream,
                    (collection, document) -> {
                        byCollection.computeIfAbsent(collection, c -> new ArrayList<>()).add(document);
                        documents++;
                    }, index.get(build)));
        }

        /** Inserts the documents, then writes {@code index} ({@code null}: none yet). */
        void write(Map<Build, KeyIndex.Changes> index) {
            documentsByBuild.forEach((build, byCollection) -> byCollection.forEach((collection, documents) ->
                    FoldingProjection.insertFinished(build.views().get(collection), documents)));
            if (index != null) {
                index.forEach((build, changes) -> changes.write(build.views().get(KeyIndex.COLLECTION)));
            }
        }
    }
}

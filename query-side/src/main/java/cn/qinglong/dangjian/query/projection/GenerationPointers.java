package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The pointer documents, one per projection: the only truth about its generations, shared by every node. Every
 * change is a conditional write, so of two nodes doing the same step only one succeeds.
 */
final class GenerationPointers {

    static final String COLLECTION = "projection_generations";

    private final MongoCollection<Document> pointers;
    private final Map<String, Projection> projections;

    /**
     * A projection's pointer document: the answering generation, the one being built, the generation still waiting
     * for its stream-order pass ({@code pass}, with the node running it and how long its lease lasts), and the
     * retired ones.
     */
    record Pointer(int active, int latest, Integer building, long buildingHead, String buildingStartedAt,
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
            Set<Integer> running = new HashSet<>(building == null ? Set.of(active) : Set.of(active, building));
            if (pass != null) {
                running.remove(pass);
            }
            return running;
        }
    }

    GenerationPointers(MongoCollection<Document> pointers, Map<String, Projection> projections) {
        this.pointers = pointers;
        this.projections = projections;
    }

    FindIterable<Document> all() {
        return pointers.find();
    }

    /**
     * The projection's pointer, created (generation 1) by whichever node comes first; a folding view's first build
     * waits for a stream-order pass.
     */
    Pointer read(String name) {
        Document first = new Document("active", 1).append("latest", 1);
        if (projections.get(name) instanceof FoldingProjection) {
            first.append("pass", 1);
        }
        pointers.updateOne(eq("_id", name), new Document("$setOnInsert", first), new UpdateOptions().upsert(true));
        return Pointer.of(pointers.find(eq("_id", name)).first());
    }

    /** Claims generation {@code latest + 1} for a rebuild, unless another node claimed one since {@code pointer}. */
    boolean claimRebuild(String name, Pointer pointer, long head) {
        int next = pointer.latest() + 1;
        Document claim = new Document("building", next).append("latest", next)
                .append("buildingHead", head).append("buildingStartedAt", Instant.now().toString());
        if (projections.get(name) instanceof FoldingProjection) {
            claim.append("pass", next);
        }
        return pointers.updateOne(and(eq("_id", name), eq("latest", pointer.latest()), exists("building", false),
                exists("pass", false)), new Document("$set", claim)).getModifiedCount() == 1;
    }

    /** Makes the generation being built answer, at {@code position}, and retires the one that did. */
    boolean swap(String name, Pointer pointer, long position) {
        int next = pointer.building();
        Instant swappedAt = Instant.now();
        Instant startedAt = Instant.parse(pointer.buildingStartedAt());
        long events = Math.max(0, position);
        double seconds = Duration.between(startedAt, swappedAt).toMillis() / 1000.0;
        Document rebuilt = new Document("generation", next).append("startedAt", startedAt.toString())
                .append("swappedAt", swappedAt.toString()).append("events", events).append("seconds", seconds)
                .append("eventsPerSecond", seconds <= 0 ? events : Math.round(events / seconds));
        Document retire = new Document("generation", pointer.active()).append("at", swappedAt.toString());
        return pointers.updateOne(and(eq("_id", name), eq("building", next)),
                        new Document("$set", new Document("active", next).append("lastRebuild", rebuilt))
                                .append("$push", new Document("retired", retire))
                                .append("$unset", new Document("building", "").append("buildingHead", "")
                                        .append("buildingStartedAt", "")))
                .getModifiedCount() == 1;
    }

    /** The retired generation's collections and tokens are gone. */
    void forgetRetired(String name, Document retired) {
        pointers.updateOne(eq("_id", name), new Document("$pull", new Document("retired", retired)));
    }
}

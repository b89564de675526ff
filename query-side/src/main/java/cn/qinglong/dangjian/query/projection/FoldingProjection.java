package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A view made of documents that each belong to exactly one event stream (a member, an organization, a study day),
 * so the stream's sequence number, kept in the document as {@code _v}, tells an event already applied from a new
 * one. That makes every write idempotent and the order of events across streams irrelevant; anything that
 * spans streams (counts, rates) is computed when the view is read.
 *
 * <p>A batch costs one read per collection (the documents it touches) and one unordered bulk write. Each write
 * replaces a document only while its stored version is older than the written one, so a writer that read it
 * before someone else moved it on (a node that lost its segment's claim during a long pause, and still finishes
 * its batch) never takes it back.
 */
public abstract class FoldingProjection implements Projection {

    public static final String VERSION = "_v";
    private static final int DUPLICATE_KEY = 11000;

    /** The document an event changes. */
    public record Target(String collection, String key) {
    }

    /** Where the event goes, or {@code null} when this view ignores it. */
    protected abstract Target target(Envelope event);

    /**
     * The document after the event ({@code current} is {@code null} for a new one). Must not modify
     * {@code current}; {@code _id} and {@code _v} are set by the caller.
     */
    protected abstract Document fold(String collection, Document current, Envelope event);

    @Override
    public final void apply(List<Envelope> batch, ViewCollections views) {
        Map<String, Map<String, List<Envelope>>> byCollection = new LinkedHashMap<>();
        for (Envelope event : batch) {
            Target target = target(event);
            if (target != null) {
                byCollection.computeIfAbsent(target.collection(), c -> new LinkedHashMap<>())
                        .computeIfAbsent(target.key(), k -> new ArrayList<>()).add(event);
            }
        }
        byCollection.forEach((collection, byKey) -> write(views.get(collection), collection, byKey));
    }

    private void write(MongoCollection<Document> collection, String name, Map<String, List<Envelope>> byKey) {
        Map<String, Document> current = new HashMap<>();
        for (Document document : collection.find(in("_id", byKey.keySet()))) {
            current.put(document.getString("_id"), document);
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        byKey.forEach((key, events) -> {
            Document document = current.get(key);
            long version = document == null ? -1 : ((Number) document.get(VERSION)).longValue();
            boolean changed = false;
            for (Envelope event : events) {
                if (event.sequence() <= version) {
                    continue;
                }
                document = stamp(key, event.sequence(), fold(name, document, event));
                version = event.sequence();
                changed = true;
            }
            if (changed) {
                writes.add(new ReplaceOneModel<>(and(eq("_id", key), lt(VERSION, version)), document,
                        new ReplaceOptions().upsert(true)));
            }
        });
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // the document is already further along: its upsert collided with the newer document's _id
            if (!e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    private static Document stamp(String key, long version, Document folded) {
        Document document = new Document("_id", key).append(VERSION, version);
        folded.forEach((field, value) -> {
            if (!"_id".equals(field) && !VERSION.equals(field)) {
                document.put(field, value);
            }
        });
        return document;
    }
}

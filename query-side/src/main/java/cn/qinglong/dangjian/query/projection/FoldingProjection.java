package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A view made of documents that each belong to exactly one event stream (a member, an organization, a study day),
 * so the stream's sequence number, kept in the document as {@code _v}, tells an event already applied from a new
 * one. That makes every write idempotent and the order of events across streams irrelevant; anything that
 * spans streams (counts, rates) is computed when the view is read.
 *
 * <p>A batch costs one read per collection (the documents it touches) and one unordered bulk write. Each write
 * replaces a document only while its stored version is still the one read; when someone moved it on meanwhile (a
 * node that lost its segment's claim during a long pause, and still finishes its batch), the write is retried
 * against the version now stored if that is still older (the document folded up to a later event of the same stream
 * holds everything the older one does), and dropped otherwise, so a document is never taken back.
 */
public abstract class FoldingProjection implements Projection {

    public static final String VERSION = "_v";
    private static final int DUPLICATE_KEY = 11000;
    static final Bson VERSION_INDEX = Indexes.ascending("_id", VERSION);

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

    /**
     * The values a document is looked up by, by {@link KeyIndex} name (none by default). A view that answers any
     * gives its {@link KeyIndex#COLLECTION} among its collections.
     */
    protected Map<String, Set<String>> keys(String collection, Document document) {
        return Map.of();
    }

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
        byCollection.forEach((collection, byKey) -> write(views, collection, byKey));
    }

    private void write(ViewCollections views, String name, Map<String, List<Envelope>> byKey) {
        MongoCollection<Document> collection = views.get(name);
        Map<String, Document> current = new HashMap<>();
        for (Document document : collection.find(in("_id", byKey.keySet()))) {
            current.put(document.getString("_id"), document);
        }
        Map<String, Long> stored = new HashMap<>();
        current.forEach((key, document) -> stored.put(key, version(document)));
        Map<String, Document> pending = new HashMap<>();
        // each value a document gains or loses is marked with the event that changed it, so the index holds the same
        // marks however the events were batched
        KeyIndex.Changes changes = new KeyIndex.Changes();
        byKey.forEach((key, events) -> {
            Document folded = foldAll(name, key, current.get(key), events, changes);
            if (folded != null) {
                pending.put(key, folded);
            }
        });
        // the index first: a write lost after it leaves a "present" entry readers check, never a missing one
        changes.write(views.get(KeyIndex.COLLECTION));
        replaceOlder(collection, pending, stored);
    }

    /**
     * The documents one whole stream makes, folded from nothing, for a rebuild that reads the store stream by stream:
     * {@code sink} gets each finished document with its collection, {@code changes} their index entries. The same
     * fold as a processor batch's, so both build the same documents.
     */
    final void foldStream(List<Envelope> stream, BiConsumer<String, Document> sink, KeyIndex.Changes changes) {
        Map<Target, List<Envelope>> byTarget = new LinkedHashMap<>();
        for (Envelope event : stream) {
            Target target = target(event);
            if (target != null) {
                byTarget.computeIfAbsent(target, t -> new ArrayList<>()).add(event);
            }
        }
        byTarget.forEach((target, events) -> {
            Document folded = foldAll(target.collection(), target.key(), null, events, changes);
            if (folded != null) {
                sink.accept(target.collection(), folded);
            }
        });
    }

    /** {@code document} after the events it has not seen yet; {@code null} when it has seen them all. */
    private Document foldAll(String name, String key, Document document, List<Envelope> events,
                             KeyIndex.Changes changes) {
        long version = document == null ? -1 : version(document);
        Map<String, Set<String>> keysBefore = document == null ? Map.of() : keys(name, document);
        boolean changed = false;
        for (Envelope event : events) {
            if (event.sequence() <= version) {
                continue;
            }
            document = stamp(key, event.sequence(), document, fold(name, document, event));
            version = event.sequence();
            Map<String, Set<String>> keysAfter = keys(name, document);
            changes.record(key, version, keysBefore, keysAfter);
            keysBefore = keysAfter;
            changed = true;
        }
        return changed ? document : null;
    }

    /**
     * Inserts finished documents into a generation being built, in one unordered bulk. A document already there (a
     * pass taken over from a node that stopped answering, whose last writes still land) is replaced only while
     * older, as a processor's write is.
     */
    static void insertFinished(MongoCollection<Document> collection, List<Document> documents) {
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (!e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw e;
            }
            Map<String, Document> pending = new HashMap<>();
            e.getWriteErrors().forEach(error -> {
                Document document = documents.get(error.getIndex());
                pending.put(document.getString("_id"), document);
            });
            replaceOlder(collection, pending, readVersions(collection, pending.keySet()));
        }
    }

    /** Writes each pending document unless the stored one (at the version in {@code stored}, if any) is as new. */
    private static void replaceOlder(MongoCollection<Document> collection, Map<String, Document> pending,
                                     Map<String, Long> stored) {
        pending.keySet().removeIf(key -> stored.containsKey(key) && stored.get(key) >= version(pending.get(key)));
        while (!pending.isEmpty() && !compareAndSet(collection, pending, stored)) {
            stored.clear();
            stored.putAll(readVersions(collection, pending.keySet()));
            pending.keySet().removeIf(key -> stored.containsKey(key) && stored.get(key) >= version(pending.get(key)));
        }
    }

    private static Map<String, Long> readVersions(MongoCollection<Document> collection, Set<String> keys) {
        Map<String, Long> stored = new HashMap<>();
        for (Document document : collection.find(in("_id", keys)).projection(include(VERSION))) {
            stored.put(document.getString("_id"), version(document));
        }
        return stored;
    }

    /**
     * Replaces each document only if its stored version is still the one read (inserts it if there was none). Answers
     * whether every write went through; if not, someone moved a document on meanwhile and the caller reads again.
     * The filter is a plain {@code {_id, _v}} document, not {@code Filters.and} (which renders as {@code $and}), and an
 * equality, not {@code _v < n}: only that lets the stand-in serve it from the unique {@link #VERSION_INDEX}.
     */
    private static boolean compareAndSet(MongoCollection<Document> collection, Map<String, Document> pending,
                                         Map<String, Long> stored) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        pending.forEach((key, document) -> writes.add(stored.containsKey(key)
                ? new ReplaceOneModel<>(new Document("_id", key).append(VERSION, stored.get(key)), document)
                : new InsertOneModel<>(document)));
        try {
            BulkWriteResult result = collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            return result.getMatchedCount() + result.getInsertedCount() == writes.size();
        } catch (MongoBulkWriteException e) {
            // an insert collided with a document someone else inserted meanwhile
            if (!e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw e;
            }
            return false;
        }
    }

    /** Every folding collection gets it: the stand-in only serves a query whose keys equal a unique index's. */
    static void createVersionIndex(MongoCollection<Document> collection) {
        collection.createIndex(VERSION_INDEX, new IndexOptions().unique(true));
    }

    private static long version(Document document) {
        return ((Number) document.get(VERSION)).longValue();
    }

    /** The folded document with its key and version; a fold that answers the document it was given is copied first. */
    private static Document stamp(String key, long version, Document current, Document folded) {
        Document document = folded == current ? new Document(folded) : folded;
        document.put("_id", key);
        document.put(VERSION, version);
        return document;
    }
}

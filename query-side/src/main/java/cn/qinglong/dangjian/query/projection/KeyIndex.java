package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * Which documents of a folding view hold a value, kept as one document per value: {@code {_id: "<index>|<value>",
 * m: {<document key>: 2 × version + present}}}. A view reads it by {@code _id} and then the documents by
 * {@code _id $in}: two lookups every MongoDB serves from the {@code _id} index, including the stand-in, which
 * ignores secondary indexes and scans a whole collection for any other filter.
 *
 * <p>Every change is a {@code $max} of {@code 2 × version + 1} (the document holds the value from that version on)
 * or {@code 2 × version} (it no longer does), so the entry a later version of the document wrote always wins,
 * whatever order the writes arrive in, and writing one again changes nothing. Every writer folds a stream the same
 * way, so an event's marks are the same whoever writes them (a node that lost its segment writes marks the new owner
 * writes too): once every batch is written, the entries are exact. A batch writes its entries before its documents,
 * so while it is being written they may name a document that does not hold the value yet: readers that fetch the
 * documents check each one.
 */
public final class KeyIndex {

    /**
     * Above this many documents a reader asks by query rather than by {@code _id}: a whole subdistrict's members cost
     * no more read one by one than scanned, and their ids would make one large {@code $in}.
     */
    public static final int MAX_KEYS_BY_ID = 20_000;
    /** The logical collection of a view that keeps its key indexes. */
    public static final String COLLECTION = "keys";
    private static final String MEMBERS = "m";
    /** No entry id has this form: entries are {@code <index>|<value>}. */
    private static final String COMPLETE = "complete";
    /** Ids may contain '.', which a field name may not; no id contains this character, so the mapping reverses. */
    private static final char DOT_STAND_IN = '\uFF0E';
    /** The field of the "complete" mark that names the indexes it covers. */
    private static final String INDEXES = "indexes";
    /**
     * What a "complete" mark written before marks named their indexes covers: the indexes the views kept then (a
     * frozen list; an index added since is complete only in a generation whose mark names it).
     */
    private static final Set<String> BEFORE_NAMED_MARKS = Set.of("relationBranch", "dailyBranch", "scoredMember",
            "meeting", "round");

    private KeyIndex() {
    }

    /**
     * Marks a generation's {@code indexes} complete: called when the view starts with no documents (in {@code
     * documents} nor in any of {@code moreDocuments}, where a view indexes more than one collection), so that they are
     * written from the first event on. A generation built before the view kept an index has documents and no mark
     * naming it, and is answered by query until it is rebuilt, since the entries later events add to it would be
     * partial.
     */
    @SafeVarargs
    public static void markCompleteIfEmpty(Set<String> indexes, MongoCollection<Document> documents,
                                           MongoCollection<Document> keys, MongoCollection<Document>... moreDocuments) {
        if (Stream.concat(Stream.of(documents), Stream.of(moreDocuments))
                .allMatch(collection -> collection.find().limit(1).first() == null)) {
            keys.updateOne(eq("_id", COMPLETE), new Document("$set", new Document("since", "the first event")
                    .append(INDEXES, List.copyOf(new TreeSet<>(indexes)))), new UpdateOptions().upsert(true));
        }
    }

    /**
     * The keys of the documents that hold any of {@code values} in index {@code index} (one read), and maybe a few
     * that no longer do; empty when the index is not known complete (a view built before it kept the index), so that
     * the caller falls back to a query of its own.
     */
    public static Optional<Set<String>> lookup(MongoCollection<Document> keys, String index, Collection<String> values) {
        return lookupEach(keys, index, values).map(byValue -> {
            Set<String> found = new TreeSet<>();
            byValue.values().forEach(found::addAll);
            return found;
        });
    }

    /**
     * {@link #lookup}, value by value: for each of {@code values} that has an entry, the keys of the documents that
     * hold it.
     */
    public static Optional<Map<String, Set<String>>> lookupEach(MongoCollection<Document> keys, String index,
                                                               Collection<String> values) {
        List<String> ids = new ArrayList<>();
        ids.add(COMPLETE);
        values.forEach(value -> ids.add(id(index, value)));
        return read(keys.find(in("_id", ids)), index);
    }

    /**
     * For each value of index {@code index} that begins with one of {@code prefixes} (values such as {@code
     * <branch>|<month>}, asked for as {@code <branch>|}; ids hold no {@code |}), the keys of the documents that hold
     * it, as {@link #lookupEach}: one read, an {@code _id} range per prefix, which MongoDB serves from the {@code
     * _id} index (the stand-in scans the entries).
     */
    public static Optional<Map<String, Set<String>>> lookupStartingWith(MongoCollection<Document> keys, String index,
                                                                       Collection<String> prefixes) {
        List<org.bson.conversions.Bson> ids = new ArrayList<>(); // the driver's, not this package's Bson
        ids.add(eq("_id", COMPLETE));
        // no id holds U+FFFF, so every id that begins with the prefix sorts below the prefix followed by it
        prefixes.forEach(prefix -> {
            String from = id(index, prefix);
            ids.add(and(gte("_id", from), lt("_id", from + '\uFFFF')));
        });
        return read(keys.find(or(ids)), index);
    }

    private static Optional<Map<String, Set<String>>> read(Iterable<Document> entries, String index) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        boolean complete = false;
        for (Document entry : entries) {
            String id = entry.getString("_id");
            if (COMPLETE.equals(id)) {
                List<String> named = entry.getList(INDEXES, String.class);
                complete = named == null ? BEFORE_NAMED_MARKS.contains(index) : named.contains(index);
                continue;
            }
            Set<String> holders = new TreeSet<>();
            entry.get(MEMBERS, Document.class).forEach((field, mark) -> {
                if (((Number) mark).longValue() % 2 == 1) {
                    holders.add(field.replace(DOT_STAND_IN, '.'));
                }
            });
            found.put(id.substring(index.length() + 1), holders);
        }
        return complete ? Optional.of(found) : Optional.empty();
    }

    /**
     * Collects the index changes of one batch (or of several, in a stream-order pass), then writes them as one
     * unordered bulk of upserts.
     */
    static final class Changes {
        private final Map<String, Document> maxByEntry = new LinkedHashMap<>();
        private int marks;

        /** The document {@code key} at {@code version}: its values {@code before} the batch and {@code after} it. */
        void record(String key, long version, Map<String, Set<String>> before, Map<String, Set<String>> after) {
            String field = MEMBERS + "." + key.replace('.', DOT_STAND_IN);
            after.forEach((index, values) -> values.forEach(value -> {
                if (!before.getOrDefault(index, Set.of()).contains(value)) {
                    put(id(index, value), field, 2 * version + 1);
                }
            }));
            before.forEach((index, values) -> values.forEach(value -> {
                if (!after.getOrDefault(index, Set.of()).contains(value)) {
                    put(id(index, value), field, 2 * version);
                }
            }));
        }

        private void put(String entry, String field, long mark) {
            Document entryMarks = maxByEntry.computeIfAbsent(entry, e -> new Document());
            Long before = (Long) entryMarks.get(field);
            if (before == null) {
                marks++;
            }
            if (before == null || mark > before) {
                entryMarks.put(field, mark);
            }
        }

        /** How many marks (entry and document) are collected. */
        int marks() {
            return marks;
        }

        /**
         * Two segments may create the same entry at once; the loser's upsert fails on the {@code _id} key and is
         * simply written again, now as an update ({@code $max} makes repeating any of them harmless).
         */
        void write(MongoCollection<Document> keys) {
            if (maxByEntry.isEmpty()) {
                return;
            }
            List<WriteModel<Document>> writes = new ArrayList<>();
            UpdateOptions upsert = new UpdateOptions().upsert(true);
            maxByEntry.forEach((entry, marks) ->
                    writes.add(new UpdateOneModel<>(eq("_id", entry), new Document("$max", marks), upsert)));
            for (int attempt = 1; ; attempt++) {
                try {
                    keys.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                    return;
                } catch (MongoBulkWriteException e) {
                    if (attempt == 3 || !e.getWriteErrors().stream().allMatch(error -> error.getCode() == 11000)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static String id(String index, String value) {
        return index + "|" + value;
    }
}

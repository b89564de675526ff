package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Reads the token store without claiming anything: where every segment of a processor stands, whichever node
 * processes it. Answers are kept for a few milliseconds, so that many waiting requests cost a handful of reads.
 */
public final class StoredTokens {

    static final String COLLECTION = "trackingtokens";
    private static final long FRESH_NANOS = 20_000_000;

    private final MongoDatabase database;
    private final Serializer serializer;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    private record Read(long at, Map<Integer, Long> positions) {
    }

    StoredTokens(MongoDatabase database, Serializer serializer) {
        this.database = database;
        this.serializer = serializer;
    }

    /** Segment to the position of its stored token (-1: none yet); empty when the processor has no tokens. */
    Map<Integer, Long> positions(String processorName) {
        long now = System.nanoTime();
        Read read = reads.get(processorName);
        if (read == null || now - read.at() > FRESH_NANOS) {
            read = new Read(now, read(processorName));
            reads.put(processorName, read);
        }
        return read.positions();
    }

    /** Whether any node holds a live claim on a segment of the processor. */
    boolean claimed(String processorName, Duration claimTimeout) {
        long cutoff = Instant.now().minus(claimTimeout).toEpochMilli();
        return tokens().countDocuments(and(eq("processorName", processorName), ne("owner", null),
                gte("timestamp", cutoff))) > 0;
    }

    /** Removes every token of the processor, claimed or not (its processors must have stopped on every node). */
    void delete(String processorName) {
        tokens().deleteMany(eq("processorName", processorName));
        reads.remove(processorName);
    }

    private Map<Integer, Long> read(String processorName) {
        Map<Integer, Long> positions = new HashMap<>();
        for (Document document : tokens().find(eq("processorName", processorName))) {
            positions.put(document.getInteger("segment"), position(document));
        }
        return positions;
    }

    private long position(Document document) {
        Object bytes = document.get("token");
        String type = document.getString("tokenType");
        if (bytes == null || type == null) {
            return -1;
        }
        byte[] data = bytes instanceof Binary binary ? binary.getData() : (byte[]) bytes;
        TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
        return token == null ? -1 : token.position().orElse(-1);
    }

    private MongoCollection<Document> tokens() {
        return database.getCollection(COLLECTION);
    }
}

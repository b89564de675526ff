package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
 * processes it. Each read is kept for a few milliseconds, so that the many requests of a busy node (each asks how far
 * its views are, and in which state) cost a handful of reads.
 */
public final class StoredTokens {

    static final String COLLECTION = "trackingtokens";
    private static final long FRESH_NANOS = 20_000_000;

    private final MongoDatabase database;
    private final Serializer serializer;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    /** One read: each segment's position (-1: none yet) and its stored token as it is stored. */
    private record Read(long at, Map<Integer, Long> positions, Map<Integer, String> tokens) {
    }

    StoredTokens(MongoDatabase database, Serializer serializer) {
        this.database = database;
        this.serializer = serializer;
    }

    /** Segment to the position of its stored token (-1: none yet); empty when the processor has no tokens. */
    Map<Integer, Long> positions(String processorName) {
        return fresh(processorName).positions();
    }

    /** Segment to its stored token, as stored (Base64); empty when the processor has no tokens. */
    Map<Integer, String> tokens(String processorName) {
        return fresh(processorName).tokens();
    }

    private Read fresh(String processorName) {
        long now = System.nanoTime();
        Read read = reads.get(processorName);
        if (read == null || now - read.at() > FRESH_NANOS) {
            read = read(now, processorName);
            reads.put(processorName, read);
        }
        return read;
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

    private Read read(long at, String processorName) {
        Map<Integer, Long> positions = new HashMap<>();
        Map<Integer, String> tokens = new HashMap<>();
        for (Document document : tokens().find(eq("processorName", processorName))) {
            int segment = document.getInteger("segment");
            byte[] data = data(document.get("token"));
            String type = document.getString("tokenType");
            positions.put(segment, data == null || type == null ? -1 : position(data, type));
            tokens.put(segment, data == null ? "none" : Base64.getEncoder().encodeToString(data));
        }
        return new Read(at, positions, tokens);
    }

    private static byte[] data(Object token) {
        if (token instanceof Binary binary) {
            return binary.getData();
        }
        return token instanceof byte[] bytes ? bytes : null;
    }

    private long position(byte[] data, String type) {
        TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
        return token == null ? -1 : token.position().orElse(-1);
    }

    private MongoCollection<Document> tokens() {
        return database.getCollection(COLLECTION);
    }
}

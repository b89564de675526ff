package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;

/** The physical collections of one generation of one projection. */
public record ViewCollections(MongoDatabase database, String projection, int generation) {

    public MongoCollection<Document> get(String logical) {
        return database.getCollection(physicalName(logical));
    }

    public String physicalName(String logical) {
        return "view_" + projection + "_" + logical + "_g" + generation;
    }

    /**
     * One state of these collections: the generation and the stored token of each segment of its processor (read
     * from the shared token store, so segments claimed by other nodes count too); {@code null} while no segment
     * has stored one. A view changes only through its processor, which stores its tokens after each batch's
     * writes, so the same state means the same documents.
     */
    public String state() {
        List<String> tokens = new ArrayList<>();
        database.getCollection(StoredTokens.COLLECTION)
                .find(eq("processorName", ProjectionProcessors.processorName(projection, generation)))
                .sort(Sorts.ascending("segment")).forEach(d -> tokens.add(d.get("segment") + "=" + token(d.get("token"))));
        return tokens.isEmpty() ? null : generation + ":" + String.join(",", tokens);
    }

    private static String token(Object token) {
        if (token instanceof Binary binary) {
            return Base64.getEncoder().encodeToString(binary.getData());
        }
        if (token instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return String.valueOf(token);
    }

    /** Creates the projection's indexes on these collections (a folding view's version index first). */
    void prepare(Projection projection) {
        if (projection instanceof FoldingProjection) {
            projection.collections().forEach(collection -> FoldingProjection.createVersionIndex(get(collection)));
        }
        projection.createIndexes(this);
    }

    void drop(Iterable<String> logicals) {
        for (String logical : logicals) {
            get(logical).drop();
        }
    }
}

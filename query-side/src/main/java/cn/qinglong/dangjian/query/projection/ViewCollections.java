package cn.qinglong.dangjian.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/** The physical collections of one generation of one projection. */
public record ViewCollections(MongoDatabase database, String projection, int generation) {

    public MongoCollection<Document> get(String logical) {
        return database.getCollection(physicalName(logical));
    }

    public String physicalName(String logical) {
        return "view_" + projection + "_" + logical + "_g" + generation;
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

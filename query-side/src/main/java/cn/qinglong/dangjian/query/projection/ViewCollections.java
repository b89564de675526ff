package cn.qinglong.dangjian.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/** The physical collections of one generation of one projection. */
public final class ViewCollections {

    private final MongoDatabase database;
    private final String projection;
    private final int generation;

    public ViewCollections(MongoDatabase database, String projection, int generation) {
        this.database = database;
        this.projection = projection;
        this.generation = generation;
    }

    public MongoCollection<Document> get(String logical) {
        return database.getCollection(physicalName(logical));
    }

    public String physicalName(String logical) {
        return "view_" + projection + "_" + logical + "_g" + generation;
    }

    public int generation() {
        return generation;
    }

    public String projection() {
        return projection;
    }

    void drop(Iterable<String> logicals) {
        for (String logical : logicals) {
            get(logical).drop();
        }
    }
}

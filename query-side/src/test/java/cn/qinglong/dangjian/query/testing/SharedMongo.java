package cn.qinglong.dangjian.query.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One read-model database several query nodes share, as they would share a MongoDB in production: a fresh database
 * on the MongoDB of {@code MONGODB_URI} (dropped when the JVM exits), or else mongo-java-server in memory, listening
 * on a TCP port of this JVM so that nodes in other processes reach it too.
 */
public final class SharedMongo {

    private final String uri;
    private final String database;
    private final MongoClient client;

    private SharedMongo(String uri, String database) {
        this.uri = uri;
        this.database = database;
        this.client = MongoClients.create(uri);
    }

    public static SharedMongo create() {
        String name = TestMongo.freshDatabaseName();
        if (TestMongo.real()) {
            SharedMongo mongo = new SharedMongo(System.getenv("MONGODB_URI"), name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> mongo.database().drop()));
            return mongo;
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        return new SharedMongo(server.bindAndGetConnectionString(), name);
    }

    /** Another fresh database on the same server. */
    public SharedMongo sibling() {
        SharedMongo mongo = new SharedMongo(uri, TestMongo.freshDatabaseName());
        if (TestMongo.real()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> mongo.database().drop()));
        }
        return mongo;
    }

    public String uri() {
        return uri;
    }

    public MongoDatabase database() {
        return client.getDatabase(database);
    }

    /** The Spring properties that point a query node at this database. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.mongodb.uri", uri);
        properties.put("spring.mongodb.database", database);
        return properties;
    }
}

package cn.qinglong.dangjian.query.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The read-model database of a test: mongo-java-server in memory by default, or a fresh database on the real
 * MongoDB named by {@code MONGODB_URI} (dropped when the JVM exits).
 */
public final class TestMongo {

    private static final String URI = System.getenv("MONGODB_URI");

    private TestMongo() {
    }

    public static boolean real() {
        return URI != null && !URI.isBlank();
    }

    public static String freshDatabaseName() {
        return "query_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A database of its own, for tests that drive projections without Spring; the listeners see every command. */
    public static MongoDatabase database(CommandListener... listeners) {
        String uri = real() ? URI : new MongoServer(new MemoryBackend()).bindAndGetConnectionString();
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri));
        for (CommandListener listener : listeners) {
            settings.addCommandListener(listener);
        }
        MongoClient client = MongoClients.create(settings.build());
        String name = freshDatabaseName();
        MongoDatabase database = client.getDatabase(name);
        if (real()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> database.drop()));
        }
        return database;
    }

    /** The Spring properties that give a service context a database of its own. */
    public static Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (real()) {
            String name = freshDatabaseName();
            properties.put("spring.mongodb.uri", URI);
            properties.put("spring.mongodb.database", name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (MongoClient client = MongoClients.create(URI)) {
                    client.getDatabase(name).drop();
                }
            }));
        } else {
            properties.put("spring.mongodb.uri", "");
            properties.put("query.mongo.embedded", "memory");
        }
        return properties;
    }
}

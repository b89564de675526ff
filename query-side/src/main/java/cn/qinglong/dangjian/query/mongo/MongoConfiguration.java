package cn.qinglong.dangjian.query.mongo;

import cn.qinglong.dangjian.eventstore.PrivateFiles;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code spring.mongodb.uri} (from {@code MONGODB_URI}) selects a real MongoDB. Without it the service starts an
 * in-process mongo-java-server: an H2 file under the data directory by default, or memory (tests). The client is
 * our own bean, so nothing else tries to connect to localhost:27017.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    /** The embedded stand-in's file under the data directory (encrypted, rebuilt at every start). */
    public static final String FILE = "readmodels.mv";

    /**
     * Either a real server's URI or the in-process server started in its place. The client depends on it, so
     * the client is closed first and never talks to a stopped server.
     */
    public record MongoEndpoint(String uri, MongoServer embedded) {
        public void close() {
            if (embedded != null) {
                embedded.shutdownNow();
            }
        }
    }

    @Bean(destroyMethod = "close")
    MongoEndpoint mongoEndpoint(@Value("${spring.mongodb.uri:}") String uri,
                                @Value("${query.mongo.embedded:h2}") String embedded,
                                @Value("${query.mongo.data-dir:./data}") String dataDir) {
        if (uri != null && !uri.isBlank()) {
            return new MongoEndpoint(uri, null);
        }
        MongoServer server;
        if ("memory".equalsIgnoreCase(embedded)) {
            server = new MongoServer(new MemoryBackend());
        } else {
            // the read models hold personal data: their folder and file are the owner's alone, and the file is
            // encrypted with a key that lives only in this process, so an erasure leaves nothing readable in old
            // pages, and a run's file is unreadable after it; each start builds the views again from the event store
            Path folder = PrivateFiles.folder(Path.of(dataDir).toAbsolutePath());
            Path file = folder.resolve(FILE);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot replace the read models' file " + file, e);
            }
            MVStore store = new MVStore.Builder().fileName(file.toString()).encryptionKey(processKey()).open();
            PrivateFiles.files(folder, FILE);
            server = new MongoServer(new H2Backend(store));
            log.info("read models in the embedded MongoDB stand-in at {}, encrypted with a key kept in memory only; "
                    + "they are built again from the event store at every start", file);
        }
        return new MongoEndpoint(server.bindAndGetConnectionString(), server);
    }

    private static char[] processKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).toCharArray();
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoEndpoint endpoint) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(endpoint.uri()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, MongoEndpoint endpoint,
                                    @Value("${spring.mongodb.database:dangjian}") String database) {
        return client.getDatabase(database);
    }
}

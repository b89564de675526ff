package cn.qinglong.dangjian.query.mongo;

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
import java.util.concurrent.TimeUnit;
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
            try {
                Files.createDirectories(Path.of(dataDir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path file = Path.of(dataDir, "readmodels.mv").toAbsolutePath();
            server = new MongoServer(new H2Backend(file.toString()));
            log.info("read models in the embedded MongoDB stand-in at {}", file);
        }
        return new MongoEndpoint(server.bindAndGetConnectionString(), server);
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

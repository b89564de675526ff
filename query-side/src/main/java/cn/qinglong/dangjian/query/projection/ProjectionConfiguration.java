package cn.qinglong.dangjian.query.projection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionSettings.class)
class ProjectionConfiguration {

    /** Tokens live next to the views they describe. */
    @Bean
    TokenStore tokenStore(MongoClient client, MongoDatabase readModelDatabase, Serializer serializer,
                          ProjectionSettings settings) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(client, readModelDatabase.getName())
                        .trackingTokensCollectionName(StoredTokens.COLLECTION)
                        .build())
                .serializer(serializer)
                .claimTimeout(settings.claimTimeout())
                .nodeId(settings.nodeId())
                .build();
    }

    /** The same tokens, read without claiming them, with the token store's serializer. */
    @Bean
    StoredTokens storedTokens(MongoDatabase readModelDatabase, Serializer serializer) {
        return new StoredTokens(readModelDatabase, serializer);
    }

    /**
     * The command side appends from another JVM, so nothing wakes this store up; it polls. A short delay keeps
     * read-your-writes waits short.
     */
    @Bean(destroyMethod = "shutDown")
    EventStore eventStore(EventStorageEngine storageEngine, ProjectionSettings settings) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(settings.fetchDelay().toMillis())
                .build();
    }
}

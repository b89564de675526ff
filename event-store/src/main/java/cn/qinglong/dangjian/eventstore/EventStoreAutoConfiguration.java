package cn.qinglong.dangjian.eventstore;

import cn.qinglong.dangjian.eventstore.chain.ChainHashingAppendStatement;
import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import cn.qinglong.dangjian.eventstore.chain.KnownChainHeads;
import cn.qinglong.dangjian.eventstore.personal.MasterKey;
import cn.qinglong.dangjian.eventstore.personal.PersonalData;
import cn.qinglong.dangjian.eventstore.personal.SealedSnapshotSerializer;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Axon 4.13 orders its JDBC and transaction auto-configurations after Spring Boot 3 class names that moved in
 * Boot 4, so on its own it would run before the DataSource exists and silently fall back to
 * {@code NoTransactionManager}. This configuration runs after Boot's DataSource and transaction manager and
 * before Axon, and declares the event store and the transaction manager itself. Every appended event carries a
 * chain hash over its stream's previous event ({@link cn.qinglong.dangjian.eventstore.chain.ChainHash}); the
 * personal fields of member events are stored encrypted with the member's key ({@link PersonalData}) and
 * snapshots sealed ({@link SealedSnapshotSerializer}).
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                TransactionAutoConfiguration.class},
        beforeName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration"})
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreAutoConfiguration {

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** The embedded default's H2 files private, its AUTO_SERVER on loopback (see {@link H2Files}). */
    @Bean
    public static H2Files h2Files(org.springframework.core.env.Environment environment) {
        return new H2Files(environment);
    }

    @Bean
    public MasterKey masterKey(EventStoreProperties properties) {
        return properties.masterKey() == null || properties.masterKey().isBlank()
                ? MasterKey.fromFile(Path.of(properties.masterKeyFile()))
                : MasterKey.of(properties.masterKey());
    }

    /** Its event serializer is the engine's, so every reader of stored events reads through it. */
    @Bean
    public PersonalData personalData(DataSource dataSource, MasterKey masterKey,
                                     @Qualifier("eventSerializer") Serializer eventSerializer,
                                     EventStoreProperties properties) {
        return new PersonalData(eventSerializer, new JdbcTemplate(dataSource), masterKey, properties.keyCacheTtl(),
                properties.keyCacheSize(), properties.decodedCacheSize());
    }

    @Bean
    public AppendedEvents appendedEvents() {
        return new AppendedEvents();
    }

    @Bean
    public ChainRememberingJdbcEventStorageEngine eventStorageEngine(DataSource dataSource, AppendedEvents appendedEvents,
                                                 TransactionManager axonTransactionManager,
                                                 Serializer serializer, PersonalData personalData,
                                                 MasterKey masterKey,
                                                 ObjectProvider<EventUpcasterChain> upcasters,
                                                 EventStoreProperties properties) {
        KnownChainHeads heads = new KnownChainHeads(properties.chainHeadCacheSize());
        return new ChainRememberingJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(axonTransactionManager)
                .persistenceExceptionResolver(new UniqueViolations())
                .eventSerializer(personalData.eventSerializer())
                .snapshotSerializer(new SealedSnapshotSerializer(serializer, masterKey))
                .upcasterChain(upcasters.getIfAvailable(EventUpcasterChain::new))
                .batchSize(properties.batchSize())
                .gapTimeout((int) ChainRememberingJdbcEventStorageEngine.GAP_TIMEOUT.toMillis())
                .appendEvents(new ChainHashingAppendStatement(appendedEvents, heads)), heads);
    }

    /**
     * A streaming processor started on a non-empty store keeps a {@code ReplayToken} whose context is typed
     * {@code Object}; Jackson 3 refuses such polymorphic values unless their packages are allowed.
     */
    @Bean
    public Jackson3SerializerCustomizer polymorphicTypesOfAxonAndThisProject() {
        var validator = BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("cn.qinglong.dangjian.")
                .allowIfSubType("java.util.")
                .build();
        return builder -> builder.polymorphicTypeValidator(validator);
    }
}

package cn.qinglong.dangjian.query.audit;

import cn.qinglong.dangjian.eventstore.audit.CheckpointKey;
import cn.qinglong.dangjian.query.lease.PublicationLease;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckpointProperties.class)
public class AuditConfiguration {

    /** From {@code CHECKPOINT_SIGNING_KEY} (PEM) or the key file; never from the event store. */
    @Bean
    CheckpointKey checkpointKey(CheckpointProperties properties) {
        return properties.signingKey() != null && !properties.signingKey().isBlank()
                ? CheckpointKey.fromPem(properties.signingKey())
                : CheckpointKey.fromFile(Path.of(properties.signingKeyFile()));
    }

    @Bean
    AuditStore auditStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new AuditStore(jdbc, transactions);
    }

    @Bean
    AuditProofs auditProofs(AuditStore auditStore, JdbcTemplate jdbc) {
        return new AuditProofs(auditStore, jdbc);
    }

    @Bean
    @ConditionalOnProperty(name = "checkpoints.enabled", havingValue = "true", matchIfMissing = true)
    Checkpointer checkpointer(JdbcTemplate jdbc, AuditStore auditStore, CheckpointKey checkpointKey,
                              CheckpointProperties properties, PlatformTransactionManager transactions,
                              ObjectProvider<CheckpointPublication> publications) {
        String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        PublicationLease lease = new PublicationLease(jdbc, "checkpoints", node, properties.lease(),
                Clock.systemUTC());
        return new Checkpointer(jdbc, auditStore, checkpointKey, properties, lease, transactions,
                publications.orderedStream().toList(), Clock.systemUTC());
    }
}

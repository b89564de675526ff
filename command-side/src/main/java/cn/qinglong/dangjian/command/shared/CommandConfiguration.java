package cn.qinglong.dangjian.command.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CommandConfiguration {

    /** Metadata keys every event inherits from the command that caused it. */
    public static final String ACTOR = "actor";
    public static final String REQUEST_ID = "requestId";

    @Bean
    Clock clock(@Value("${app.time-zone}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    /** Members loaded by earlier commands, see {@link AggregateCache}; a size of 0 turns it off. */
    @Bean
    AggregateCache aggregateCache(@Value("${command.aggregate-cache.size}") int size,
                                  @Value("${command.aggregate-cache.max-age}") Duration maxAge) {
        return new AggregateCache(size, maxAge);
    }

    @Bean
    SnapshotTriggerDefinition memberSnapshotTrigger(Snapshotter snapshotter,
                                                    @Value("${member.snapshot-threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Two nodes appending to one stream at once collide on the store's unique (stream, sequence) key; the
     * loser is retried, reloads the stream and decides again, so races settle without a lost update.
     */
    @Bean(destroyMethod = "")
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(retries)
                        .retryInterval(25)
                        .maxRetryCount(5)
                        .nonTransientFailurePredicate(CommandConfiguration::decided)
                        .build())
                .build();
    }

    /** A refusal that a retry on fresher state would repeat; only store-level collisions are worth retrying. */
    private static boolean decided(Throwable failure) {
        return failure instanceof RuleViolation || failure instanceof NotFound || failure instanceof IdConflict
                || failure instanceof AxonNonTransientException || failure instanceof IllegalArgumentException;
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider actorAndRequestId() {
        return new SimpleCorrelationDataProvider(ACTOR, REQUEST_ID);
    }
}

package cn.qinglong.dangjian.command.shared;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
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

    /**
     * Members loaded by earlier commands, kept for their next one: at most {@code size}, and none older than
     * {@code maxAge}, so that another node's changes (an erasure above all) are not kept here for longer than that; a
     * size or an age of 0 keeps nothing. Axon's caching repository puts a member back after each command and removes
     * it when a unit of work rolls back; a kept member that another node has moved on from appends a sequence number
     * that is already taken, the store refuses it, the entry is removed and the gateway's retry loads the stream
     * again. A command on a kept member that appended nothing is decided again on the stored stream
     * ({@code CommandDispatcher}); an erasure drops the member at its commit ({@code PersonalDataShredder}).
     */
    @Bean
    Cache aggregateCache(@Value("${command.aggregate-cache.size}") int size,
                         @Value("${command.aggregate-cache.max-age}") Duration maxAge) {
        return keptAggregates(size, maxAge, Ticker.systemTicker());
    }

    /** Evictions run on the calling thread, so the bound holds as soon as a put returns. */
    static Cache keptAggregates(int size, Duration maxAge, Ticker ticker) {
        if (size <= 0 || maxAge.isZero() || maxAge.isNegative()) {
            return NoCache.INSTANCE;
        }
        return new CaffeineAdapter(Caffeine.newBuilder().maximumSize(size).expireAfterWrite(maxAge).ticker(ticker)
                .executor(Runnable::run).build());
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

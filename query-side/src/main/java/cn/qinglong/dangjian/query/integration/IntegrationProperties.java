package cn.qinglong.dangjian.query.integration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param gapGrace how long after the next event was recorded a missing global index counts as a rolled-back
 *                 transaction rather than one still committing (see {@link EventFeed})
 */
@ConfigurationProperties("integration")
public record IntegrationProperties(@DefaultValue("10s") Duration gapGrace,
                                    @DefaultValue Stream stream,
                                    @DefaultValue Amqp amqp) {

    /**
     * @param heartbeat         an SSE comment after this much silence keeps proxies from closing an idle stream
     * @param pollInterval      how often a caught-up subscription looks for new events
     * @param clientBuffer      events held for one client at most; the bound on its memory
     * @param slowClientTimeout a client whose buffer stays full this long is disconnected (it resumes later)
     * @param batchSize         events read from the store at a time
     * @param maxSubscribers    concurrent subscriptions; more are refused with 503
     */
    public record Stream(@DefaultValue("15s") Duration heartbeat,
                         @DefaultValue("200ms") Duration pollInterval,
                         @DefaultValue("1000") int clientBuffer,
                         @DefaultValue("10s") Duration slowClientTimeout,
                         @DefaultValue("500") int batchSize,
                         @DefaultValue("64") int maxSubscribers) {
    }

    /**
     * @param enabled        forces the publisher on or off; unset, it is on when {@code AMQP_URI} or
     *                       {@code spring.rabbitmq.host}/{@code addresses} is set
     * @param uri            {@code amqp://user:password@host:5672/vhost}; {@code AMQP_URI} when unset
     * @param exchange       the durable topic exchange events go to
     * @param publisherName  the row of {@code integration_publication} holding this publisher's position and lease
     * @param batchSize      events sent before waiting for the broker's confirms
     * @param confirmTimeout how long to wait for confirms before sending the batch again
     * @param pollInterval   how often a caught-up publisher looks for new events
     * @param lease          how long a node's claim to publish lasts without renewal
     * @param leaseRetry     how often a standby node tries to take over
     * @param retryDelay     the pause after a failure (broker or database unreachable)
     */
    public record Amqp(Boolean enabled,
                       String uri,
                       @DefaultValue("dangjian.events") String exchange,
                       @DefaultValue("amqp") String publisherName,
                       @DefaultValue("500") int batchSize,
                       @DefaultValue("30s") Duration confirmTimeout,
                       @DefaultValue("200ms") Duration pollInterval,
                       @DefaultValue("30s") Duration lease,
                       @DefaultValue("5s") Duration leaseRetry,
                       @DefaultValue("2s") Duration retryDelay) {
    }
}

package cn.qinglong.dangjian.query.integration;

import cn.qinglong.dangjian.query.lease.LeaseHoldingWorker;
import cn.qinglong.dangjian.query.lease.PublicationLease;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Sends every event, in global-index order, as a structured-mode CloudEvent to a topic exchange with the event's
 * CloudEvents type as routing key.
 *
 * <p>One batch at a time goes out on one channel and the publisher waits for the broker's confirms of the whole
 * batch before it records the batch's last position; a nack, a timeout or a crash before that record means the
 * batch is sent again from the last recorded position. Delivery is therefore at-least-once, a re-sent event carries
 * the same CloudEvents {@code id} (and AMQP {@code message-id}), and consumers dedupe by it. Because a single
 * channel publishes in order and batches never overlap, each aggregate's events reach a queue in order.
 */
public final class AmqpPublisher extends LeaseHoldingWorker {

    private static final Logger log = LoggerFactory.getLogger(AmqpPublisher.class);

    private final EventFeed feed;
    private final CloudEventMapper mapper;
    private final RabbitTemplate rabbit;
    private final IntegrationProperties.Amqp settings;
    private final AtomicLong confirmedPosition = new AtomicLong(-1);
    private boolean exchangeDeclared;

    public AmqpPublisher(EventFeed feed, CloudEventMapper mapper, RabbitTemplate rabbit, PublicationLease lease,
                         IntegrationProperties.Amqp settings) {
        super(lease, "amqp-publisher", "publication");
        this.feed = feed;
        this.mapper = mapper;
        this.rabbit = rabbit;
        this.settings = settings;
    }

    /** The last position this node saw confirmed and recorded, or -1 before the first batch. */
    public long confirmedPosition() {
        return confirmedPosition.get();
    }

    @Override
    protected void whileRunning() {
        while (running) {
            try {
                OptionalLong position = lease.acquire();
                if (position.isEmpty()) {
                    pause(settings.leaseRetry());
                    continue;
                }
                if (!exchangeDeclared) {
                    // here rather than at start-up, so that the query side starts while the broker is down
                    new RabbitAdmin(rabbit).declareExchange(new TopicExchange(settings.exchange(), true, false));
                    exchangeDeclared = true;
                }
                if (!publishBatchAfter(position.getAsLong())) {
                    pause(settings.pollInterval());
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Publishing to exchange {} failed; retrying from the last confirmed position",
                            settings.exchange(), e);
                    pause(settings.retryDelay());
                }
            }
        }
    }

    /** True when a full batch went out, so the next one should follow at once. */
    private boolean publishBatchAfter(long after) {
        List<EventFeed.Entry> entries = feed.next(after, settings.batchSize());
        if (entries.isEmpty()) {
            return false;
        }
        List<IntegrationEvent> events = entries.stream().map(e -> mapper.map(e.position(), e.message())).toList();
        rabbit.invoke(channel -> {
            for (IntegrationEvent event : events) {
                channel.send(settings.exchange(), event.type(), message(event));
            }
            channel.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
            return null;
        });
        long last = events.get(events.size() - 1).position();
        if (!lease.advance(last)) {
            log.info("Another node took over publishing to {}; this node stands by", settings.exchange());
            return false;
        }
        confirmedPosition.set(last);
        return events.size() == settings.batchSize();
    }

    static Message message(IntegrationEvent event) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(CloudEventMapper.STRUCTURED_CONTENT_TYPE);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setMessageId(event.cloudEvent().getId());
        properties.setType(event.type());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return new Message(event.structured(), properties);
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

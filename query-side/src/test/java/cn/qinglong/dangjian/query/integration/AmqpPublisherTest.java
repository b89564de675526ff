package cn.qinglong.dangjian.query.integration;

import cn.qinglong.dangjian.query.lease.PublicationLease;
import cn.qinglong.dangjian.query.testing.TestBroker;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publisher against the machine's real RabbitMQ. Run it alone with
 * {@code ./mvnw -pl query-side -am verify -Dtest=AmqpPublisherTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Skipped when no broker listens and CI is not set; with {@code CI=true} a missing broker fails it.
 */
@Tag("amqp")
@EnabledIf("cn.qinglong.dangjian.query.testing.TestBroker#runningOrRequired")
// the timeout only stops a stuck run from hanging the build; no assertion depends on timing
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AmqpPublisherTest extends IntegrationClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private EventFeed feed;

    @Autowired
    private CloudEventMapper mapper;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final CachingConnectionFactory connections = connections();
    private final RabbitAdmin admin = new RabbitAdmin(connections);
    private final List<AmqpPublisher> publishers = new ArrayList<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private SimpleMessageListenerContainer consumer;
    private String exchange;
    private String queue;

    record Received(String id, String subject, long aggregateVersion, long position, String type, String routingKey,
                    String body) {
    }

    private static CachingConnectionFactory connections() {
        CachingConnectionFactory factory = new CachingConnectionFactory(TestBroker.HOST, TestBroker.PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        return factory;
    }

    /** What an integration client does: its own queue, bound to the exchange with a topic pattern. */
    private void bindConsumer(String name) {
        exchange = "dangjian.events.test-" + run + "-" + name;
        queue = exchange + ".everything";
        TopicExchange topic = new TopicExchange(exchange, true, false);
        admin.declareExchange(topic);
        admin.declareQueue(new Queue(queue, false, false, false));
        Binding binding = BindingBuilder.bind(new Queue(queue)).to(topic).with("cn.qinglong.dangjian.#");
        admin.declareBinding(binding);
        consumer = new SimpleMessageListenerContainer(connections);
        consumer.setQueueNames(queue);
        consumer.setPrefetchCount(250);
        consumer.setMessageListener(message -> {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            JsonNode event = JSON.readTree(body);
            assertThat(message.getMessageProperties().getMessageId()).isEqualTo(event.get("id").asString());
            received.add(new Received(event.get("id").asString(), event.path("subject").asString(null),
                    event.path("aggregateversion").asLong(-1), event.get("position").asLong(),
                    event.get("type").asString(), message.getMessageProperties().getReceivedRoutingKey(), body));
        });
        consumer.start();
    }

    private AmqpPublisher publisher(String publisherName, String node) {
        IntegrationProperties.Amqp settings = new IntegrationProperties.Amqp(true, null, exchange, publisherName, 200,
                Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(100),
                Duration.ofMillis(200));
        PublicationLease lease = new PublicationLease(jdbc, publisherName, node, settings.lease(), Clock.systemUTC());
        AmqpPublisher publisher = new AmqpPublisher(feed, mapper, new RabbitTemplate(connections), lease, settings);
        publishers.add(publisher);
        return publisher;
    }

    @AfterEach
    void deleteTheBrokerObjectsOfThisRun() {
        publishers.forEach(AmqpPublisher::stop);
        if (consumer != null) {
            consumer.stop();
        }
        admin.deleteQueue(queue);
        admin.deleteExchange(exchange);
        connections.destroy();
    }

    @Test
    void every_event_of_a_5000_event_run_reaches_a_bound_queue_in_aggregate_order_across_a_stop_a_takeover_and_a_restart() {
        bindConsumer("run");
        String publisherName = "test-run-" + run;
        for (int i = 0; i < 5; i++) {
            commands.memberWithPersonalDetails("m-amqp-" + run + "-private-" + i);
        }
        AmqpPublisher nodeA = publisher(publisherName, "node-a");
        AmqpPublisher nodeB = publisher(publisherName, "node-b");
        nodeA.start();
        poll(() -> nodeA.confirmedPosition() > 0);
        nodeB.start();

        long before = lastPosition();
        CompletableFuture<?>[] producers = IntStream.range(0, 2).mapToObj(thread -> CompletableFuture.runAsync(() -> {
            for (int m = 0; m < 25; m++) {
                commands.appendMemberHistory("m-amqp-" + run + "-" + thread + "-" + m, 100);
            }
        })).toArray(CompletableFuture[]::new);

        poll(() -> nodeA.confirmedPosition() > before + 1500);
        assertThat(nodeB.confirmedPosition()).as("the standby node publishes nothing while the lease is held").isEqualTo(-1);
        nodeA.stop();
        poll(() -> nodeB.confirmedPosition() > before + 2500);
        nodeA.start();
        CompletableFuture.allOf(producers).join();
        long last = lastPosition();
        assertThat(last - before).isGreaterThanOrEqualTo(5000);
        Set<String> stored = new HashSet<>(jdbc.queryForList("SELECT eventIdentifier FROM DomainEventEntry", String.class));
        poll(() -> receivedIds().containsAll(stored));

        List<Received> messages = List.copyOf(received);
        assertThat(receivedIds()).isEqualTo(stored);
        assertSameIdForEveryResend(messages);
        assertEachAggregateInOrder(messages);
        assertThat(messages).allSatisfy(message -> assertThat(message.routingKey()).isEqualTo(message.type()));
        for (Received message : messages) {
            for (String personal : CommandSide.PERSONAL_DETAILS) {
                assertThat(message.body()).doesNotContain(personal);
            }
        }
    }

    @Test
    void a_crash_between_confirm_and_position_update_resends_the_same_events_with_the_same_ids() {
        bindConsumer("resend");
        String publisherName = "test-resend-" + run;
        commands.memberWithPersonalDetails("m-amqp-" + run + "-resend");
        AmqpPublisher publisher = publisher(publisherName, "node-a");
        publisher.start();
        long last = lastPosition();
        poll(() -> publisher.confirmedPosition() == last);
        poll(() -> received.size() >= storedCount());
        publisher.stop();
        List<Received> firstDelivery = List.copyOf(received);
        assertThat(firstDelivery).hasSize((int) storedCount());

        // as if the node had died after the broker confirmed the last 7 events but before it recorded that
        jdbc.update("UPDATE integration_publication SET published_position = ? WHERE publisher = ?", last - 7,
                publisherName);
        AmqpPublisher restarted = publisher(publisherName, "node-a-restarted");
        restarted.start();
        poll(() -> received.size() >= firstDelivery.size() + 7);
        restarted.stop();

        List<Received> resent = List.copyOf(received).subList(firstDelivery.size(), received.size());
        assertThat(resent).hasSize(7);
        assertThat(resent).isEqualTo(firstDelivery.subList(firstDelivery.size() - 7, firstDelivery.size()));
        assertSameIdForEveryResend(received);
        Set<String> dedupedByConsumer = new HashSet<>();
        received.forEach(message -> dedupedByConsumer.add(message.id()));
        assertThat(dedupedByConsumer).hasSize((int) storedCount());
    }

    @Test
    void an_erased_members_events_are_all_published_and_none_carries_personal_data() {
        bindConsumer("erased");
        String member = "m-amqp-" + run + "-erased";
        commands.memberWithPersonalDetails(member);
        commands.post("/api/members/" + member + "/membership-end", "{\"reason\":\"DECEASED\",\"endedOn\":\"2026-03-01\"}");
        commands.post("/api/members/" + member + "/erasure", "");
        AmqpPublisher publisher = publisher("test-erased-" + run, "node-a");
        publisher.start();
        long last = lastPosition();
        poll(() -> publisher.confirmedPosition() == last);
        poll(() -> received.stream().anyMatch(message -> message.position() == last));
        publisher.stop();

        List<Received> ofMember = received.stream().filter(message -> member.equals(message.subject())).toList();
        assertThat(ofMember).extracting(Received::aggregateVersion).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(ofMember.get(8).type()).isEqualTo("cn.qinglong.dangjian.member.MemberPersonalDataErased.v1");
        for (Received message : ofMember) {
            for (String personal : CommandSide.PERSONAL_DETAILS) {
                assertThat(message.body()).doesNotContain(personal);
            }
        }
    }

    private long storedCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private Set<String> receivedIds() {
        synchronized (received) {
            Set<String> ids = new HashSet<>();
            received.forEach(message -> ids.add(message.id()));
            return ids;
        }
    }

    /** At-least-once: a position may arrive more than once, but always as the same event. */
    private static void assertSameIdForEveryResend(List<Received> messages) {
        Map<Long, String> idAt = new HashMap<>();
        Map<Long, String> bodyAt = new HashMap<>();
        for (Received message : messages) {
            assertThat(idAt.computeIfAbsent(message.position(), p -> message.id())).isEqualTo(message.id());
            assertThat(bodyAt.computeIfAbsent(message.position(), p -> message.body())).isEqualTo(message.body());
        }
    }

    /** After dropping repeats by id, as a consumer does, each aggregate's events arrive as 0, 1, 2, ... */
    private static void assertEachAggregateInOrder(List<Received> messages) {
        Set<String> seen = new HashSet<>();
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        for (Received message : messages) {
            if (seen.add(message.id())) {
                versions.computeIfAbsent(message.subject(), s -> new ArrayList<>()).add(message.aggregateVersion());
            }
        }
        versions.forEach((aggregate, sequence) -> assertThat(sequence).as(aggregate)
                .isEqualTo(IntStream.range(0, sequence.size()).mapToObj(Long::valueOf).toList()));
    }

    private static void poll(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

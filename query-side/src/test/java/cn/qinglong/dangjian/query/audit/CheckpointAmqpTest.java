package cn.qinglong.dangjian.query.audit;

import static cn.qinglong.dangjian.query.audit.Tampering.rechain;
import static cn.qinglong.dangjian.query.audit.Tampering.rewritePayload;
import static cn.qinglong.dangjian.query.audit.Tampering.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.audit.Checkpoint;
import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.query.QuerySideApplication;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.TestBroker;
import cn.qinglong.dangjian.query.testing.TestMongo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Checkpoints kept the way docs/auditors-checkpoints.md tells auditors to keep them from RabbitMQ: the query side runs
 * with {@code AMQP_URI} set against the machine's real broker (its own exchange per run, {@code AMQP_EXCHANGE}); the
 * auditor's own durable queue is bound with {@code cn.qinglong.dangjian.audit.#} and every message body is appended
 * to {@code checkpoints.jsonl}, which the standalone verifier reads. Skipped when no broker listens and CI is not set,
 * like {@code AmqpPublisherTest}; with {@code CI=true} a missing broker fails it.
 */
@Tag("amqp")
@EnabledIf("cn.qinglong.dangjian.query.testing.TestBroker#runningOrRequired")
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
// the timeout only stops a stuck run from hanging the build; no assertion depends on timing
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CheckpointAmqpTest {

    private static final TestEventStoreDatabase DATABASE = TestEventStoreDatabase.create();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String EXCHANGE = "dangjian.events.test-" + RUN + "-checkpoints";
    private static final String QUEUE = "audit.checkpoints.test-" + RUN;
    private static final String TYPE = "cn.qinglong.dangjian.audit.Checkpoint.v1";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DATABASE.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        TestMongo.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("AMQP_URI", () -> "amqp://guest:guest@" + TestBroker.HOST + ":" + TestBroker.PORT + "/%2f");
        registry.add("AMQP_EXCHANGE", () -> EXCHANGE);
        Tampering.onDemandCheckpoints(registry);
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
    }

    private static CachingConnectionFactory connections;
    private static RabbitAdmin admin;

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @TempDir
    static Path auditor;

    private Http committee;
    private Http auditorClient;

    @BeforeAll
    static void broker() {
        connections = new CachingConnectionFactory(TestBroker.HOST, TestBroker.PORT);
        connections.setUsername("guest");
        connections.setPassword("guest");
        admin = new RabbitAdmin(connections);
    }

    @AfterAll
    static void deleteTheBrokerObjectsOfThisRun() {
        admin.deleteQueue(QUEUE);
        admin.deleteExchange(EXCHANGE);
        connections.destroy();
    }

    @BeforeEach
    void clients() {
        committee = new Http("http://localhost:" + port + "/api");
        auditorClient = committee.as("AUDITOR");
    }

    @Test
    @Order(1)
    void checkpoints_kept_from_a_bound_queue_verify_a_history_and_catch_it_rewritten_with_every_hash_recomputed()
            throws Exception {
        bindTheAuditorsQueue();
        String member = Tampering.member(eventStore, 20000L, 30000L);
        Checkpoint first = checkpointNow();
        Tampering.member(eventStore, 40000L);
        Checkpoint second = checkpointNow();

        List<Message> messages = receiveAll(2);
        assertTheDocumentedEnvelope(messages.get(0), first);
        assertTheDocumentedEnvelope(messages.get(1), second);
        Path kept = keep(messages);
        Path key = publicKey();

        assertThat(verifier("checkpoints", "--key", key.toString(), "--checkpoints", kept.toString()))
                .contains("read 2 saved checkpoint(s) signed by key " + first.keyId())
                .endsWith("VALID" + System.lineSeparator());
        assertThat(verifyHistory(key, kept, member, first.number())).doesNotContain("INVALID")
                .contains("member " + member + ": events 0..2 are exactly what checkpoint " + first.number())
                .endsWith("VALID" + System.lineSeparator());

        try (Connection db = DATABASE.connect()) {
            rewritePayload(db, member, 1, "20000", "900");
            rechain(db, member);
        }
        assertThat(auditorClient.get("/members/" + member + "/history/verify").json().get("valid").asBoolean())
                .as("the chain alone cannot see a rewrite with every hash recomputed").isTrue();
        assertThat(verifyHistory(key, kept, member, first.number()))
                .contains("INVALID: member " + member + ", event 1 (chain hash ")
                .contains("not what checkpoint " + first.number() + " committed to at position ")
                .contains(" of its " + first.treeSize() + " events");
    }

    /** Last: it rebuilds the audit tables, as whoever restored a tampered copy of the store would. */
    @Test
    @Order(2)
    void a_store_rebuilt_and_re_signed_publishes_a_checkpoint_under_a_new_id_and_keeping_both_shows_the_fork()
            throws Exception {
        Path kept = auditor.resolve("checkpoints.jsonl");
        List<String> keptIds = Files.readAllLines(kept).stream()
                .map(line -> Http.json().readTree(line).get("id").asString()).toList();
        assertThat(keptIds).as("the first test kept checkpoints 1 and 2").hasSize(2);

        try (Connection db = DATABASE.connect()) {
            db.createStatement().execute("DELETE FROM audit_checkpoint");
            db.createStatement().execute("DELETE FROM audit_leaf");
            db.createStatement().execute("DELETE FROM integration_publication WHERE publisher = 'checkpoints'");
        }
        Checkpoint rebuilt = checkpointNow();
        assertThat(rebuilt.number()).isEqualTo(1);

        Message message = receiveAll(1).get(0);
        assertTheDocumentedEnvelope(message, rebuilt);
        assertThat(message.getMessageProperties().getMessageId()).as("a re-signed number gets a new id")
                .isNotIn(keptIds);
        keep(List.of(message));
        assertThat(verifier("checkpoints", "--key", publicKey().toString(), "--checkpoints", kept.toString()))
                .contains("read 2 saved checkpoint(s)")
                .contains("INVALID: two different checkpoints numbered 1 are both signed: the log was rebuilt (fork)");
    }

    // ---- the auditor's side, as the guide's step 2 "From RabbitMQ" tells it ----

    /**
     * The exchange (as the service declares it: topic, durable), the auditor's durable queue, and the binding with
     * {@code cn.qinglong.dangjian.audit.#}: the guide's {@code rabbitmqadmin} lines. Declared with other parameters
     * than the service's, either side's declaration would fail, and so would the checkpoints' publication.
     */
    private static void bindTheAuditorsQueue() {
        TopicExchange exchange = new TopicExchange(EXCHANGE, true, false);
        admin.declareExchange(exchange);
        admin.declareQueue(new Queue(QUEUE, true, false, false));
        admin.declareBinding(BindingBuilder.bind(new Queue(QUEUE)).to(exchange).with("cn.qinglong.dangjian.audit.#"));
    }

    /** The next {@code count} messages of the auditor's queue; nothing else may be waiting there. */
    private static List<Message> receiveAll(int count) {
        RabbitTemplate rabbit = new RabbitTemplate(connections);
        List<Message> messages = new ArrayList<>();
        while (messages.size() < count) {
            Message message = rabbit.receive(QUEUE, 10_000);
            if (message != null) {
                messages.add(message);
            }
        }
        assertThat(rabbit.receive(QUEUE)).as("the binding takes checkpoints only, not the events published beside them")
                .isNull();
        return messages;
    }

    /** Appends every message body to checkpoints.jsonl, one per line, deduplicated by CloudEvent id. */
    private static Path keep(List<Message> messages) throws IOException {
        Path file = auditor.resolve("checkpoints.jsonl");
        Set<String> ids = new LinkedHashSet<>();
        if (Files.exists(file)) {
            Files.readAllLines(file).forEach(line -> ids.add(Http.json().readTree(line).get("id").asString()));
        }
        for (Message message : messages) {
            if (ids.add(message.getMessageProperties().getMessageId())) {
                Files.write(file, (new String(message.getBody(), StandardCharsets.UTF_8) + "\n")
                        .getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        return file;
    }

    /** What docs/integration.md and docs/auditors-checkpoints.md say a checkpoint's message carries. */
    private static void assertTheDocumentedEnvelope(Message message, Checkpoint checkpoint) {
        var properties = message.getMessageProperties();
        JsonNode event = Http.json().readTree(new String(message.getBody(), StandardCharsets.UTF_8));
        assertThat(properties.getReceivedExchange()).isEqualTo(EXCHANGE);
        assertThat(properties.getReceivedRoutingKey()).isEqualTo(TYPE);
        assertThat(properties.getContentType()).isEqualTo("application/cloudevents+json");
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getMessageId()).isEqualTo(event.get("id").asString())
                .matches("checkpoint-" + checkpoint.number() + "-[0-9a-f]{16}");
        assertThat(event.get("specversion").asString()).isEqualTo("1.0");
        assertThat(event.get("type").asString()).isEqualTo(TYPE);
        assertThat(event.get("source").asString()).isEqualTo("/dangjian/audit/checkpoints");
        assertThat(event.get("subject").asString()).isEqualTo(Long.toString(checkpoint.number()));
        assertThat(event.get("position").asString()).isEqualTo(Long.toString(checkpoint.coveredThrough()));
        assertThat(Instant.parse(event.get("time").asString())).isEqualTo(Instant.parse(checkpoint.time()));
        assertThat(Checkpoint.fromJson(cn.qinglong.dangjian.eventstore.audit.Json.object(
                cn.qinglong.dangjian.eventstore.audit.Json.parse(Http.json().writeValueAsString(event.get("data"))),
                "data")).sameAs(checkpoint)).as("data is the checkpoint as signed").isTrue();
    }

    private Checkpoint checkpointNow() {
        Http.Response made = committee.post("/admin/checkpoints", "");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return Checkpoint.fromJson(cn.qinglong.dangjian.eventstore.audit.Json.object(
                cn.qinglong.dangjian.eventstore.audit.Json.parse(made.text()), "checkpoint"));
    }

    private Path publicKey() throws IOException {
        Http.Response key = auditorClient.get("/audit/checkpoint-key");
        assertThat(key.status()).isEqualTo(200);
        return Files.writeString(auditor.resolve("checkpoint-key.pem"), key.text());
    }

    private String verifyHistory(Path key, Path kept, String member, long checkpoint) throws IOException {
        Http.Response proof = auditorClient.get("/members/" + member + "/history/proof?checkpoint=" + checkpoint);
        assertThat(proof.status()).as(proof.text()).isEqualTo(200);
        Path file = Files.writeString(auditor.resolve("proof-" + UUID.randomUUID() + ".json"), proof.text());
        return verifier("history", "--key", key.toString(), "--checkpoints", kept.toString(), "--proof",
                file.toString());
    }
}

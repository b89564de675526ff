package cn.qinglong.dangjian.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.audit.Checkpoint;
import cn.qinglong.dangjian.eventstore.audit.CheckpointKey;
import cn.qinglong.dangjian.eventstore.chain.ChainHash;
import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.query.integration.CloudEventMapper;
import cn.qinglong.dangjian.query.lease.PublicationLease;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a checkpoint costs: events generated straight into a fresh store (rows with real chain hashes, ten events a
 * stream), then taken in and checkpointed by the real {@link Checkpointer}. Not part of the default build (tag
 * {@code benchmark}); run it with
 * {@code ./mvnw -pl query-side -am verify -Dtest=CheckpointCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dquery.excludedGroups=}
 * ({@code -Dbenchmark.events=N}, {@code -Deventstore=postgres}). The figures are printed and written to
 * {@code query-side/target/checkpoint-cost.txt}. No assertion on time.
 */
@Tag("benchmark")
class CheckpointCostBenchmark {

    private static final int EVENTS = Integer.getInteger("benchmark.events", 100_000);
    private static final int PER_STREAM = 10;
    private static final int CADENCE = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void checkpoint_cost() throws Exception {
        TestEventStoreDatabase database = TestEventStoreDatabase.create();
        Map<String, String> properties = database.springProperties();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(properties.get("spring.datasource.url"),
                properties.get("spring.datasource.username"), properties.get("spring.datasource.password"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore")
                .table("eventstore_schema_history").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        AuditStore store = new AuditStore(jdbc, transactions);
        CheckpointProperties settings = new CheckpointProperties(true, CADENCE, Duration.ofMinutes(10),
                Duration.ofSeconds(10), Duration.ZERO, null, null, Duration.ofMinutes(5));
        Checkpointer checkpointer = new Checkpointer(jdbc, store, CheckpointKey.generate(), settings,
                new PublicationLease(jdbc, "checkpoints", "bench", Duration.ofMinutes(5), Clock.systemUTC()),
                transactions, List.of(), Clock.systemUTC());
        StringBuilder report = new StringBuilder("Checkpoint cost (" + database.backend() + ", "
                + EVENTS + " events, " + PER_STREAM + " a stream)\n");

        long generateStarted = System.nanoTime();
        generate(database, 0, EVENTS * 9 / 10);
        report.append(String.format("generating %,d events straight into the store: %.1f s%n", EVENTS * 9 / 10,
                seconds(generateStarted)));
        long started = System.nanoTime();
        Checkpoint first = made(checkpointer.round(true));
        report.append(String.format("first checkpoint, taking in all %,d events and building both trees: %,d ms%n",
                first.treeSize(), millis(started)));

        generate(database, EVENTS * 9 / 10, EVENTS);
        started = System.nanoTime();
        Checkpoint second = made(checkpointer.round(true));
        long steady = millis(started);
        report.append(String.format("next checkpoint, %,d new events taken in, the trees grown to %,d: %,d ms%n",
                second.treeSize() - first.treeSize(), second.treeSize(), steady));
        started = System.nanoTime();
        store.trees(second.treeSize());
        long treesOnly = millis(started);
        report.append(String.format("a node without the trees (just started, or took over): reading all %,d leaves "
                        + "and building both trees: %,d ms%n",
                second.treeSize(), treesOnly));
        started = System.nanoTime();
        AuditProofs proofs = new AuditProofs(store, jdbc);
        String member = "m-bench-" + (EVENTS / PER_STREAM / 2);
        String history = JSON.writeValueAsString(proofs.history(member, second.number()));
        long proofMillis = millis(started);
        String consistency = JSON.writeValueAsString(proofs.consistency(first.number(), second.number()));
        String checkpointJson = second.toJson();
        byte[] cloudEvent = new CloudEventMapper(JSON).checkpoint(second).structured();
        long leafBytes = leafRowBytes(database);
        report.append(String.format("stored per checkpoint: one audit_checkpoint row (~%d bytes of values); per "
                        + "event taken in: one audit_leaf row (~%d bytes of values, before indexes)%n",
                checkpointJson.length() - 120, leafBytes));
        report.append(String.format("published per checkpoint: %d bytes of checkpoint JSON, %d bytes as a CloudEvent%n",
                checkpointJson.length(), cloudEvent.length));
        report.append(String.format("history proof of a member with %d events: %,d bytes of JSON (%d-hash paths), "
                        + "served in %,d ms with the trees cached%n", PER_STREAM, history.length(),
                proofs.history(member, second.number()).events().get(0).inclusion().size(), proofMillis));
        report.append(String.format("consistency proof %d -> %d: %,d bytes of JSON (%d hashes)%n", first.number(),
                second.number(), consistency.length(),
                proofs.consistency(first.number(), second.number()).proof().size()));

        // the steady state: the default cadence (CHECKPOINT_EVERY_EVENTS) on a log of this size, the trees kept
        generate(database, EVENTS, EVENTS + CADENCE);
        started = System.nanoTime();
        Checkpoint third = made(checkpointer.round(true));
        report.append(String.format("a checkpoint at the default cadence, %,d new events taken in, the trees grown to "
                + "%,d: %,d ms%n", third.treeSize() - second.treeSize(), third.treeSize(), millis(started)));
        if (TestEventStoreDatabase.postgres()) {
            long leaves = jdbc.queryForObject("SELECT pg_total_relation_size('audit_leaf')", Long.class);
            long events = jdbc.queryForObject("SELECT pg_total_relation_size('domainevententry')", Long.class);
            report.append(String.format("on disk with indexes: audit_leaf %,d bytes (%,d an event), for scale "
                    + "DomainEventEntry %,d bytes (%,d an event)%n", leaves, leaves / third.treeSize(), events,
                    events / third.treeSize()));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "checkpoint-cost.txt"), report.toString());
        assertThat(second.treeSize()).isEqualTo(EVENTS);
        assertThat(third.treeSize()).isEqualTo(EVENTS + CADENCE);
    }

    private static Checkpoint made(Checkpointer.Outcome outcome) {
        assertThat(outcome).isInstanceOf(Checkpointer.Outcome.Made.class);
        return ((Checkpointer.Outcome.Made) outcome).checkpoint();
    }

    /** Events {@code from} to {@code to} - 1, stream {@code i / PER_STREAM}, chained as the command side does. */
    private static void generate(TestEventStoreDatabase database, int from, int to) throws Exception {
        try (Connection db = database.connect()) {
            db.setAutoCommit(false);
            PreparedStatement insert = db.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, "
                    + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, "
                    + "metaData) VALUES (?, ?, ?, 'Member', ?, ?, '1', ?, ?)");
            List<String> heads = new ArrayList<>();
            int streams = to / PER_STREAM + 1;
            for (int s = 0; s < streams; s++) {
                heads.add(ChainHash.GENESIS);
            }
            // the chain of each stream continues where the previous call left it
            if (from > 0) {
                jdbcHeads(db, heads);
            }
            Instant now = Instant.now();
            for (int i = from; i < to; i++) {
                int stream = i / PER_STREAM;
                long sequence = i % PER_STREAM;
                String id = "m-bench-" + stream;
                byte[] payload = ("{\"memberId\":\"" + id + "\",\"period\":\"2025-01\",\"amountFen\":" + (20000 + i)
                        + ",\"paidOn\":\"2025-01-20\"}").getBytes(StandardCharsets.UTF_8);
                byte[] meta = ("{\"actor\":\"secretary.wang\",\"correlationId\":\"" + UUID.randomUUID()
                        + "\",\"requestId\":\"req-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
                String time = now.toString();
                String type = "cn.qinglong.dangjian.kernel.member.MemberEvent$DuesPaid";
                String hash = ChainHash.compute(heads.get(stream), id, sequence, type, "1", time, payload, meta);
                heads.set(stream, hash);
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, id);
                insert.setLong(3, sequence);
                insert.setString(4, time);
                insert.setString(5, type);
                insert.setBytes(6, payload);
                insert.setBytes(7, ChainHash.withHash(meta, hash));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            insert.executeBatch();
            db.commit();
        }
    }

    private static void jdbcHeads(Connection db, List<String> heads) throws Exception {
        try (var rows = db.createStatement().executeQuery("SELECT aggregateIdentifier, metaData FROM DomainEventEntry "
                + "ORDER BY globalIndex")) {
            while (rows.next()) {
                int stream = Integer.parseInt(rows.getString(1).substring("m-bench-".length()));
                heads.set(stream, ChainHash.hashIn(rows.getBytes(2)));
            }
        }
    }

    /** The values of one audit_leaf row: two BIGINTs and a sequence number, the stream id, 64 hex characters. */
    private static long leafRowBytes(TestEventStoreDatabase database) {
        return 8 + 8 + 8 + ("m-bench-" + (EVENTS / PER_STREAM)).length() + 64;
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}

package cn.qinglong.dangjian.query.audit;

import static cn.qinglong.dangjian.query.audit.Tampering.rechain;
import static cn.qinglong.dangjian.query.audit.Tampering.rewritePayload;
import static cn.qinglong.dangjian.query.audit.Tampering.setSequence;
import static cn.qinglong.dangjian.query.audit.Tampering.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.audit.Checkpoint;
import cn.qinglong.dangjian.eventstore.audit.CheckpointKey;
import cn.qinglong.dangjian.eventstore.personal.PersonalData;
import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberPersonalDataErased;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.query.QuerySideApplication;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.TestMongo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signed checkpoints against someone who can write the database: the tampering a per-stream chain cannot see
 * (an event rewritten and every later hash recomputed, the newest event deleted, two events swapped) is caught by the
 * standalone verifier with a checkpoint kept from before; a checkpoint signed by another key is refused; a later
 * checkpoint proves it extends an earlier one, and a store rebuilt from a tampered copy cannot; an erasure changes
 * nothing that was committed. Everything goes through the real query side on its own event store (H2, or PostgreSQL
 * with -Deventstore=postgres) and the verifier reads the files an auditor would have saved.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CheckpointTest {

    private static final TestEventStoreDatabase DATABASE = TestEventStoreDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DATABASE.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        TestMongo.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        Tampering.onDemandCheckpoints(registry);
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    PersonalData personalData;

    @TempDir
    Path files;

    private Http query;

    @BeforeEach
    void client() {
        query = new Http("http://localhost:" + port + "/api");
    }

    @Test
    @Order(1)
    void a_history_verifies_against_the_checkpoint_kept_and_a_rewrite_with_every_hash_recomputed_does_not()
            throws Exception {
        Kept kept = keptMember(20000L, 30000L);
        assertThat(verifyHistory(kept.saved(), kept.member(), kept.number())).contains("VALID")
                .doesNotContain("INVALID")
                .contains("events 0..2 are exactly what checkpoint " + kept.number());

        try (Connection db = DATABASE.connect()) {
            rewritePayload(db, kept.member(), 1, "20000", "900");
            rechain(db, kept.member());
        }
        assertThat(query.get("/members/" + kept.member() + "/history/verify").json().get("valid").asBoolean())
                .as("the chain alone cannot see a rewrite with every hash recomputed").isTrue();
        assertThat(verifyHistory(kept.saved(), kept.member(), kept.number())).contains("INVALID")
                .contains("event 1 (chain hash").contains("not what checkpoint " + kept.number() + " committed to");
    }

    @Test
    @Order(2)
    void deleting_the_newest_event_of_a_stream_is_caught() throws Exception {
        Kept kept = keptMember(20000L, 30000L);
        assertThat(verifyHistory(kept.saved(), kept.member(), kept.number())).contains("VALID")
                .doesNotContain("INVALID");

        try (Connection db = DATABASE.connect();
             PreparedStatement delete = db.prepareStatement(
                     "DELETE FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 2")) {
            delete.setString(1, kept.member());
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        assertThat(query.get("/members/" + kept.member() + "/history/verify").json().get("valid").asBoolean())
                .as("the chain alone cannot see its newest event removed").isTrue();
        assertThat(verifyHistory(kept.saved(), kept.member(), kept.number())).contains("INVALID")
                .contains("committed the stream up to event 2").contains("ends at event 1");
    }

    @Test
    @Order(3)
    void swapping_two_events_is_caught() throws Exception {
        Kept kept = keptMember(20000L, 30000L);

        try (Connection db = DATABASE.connect()) {
            setSequence(db, kept.member(), 1, 99);
            setSequence(db, kept.member(), 2, 1);
            setSequence(db, kept.member(), 99, 2);
            rechain(db, kept.member());
        }
        assertThat(query.get("/members/" + kept.member() + "/history/verify").json().get("valid").asBoolean()).isTrue();
        assertThat(verifyHistory(kept.saved(), kept.member(), kept.number())).contains("INVALID").contains("event 1");
    }

    @Test
    @Order(4)
    void a_checkpoint_signed_by_another_key_is_refused() throws Exception {
        String member = member(20000L);
        Checkpoint genuine = checkpointNow();
        CheckpointKey other = CheckpointKey.generate();
        Checkpoint forged = other.sign(new Checkpoint(genuine.number(), genuine.treeSize(), "ab".repeat(32),
                genuine.headsCount(), genuine.headsRoot(), genuine.coveredThrough(), genuine.time(), null, null));
        // the forger even claims the genuine key id
        Checkpoint claimed = new Checkpoint(forged.number(), forged.treeSize(), forged.rootHash(), forged.headsCount(),
                forged.headsRoot(), forged.coveredThrough(), forged.time(), genuine.keyId(), forged.signature());
        Path forgedFile = write("forged.json", "{\"checkpoints\":[" + claimed.toJson() + "]}");
        Path proof = write("proof.json", query.get("/members/" + member + "/history/proof?checkpoint="
                + genuine.number()).text());

        String answer = verifier("history", "--key", key().toString(), "--checkpoints", forgedFile.toString(),
                "--proof", proof.toString());
        assertThat(answer).contains("INVALID").contains("does not carry a valid signature").contains("refused");

        Path otherKey = write("other.pem", other.publicKeyPem());
        assertThat(verifier("checkpoints", "--key", otherKey.toString(), "--checkpoints",
                saveCheckpoints().toString())).contains("INVALID").contains("not the given key").contains("refused");
    }

    @Test
    @Order(5)
    void a_later_checkpoint_proves_it_extends_an_earlier_one() throws Exception {
        member(20000L);
        Checkpoint earlier = checkpointNow();
        member(30000L, 40000L);
        Checkpoint later = checkpointNow();
        Path saved = saveCheckpoints();
        assertThat(later.treeSize()).isGreaterThan(earlier.treeSize());

        Path proof = write("consistency.json", query.get("/audit/consistency?from=" + earlier.number() + "&to="
                + later.number()).text());
        assertThat(verifier("consistency", "--key", key().toString(), "--checkpoints", saved.toString(), "--proof",
                proof.toString())).contains("VALID").doesNotContain("INVALID")
                .contains("checkpoint " + later.number() + " (" + later.treeSize() + " events");
        assertThat(verifier("checkpoints", "--key", key().toString(), "--checkpoints", saved.toString()))
                .endsWith("VALID" + System.lineSeparator());
    }

    @Test
    @Order(6)
    void after_an_erasure_inclusion_and_consistency_still_verify() throws Exception {
        String member = member(20000L);
        Checkpoint before = checkpointNow();
        eventStore.publish(new EventLog().add(
                new MembershipEnded(MemberId.of(member), MembershipEndReason.DECEASED, LocalDate.of(2025, 6, 1)),
                new MemberPersonalDataErased(MemberId.of(member), LocalDate.of(2025, 6, 2))).messages().stream()
                .map(m -> new org.axonframework.eventhandling.GenericDomainEventMessage<>(m.getType(),
                        m.getAggregateIdentifier(), m.getSequenceNumber() + 2, m.getPayload())).toList());
        assertThat(personalData.erase(member)).isTrue();
        Checkpoint after = checkpointNow();
        Path saved = saveCheckpoints();

        assertThat(query.get("/members/" + member + "/history").text()).contains("$erased");
        assertThat(verifyHistory(saved, member, before.number())).contains("VALID").doesNotContain("INVALID");
        assertThat(verifyHistory(saved, member, after.number())).contains("VALID").doesNotContain("INVALID").contains("events 0..3");
        Path proof = write("consistency.json", query.get("/audit/consistency?from=" + before.number() + "&to="
                + after.number()).text());
        assertThat(verifier("consistency", "--key", key().toString(), "--checkpoints", saved.toString(), "--proof",
                proof.toString())).contains("VALID").doesNotContain("INVALID");
    }

    @Test
    @Order(7)
    void checkpoints_are_listed_and_sent_on_the_event_stream_as_their_own_cloud_event_type() throws Exception {
        member(20000L);
        Checkpoint latest = checkpointNow();
        Http.Response list = query.get("/audit/checkpoints");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("checkpoints")).hasSizeGreaterThanOrEqualTo((int) latest.number());
        assertThat(query.post("/admin/checkpoints", "").status()).as("nothing new: the latest is answered")
                .isEqualTo(200);

        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/api/events/stream?types=Checkpoint"))
                .header("Authorization", query.authorization()).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        String frame;
        try (var lines = response.body()) {
            frame = lines.filter(line -> line.startsWith("data: ")).findFirst().orElseThrow();
        }
        var event = Http.json().readTree(frame.substring("data: ".length()));
        assertThat(event.get("type").asString()).isEqualTo("cn.qinglong.dangjian.audit.Checkpoint.v1");
        assertThat(event.get("data").get("signature").asString()).isNotBlank();
        Path saved = write("stream.jsonl", frame.substring("data: ".length()) + "\n");
        assertThat(verifier("checkpoints", "--key", key().toString(), "--checkpoints", saved.toString()))
                .contains("read 1 saved checkpoint").endsWith("VALID" + System.lineSeparator());
    }

    /** Last: it rebuilds the audit tables, as whoever restored a tampered copy of the store would. */
    @Test
    @Order(100)
    void a_store_rebuilt_from_a_tampered_copy_cannot_prove_it_extends_a_checkpoint_kept_before() throws Exception {
        Kept kept = keptMember(20000L, 30000L);

        try (Connection db = DATABASE.connect()) {
            rewritePayload(db, kept.member(), 1, "20000", "900");
            rechain(db, kept.member());
            db.createStatement().execute("DELETE FROM audit_checkpoint");
            db.createStatement().execute("DELETE FROM audit_leaf");
            db.createStatement().execute("DELETE FROM integration_publication WHERE publisher = 'checkpoints'");
        }
        member(50000L);
        Checkpoint rebuiltFirst = checkpointNow();
        member(60000L);
        Checkpoint rebuiltLater = checkpointNow();
        assertThat(rebuiltFirst.number()).isEqualTo(1);

        // what the rebuilt store answers for "does the latest extend the one you kept?": it has no such checkpoint,
        // or one that is not the one kept
        Http.Response answer = query.get("/audit/consistency?from=" + kept.number() + "&to=" + rebuiltLater.number());
        if (answer.status() == 200) {
            Path served = write("served.json", answer.text());
            assertThat(verifier("consistency", "--key", key().toString(), "--checkpoints", kept.saved().toString(),
                    "--proof", served.toString())).contains("INVALID");
        } else {
            assertThat(answer.status()).isIn(400, 404);
        }
        Path served = write("served-1.json", query.get("/audit/consistency?from=1&to=" + rebuiltLater.number()).text());
        assertThat(verifier("consistency", "--key", key().toString(), "--checkpoints", kept.saved().toString(),
                "--proof", served.toString())).contains("INVALID").contains("not the one you saved")
                .contains("rebuilt");
        // and a proof built from the rebuilt leaves, presented against the checkpoint kept, does not verify either
        var proof = query.get("/audit/consistency?from=" + rebuiltFirst.number() + "&to=" + rebuiltLater.number()).json();
        List<String> hashes = java.util.stream.StreamSupport.stream(proof.get("proof").spliterator(), false)
                .map(node -> Http.json().writeValueAsString(node)).toList();
        Path spliced = write("spliced.json", "{\"from\":" + kept.checkpoint().toJson()
                + ",\"to\":" + rebuiltLater.toJson() + ",\"proof\":[" + String.join(",", hashes) + "]}");
        Path onlyKept = write("only-kept.json", "[" + kept.checkpoint().toJson() + "]");
        assertThat(verifier("consistency", "--key", key().toString(), "--checkpoints", onlyKept.toString(), "--proof",
                spliced.toString())).contains("INVALID").contains("does not extend checkpoint " + kept.number());
        // the member's history, proved by the rebuilt store, matches no checkpoint kept: the one kept under the
        // number the rebuilt store now uses has other roots, and the one kept for it is gone
        assertThat(query.get("/members/" + kept.member() + "/history/proof?checkpoint=" + kept.number()).status())
                .isEqualTo(404);
        assertThat(verifyHistory(kept.saved(), kept.member(), rebuiltLater.number())).contains("INVALID")
                .contains("not the one you saved");
        // and keeping both the old and the rebuilt checkpoints shows the fork outright
        assertThat(verifier("checkpoints", "--key", key().toString(), "--checkpoints",
                saveBoth(kept.saved()).toString()))
                .contains("INVALID").contains("fork");
    }

    @Test
    @Order(101)
    void the_verifier_jar_runs_on_its_own_with_saved_files() throws Exception {
        Path jar = Files.list(Path.of("..", "event-store", "target"))
                .filter(p -> p.getFileName().toString().endsWith("-verifier.jar")).findFirst().orElse(null);
        Assumptions.assumeTrue(jar != null, "the event-store module's verifier jar is built by `package`");
        Kept kept = keptMember(20000L);
        Path proof = write("jar-proof.json", query.get("/members/" + kept.member() + "/history/proof?checkpoint="
                + kept.number()).text());
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "history", "--key", key().toString(), "--checkpoints", kept.saved().toString(),
                "--proof", proof.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("VALID");
    }

    // ---- the auditor's side: files kept, the verifier run on them ----

    private Checkpoint checkpointNow() {
        Http.Response made = query.post("/admin/checkpoints", "");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return checkpoint(made.text());
    }

    private static Checkpoint checkpoint(String json) {
        return Checkpoint.fromJson(cn.qinglong.dangjian.eventstore.audit.Json.object(
                cn.qinglong.dangjian.eventstore.audit.Json.parse(json), "checkpoint"));
    }

    /** A member with these payments, a checkpoint over them, and the checkpoints saved as an auditor keeps them. */
    private record Kept(String member, Checkpoint checkpoint, Path saved) {
        long number() {
            return checkpoint.number();
        }
    }

    private Kept keptMember(long... payments) throws IOException {
        String member = member(payments);
        return new Kept(member, checkpointNow(), saveCheckpoints());
    }

    private Path saveCheckpoints() throws IOException {
        return write("checkpoints-" + UUID.randomUUID() + ".json", query.get("/audit/checkpoints").text());
    }

    /** The checkpoints kept before and those served now, one file: the two answers joined as {@code cat} does. */
    private Path saveBoth(Path saved) throws IOException {
        return write("both-" + UUID.randomUUID() + ".json",
                Files.readString(saved) + query.get("/audit/checkpoints").text());
    }

    private Path key() throws IOException {
        Http.Response key = query.get("/audit/checkpoint-key");
        assertThat(key.status()).isEqualTo(200);
        return write("checkpoint-key.pem", key.text());
    }

    private String verifyHistory(Path saved, String member, long checkpoint) throws IOException {
        Http.Response proof = query.get("/members/" + member + "/history/proof?checkpoint=" + checkpoint);
        assertThat(proof.status()).as(proof.text()).isEqualTo(200);
        Path file = write("proof-" + UUID.randomUUID() + ".json", proof.text());
        return verifier("history", "--key", key().toString(), "--checkpoints", saved.toString(), "--proof",
                file.toString());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(files.resolve(name), content, StandardCharsets.UTF_8);
    }

    private String member(long... payments) {
        return Tampering.member(eventStore, payments);
    }
}

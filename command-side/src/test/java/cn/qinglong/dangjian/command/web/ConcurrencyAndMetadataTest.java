package cn.qinglong.dangjian.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyAndMetadataTest extends EventStoreBackedTest {

    @BeforeAll
    void subdistrict() {
        Subdistrict.create(http());
    }

    private List<Http.Reply> concurrently(int clients, Callable<Http.Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Http.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Http.Reply> replies = new ArrayList<>();
            for (Future<Http.Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("50 concurrent identical attendance commands for one member and study day yield exactly one event")
    void fiftyConcurrentAttendancesYieldOneEvent() throws Exception {
        Subdistrict.register(http(), "m-concurrent");
        String body = "{\"studyDayId\":\"" + Subdistrict.STUDY_DAY + "\",\"mode\":\"NEARBY\",\"attendedOn\":\"2026-11-10\"}";

        List<Http.Reply> replies = concurrently(50, () -> new Http(port).post("/api/members/m-concurrent/attendance", body));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.text()).isEqualTo(200));
        assertThat(storedEvents("m-concurrent", "MemberAttendedStudyDay")).isEqualTo(1);
        assertThat(replies).extracting(reply -> reply.json().get("version").asLong()).containsOnly(1L);
    }

    @Test
    @DisplayName("20 concurrent registrations with one client-supplied id and body create the member once")
    void concurrentIdempotentCreation() throws Exception {
        List<Http.Reply> replies = concurrently(20,
                () -> new Http(port).post("/api/members", Subdistrict.registration("m-created-once")));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.text()).isIn(200, 201));
        assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
        assertThat(storedEvents("m-created-once", "MemberRegistered")).isEqualTo(1);
    }

    @Test
    @DisplayName("every event carries who issued the command, a correlation id and the client's request id")
    void eventsCarryAuditMetadata() {
        var reply = http().post("/api/members", Subdistrict.registration("m-audited"),
                "X-Actor", "secretary-wang", "X-Request-Id", "req-42");
        assertThat(reply.status()).isEqualTo(201);

        byte[] stored = jdbc.queryForObject(
                "SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = 'm-audited'", byte[].class);
        JsonNode metadata = JsonMapper.builder().build().readTree(new String(stored, StandardCharsets.UTF_8));
        assertThat(metadata.get("actor").asString()).isEqualTo("secretary-wang");
        assertThat(metadata.get("requestId").asString()).isEqualTo("req-42");
        assertThat(metadata.get("correlationId").asString()).isNotBlank();
    }

    @Test
    @DisplayName("the acting principal is recorded in every event's metadata, a name such as 王书记 intact")
    void principalIsRecordedAsActor() {
        assertThat(http().post("/api/members", Subdistrict.registration("m-utf8-actor"), "X-Actor", "王书记").status())
                .isEqualTo(201);
        String stored = new String(jdbc.queryForObject(
                "SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = 'm-utf8-actor'", byte[].class),
                StandardCharsets.UTF_8);
        assertThat(stored).contains("\"actor\":\"王书记\"");
    }

    @Test
    @DisplayName("an X-Actor header no longer names the actor: the token's principal does")
    void actorHeaderIsIgnored() {
        Http secretary = http().as("BRANCH_SECRETARY", Subdistrict.ORIGIN_BRANCH);
        String token = secretary.token("secretary-li");
        var reply = secretary.anonymous().post("/api/members", Subdistrict.registration("m-header-actor"),
                "Authorization", "Bearer " + token, "X-Actor", "someone-else");
        assertThat(reply.status()).isEqualTo(201);
        String stored = new String(jdbc.queryForObject(
                "SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = 'm-header-actor'", byte[].class),
                StandardCharsets.UTF_8);
        assertThat(stored).contains("\"actor\":\"secretary-li\"").doesNotContain("someone-else");
    }

    @Test
    @DisplayName("a client-supplied id already used by another kind of record is refused with 409, and unknown to member commands")
    void idsOfAnotherKind() {
        long before = storedEvents();
        var reply = http().post("/api/members", Subdistrict.registration(Subdistrict.ORIGIN_BRANCH));
        assertThat(reply.status()).as(reply.text()).isEqualTo(409);
        var dues = http().post("/api/members/" + Subdistrict.ORIGIN_BRANCH + "/dues",
                "{\"period\":\"2026-10\",\"amountFen\":200,\"paidOn\":\"2026-11-01\"}");
        assertThat(dues.status()).as(dues.text()).isEqualTo(404);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    @DisplayName("an id is generated when the client supplies none")
    void generatedIds() {
        var reply = http().post("/api/members", Subdistrict.registration("unused").replace("\"memberId\":\"unused\",", ""));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        String id = reply.json().get("id").asString();
        assertThat(id).startsWith("m-");
        assertThat(storedEvents(id, "MemberRegistered")).isEqualTo(1);
    }
}

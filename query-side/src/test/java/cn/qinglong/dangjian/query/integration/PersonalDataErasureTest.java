package cn.qinglong.dangjian.query.integration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.stream.SseClient;
import cn.qinglong.dangjian.query.testing.Http;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Crypto-shredding end to end: the real command side records a member with personal details, ends the membership
 * and erases the personal data; the query side then shows those fields as erased in the history, the as-of state,
 * the CSV export, every view (and every read-model document), a rebuilt view and the SSE stream, while every other
 * fact stays and the chain still verifies. The AMQP publisher's share is in {@link AmqpPublisherTest}.
 */
class PersonalDataErasureTest extends IntegrationClientTest {

    private static final String ERASED = "{\"$erased\":true}";

    @Autowired
    MongoDatabase readModels;

    @Autowired
    Generations views;

    private final String member = "m-erase-" + UUID.randomUUID().toString().substring(0, 8);
    private Http query;
    private Http command;

    @BeforeEach
    void clients() {
        query = new Http("http://localhost:" + port + "/api");
        command = commands.api();
    }

    @Test
    @DisplayName("the stored event bytes contain no plaintext phone number or address")
    void stored_event_bytes_contain_no_plaintext_personal_details() {
        commands.memberWithPersonalDetails(member);

        List<String> stored = jdbc.query("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                (row, i) -> new String(row.getBytes(1), StandardCharsets.UTF_8), member);
        assertThat(stored).hasSize(7);
        for (String personal : CommandSide.PERSONAL_DETAILS) {
            assertThat(stored).allSatisfy(payload -> assertThat(payload).doesNotContain(personal));
        }
        assertThat(String.join("", stored)).contains("$encrypted", "张建国");
    }

    @Test
    @DisplayName("personal data is erased only after the membership ended: 422 before, nothing recorded")
    void personal_data_is_erased_only_after_the_membership_ended() {
        commands.memberWithPersonalDetails(member);
        long before = lastPosition();

        Http.Response refused = command.post("/members/" + member + "/erasure", "");

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("only after the membership ended");
        assertThat(lastPosition()).isEqualTo(before);
        assertThat(view("/members/" + member, before).get("personalDataErased").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("after erasure the personal fields are erased everywhere, every other fact stays, the chain verifies")
    void erasure_shreds_personal_data_everywhere_and_keeps_every_other_fact() {
        commands.memberWithPersonalDetails(member);
        Http.Response needs = command.put("/members/" + member + "/care-needs",
                "{\"needs\":[\"FRAIL\"],\"recordedOn\":\"2026-02-05\"}");
        assertThat(needs.status()).as(needs.text()).isEqualTo(200);
        commands.post("/api/members/" + member + "/membership-end",
                "{\"reason\":\"DECEASED\",\"endedOn\":\"2026-03-01\"}");
        long ended = lastPosition();
        long first = jdbc.queryForObject("SELECT MIN(globalIndex) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, member);

        // before: visible to those entitled (the member view, the auditors' history and export)
        JsonNode before = view("/members/" + member, ended);
        assertThat(before.get("residence").get("address").asString()).isEqualTo("红梅新村5幢");
        assertThat(before.get("needs").toString()).isEqualTo("[\"FRAIL\"]");
        assertThat(before.get("contactCard").get("allSixFilled").asBoolean()).isTrue();
        assertThat(history("").text()).contains("13912345678", "常青村12号", "血压偏高");
        assertThat(csv()).contains("13912345678");
        byte[][] storedBefore = storedPayloads();

        Http.Response erased = command.post("/members/" + member + "/erasure", "");
        assertThat(erased.status()).as(erased.text()).isEqualTo(200);
        long position = erased.json().get("position").asLong();
        assertThat(erased.json().get("version").asLong()).isEqualTo(9);

        // every view, and every read-model document about the member
        JsonNode after = view("/members/" + member, position);
        assertThat(after.get("personalDataErased").asBoolean()).isTrue();
        assertThat(after.get("residence").get("address").isNull()).isTrue();
        assertThat(after.get("residence").get("status").asString()).isEqualTo("TRANSITION");
        assertThat(after.get("needs").size()).isZero();
        assertThat(after.get("contactCard").get("allSixFilled").asBoolean()).isFalse();
        assertThat(after.get("contactCard").get("verifiedOn").asString()).isEqualTo("2026-01-05");
        assertThat(after.get("name").asString()).isEqualTo("张建国");
        assertThat(after.get("status").asString()).isEqualTo("ENDED");
        assertThat(after.get("duesPaidThrough").asString()).isEqualTo("2026-01");
        assertThat(after.get("householdsLinked").asInt()).isEqualTo(1);
        assertThat(after.get("lastVisitOn").asString()).isEqualTo("2026-02-01");
        StringBuilder views = new StringBuilder(after.toString());
        for (String path : EVERY_VIEW) {
            collectAbout(view(path, position), views); // other tests' members share this store and its details
        }
        assertNoPersonalDetails(views.toString());
        awaitEveryProjection(position);
        assertNoPersonalDetails(readModelDocumentsAbout(member));

        // the auditors' history, as-of state and CSV
        Http.Response history = history("");
        assertNoPersonalDetails(history.text());
        JsonNode items = history.json().get("items");
        assertThat(items.size()).isEqualTo(10);
        assertThat(items.get(0).get("payload").get("phone").toString()).isEqualTo(ERASED);
        assertThat(items.get(0).get("payload").get("residence").get("address").toString()).isEqualTo(ERASED);
        assertThat(items.get(0).get("payload").get("name").asString()).isEqualTo("张建国");
        assertThat(items.get(1).get("payload").get("card").get("verifiedOn").asString()).isEqualTo("2026-01-05");
        assertThat(items.get(9).get("type").asString()).isEqualTo("MemberPersonalDataErased");
        JsonNode state = history("?asOf=" + java.time.Instant.now()).json().get("state");
        assertThat(state.get("personalDataErased").asBoolean()).isTrue();
        assertThat(state.get("residence").get("address").isNull()).isTrue();
        assertThat(state.get("name").asString()).isEqualTo("张建国");
        String csv = csv();
        assertNoPersonalDetails(csv);
        assertThat(csv).contains("MemberPersonalDataErased", "$erased");
        JsonNode verify = query.get("/members/" + member + "/history/verify").json();
        assertThat(verify.get("valid").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.get("checked").asInt()).isEqualTo(10);
        byte[][] storedAfter = storedPayloads();
        for (int i = 0; i < storedBefore.length; i++) {
            assertThat(storedAfter[i]).as("stored payload %d unchanged", i).isEqualTo(storedBefore[i]);
        }

        // the SSE stream: every event of the member, the erasure included, and no personal detail
        List<String> types = new ArrayList<>();
        StringBuilder streamed = new StringBuilder();
        try (SseClient client = SseClient.open(port, "?after=" + (first - 1), null)) {
            SseClient.Frame frame;
            do {
                frame = client.nextEvent();
                JsonNode event = frame.cloudEvent();
                if (member.equals(event.path("subject").asString(""))) {
                    types.add(event.get("type").asString());
                    streamed.append(frame.data());
                }
            } while (frame.id() < position);
        }
        assertThat(types).hasSize(10).last().isEqualTo("cn.qinglong.dangjian.member.MemberPersonalDataErased.v1");
        assertNoPersonalDetails(streamed.toString());

        // a second erasure changes nothing
        Http.Response again = command.post("/members/" + member + "/erasure", "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("version").asLong()).isEqualTo(9);
    }

    @Test
    @DisplayName("a rebuilt member view shows the erased member as the live one does")
    void views_rebuild_cleanly_after_erasure() {
        commands.memberWithPersonalDetails(member);
        commands.post("/api/members/" + member + "/membership-end", "{\"reason\":\"TRANSFERRED_OUT\",\"endedOn\":\"2026-03-01\"}");
        Http.Response erased = command.post("/members/" + member + "/erasure", "");
        assertThat(erased.status()).as(erased.text()).isEqualTo(200);
        long position = erased.json().get("position").asLong();
        JsonNode live = view("/members/" + member, position);
        int generation = generation("member");

        Http.Response rebuild = query.post("/admin/projections/member/rebuild", "");
        assertThat(rebuild.status()).as(rebuild.text()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (generation("member") <= generation && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(generation("member")).as("the member projection swapped to its rebuilt generation")
                .isGreaterThan(generation);
        JsonNode rebuilt = view("/members/" + member, position);
        assertThat(rebuilt).isEqualTo(live);
        assertThat(rebuilt.get("personalDataErased").asBoolean()).isTrue();
        awaitEveryProjection(position);
        assertNoPersonalDetails(readModelDocumentsAbout(member));
    }

    /** Every projection has read up to {@code position}, so every read model document is read after the erasure. */
    private void awaitEveryProjection(long position) {
        assertThat(views.awaitPosition(views.names(), position, Duration.ofSeconds(60)))
                .as("every projection read the erasure").isGreaterThanOrEqualTo(position);
    }

    /** Views whose answers are searched for personal details. */
    private static final List<String> EVERY_VIEW = List.of("/members?branchId=changqing-1", "/organizations/tree",
            "/transition", "/care/overdue?days=1", "/dual-management", "/dashboard/difficulties", "/attendance/rates");

    private JsonNode view(String path, long position) {
        Http.Response response = query.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + position);
        assertThat(response.status()).as(path + " " + response.text()).isEqualTo(200);
        assertThat(response.header("X-View-Behind")).as(path).isNull();
        return response.json();
    }

    private Http.Response history(String query) {
        Http.Response response = this.query.get("/members/" + member + "/history" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response;
    }

    private String csv() {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://localhost:" + port + "/api/members/" + member + "/history")).header("Accept", "text/csv")
                    .header("Authorization", query.authorization()).build();
            return java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[][] storedPayloads() {
        return jdbc.query("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                (row, i) -> row.getBytes(1), member).toArray(byte[][]::new);
    }

    /** Every document of every read-model collection that mentions the member, as JSON. */
    private String readModelDocumentsAbout(String memberId) {
        StringBuilder documents = new StringBuilder();
        for (String collection : readModels.listCollectionNames()) {
            for (Document document : readModels.getCollection(collection).find()) {
                String json = document.toJson();
                if (json.contains(memberId)) {
                    documents.append(collection).append(": ").append(json).append('\n');
                }
            }
        }
        assertThat(documents).as("the member's read-model documents").isNotEmpty();
        return documents.toString();
    }

    /** Appends every object of the answer that is about this test's member. */
    private void collectAbout(JsonNode node, StringBuilder into) {
        if (node.isObject() && member.equals(node.path("memberId").asString(""))) {
            into.append(node);
        } else if (node.isContainer()) {
            node.valueStream().forEach(child -> collectAbout(child, into));
        }
    }

    /** The projection's active generation, or -1 while it is rebuilding. */
    private int generation(String projection) {
        for (JsonNode status : query.get("/admin/projections").json()) {
            if (status.get("name").asString().equals(projection) && status.get("rebuild").isNull()) {
                return status.get("generation").asInt();
            }
        }
        return -1;
    }

    private static void assertNoPersonalDetails(String text) {
        for (String personal : CommandSide.PERSONAL_DETAILS) {
            assertThat(text).doesNotContain(personal);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

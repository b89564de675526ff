package cn.qinglong.dangjian.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.integration.CommandSide;
import cn.qinglong.dangjian.query.integration.IntegrationClientTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

// the timeout only stops a hung stream from hanging the build; no assertion depends on timing
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EventStreamTest extends IntegrationClientTest {

    @Test
    void a_client_that_disconnects_after_every_37th_event_and_resumes_with_last_event_id_receives_every_event_once_in_order() {
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 40; i++) {
                commands.memberWithPersonalDetails("m-reconnect-" + i);
            }
        });
        List<Long> received = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Long lastEventId = null;
        int connections = 0;
        while (!(producing.isDone() && lastEventId != null && lastEventId == lastPosition())) {
            connections++;
            try (SseClient client = SseClient.open(port, "", lastEventId)) {
                assertThat(client.status()).isEqualTo(200);
                SseClient.Frame frame;
                do {
                    frame = client.next();
                    if (frame != null && frame.comment() == null) {
                        received.add(frame.id());
                        JsonNode event = frame.cloudEvent();
                        assertThat(ids.add(event.get("id").asString())).as("event id seen once").isTrue();
                        assertThat(event.get("position").asLong()).isEqualTo(frame.id());
                        lastEventId = frame.id();
                        if (received.size() % 37 == 0) {
                            break;
                        }
                    }
                } while (frame != null && !(producing.isDone() && lastEventId != null && lastEventId == lastPosition()));
            }
        }
        producing.join();

        assertThat(received).isEqualTo(storedPositions());
        assertThat(received).hasSizeGreaterThan(280);
        assertThat(connections).isGreaterThan(7);
    }

    @Test
    void an_integration_token_gets_personal_fields_only_with_scope_personal_data() {
        commands.memberWithPersonalDetails("m-personal-scope");
        String base = "http://127.0.0.1:" + port + "/api";
        cn.qinglong.dangjian.query.testing.Http http = new cn.qinglong.dangjian.query.testing.Http(base);
        try (SseClient plain = SseClient.open(port, "?types=MemberRegistered", null, http.as("INTEGRATION").authorization());
             SseClient personal = SseClient.open(port, "?types=MemberRegistered", null,
                     http.asIntegrationWithPersonalData().authorization())) {
            assertThat(plain.status()).isEqualTo(200);
            assertThat(personal.status()).isEqualTo(200);
            JsonNode redacted = registrationOf("m-personal-scope", plain);
            JsonNode full = registrationOf("m-personal-scope", personal);
            assertThat(redacted.has("phone")).isFalse();
            assertThat(full.get("phone").asString()).isEqualTo("13912345678");
        }
    }

    @Test
    void a_type_filter_returns_only_those_types_and_resuming_after_the_last_id_still_misses_none() {
        for (int i = 0; i < 6; i++) {
            commands.memberWithPersonalDetails("m-filter-" + i);
        }
        List<Long> expected = storedPositions("MemberRegistered", "DuesPaid");
        List<Long> received = new ArrayList<>();
        Long lastEventId = null;
        while (received.size() < expected.size()) {
            try (SseClient client = SseClient.open(port, "?types=MemberRegistered,cn.qinglong.dangjian.member.DuesPaid.v1",
                    lastEventId)) {
                for (int i = 0; i < 5 && received.size() < expected.size(); i++) {
                    SseClient.Frame frame = client.nextEvent();
                    assertThat(frame.cloudEvent().get("type").asString()).isIn(
                            "cn.qinglong.dangjian.member.MemberRegistered.v1", "cn.qinglong.dangjian.member.DuesPaid.v1");
                    received.add(frame.id());
                    lastEventId = frame.id();
                }
            }
        }
        assertThat(received).isEqualTo(expected);
    }

    @Test
    void last_event_id_wins_over_the_after_parameter() {
        commands.memberWithPersonalDetails("m-last-event-id");
        List<Long> positions = storedPositions();
        long resumeAfter = positions.get(positions.size() - 3);
        try (SseClient client = SseClient.open(port, "?after=1", resumeAfter)) {
            assertThat(client.nextEvent().id()).isEqualTo(positions.get(positions.size() - 2));
        }
    }

    @Test
    void the_envelope_is_a_cloud_event_with_the_member_as_subject_and_no_personal_details() {
        commands.memberWithPersonalDetails("m-envelope");
        long last = lastPosition();
        StringBuilder everything = new StringBuilder();
        JsonNode registered = null;
        try (SseClient client = SseClient.open(port, "", null)) {
            assertThat(client.contentType()).startsWith("text/event-stream");
            SseClient.Frame frame;
            do {
                frame = client.nextEvent();
                everything.append(frame.data()).append('\n');
                JsonNode event = frame.cloudEvent();
                if ("m-envelope".equals(event.path("subject").asString(""))
                        && event.get("type").asString().endsWith("MemberRegistered.v1")) {
                    registered = event;
                }
            } while (frame.id() < last);
        }
        assertThat(registered).isNotNull();
        assertThat(registered.get("specversion").asString()).isEqualTo("1.0");
        assertThat(registered.get("source").asString()).isEqualTo("/dangjian/members");
        assertThat(registered.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(registered.get("time").asString()).isNotBlank();
        assertThat(registered.get("aggregateversion").asLong()).isZero();
        assertThat(registered.get("data").get("memberId").asString()).isEqualTo("m-envelope");
        assertThat(registered.get("data").get("residence").get("status").asString()).isEqualTo("ORIGINAL");
        assertThat(registered.get("data").has("phone")).isFalse();
        for (String personal : CommandSide.PERSONAL_DETAILS) {
            assertThat(everything.toString()).doesNotContain(personal);
        }
    }

    @Test
    void an_idle_stream_receives_heartbeat_comments() {
        try (SseClient client = SseClient.open(port, "?after=" + lastPosition(), null)) {
            SseClient.Frame frame = client.next();
            assertThat(frame.comment()).isEqualTo("heartbeat");
        }
    }

    @Test
    void bad_parameters_are_refused_with_a_problem_naming_the_field() {
        assertProblem("?after=-1", null, "after");
        assertProblem("?after=abc", null, "after");
        assertProblem("?types=MemberRegistered,NoSuchThing", null, "types");
        assertProblem("", "not-a-number", "Last-Event-ID");
    }

    private void assertProblem(String query, String lastEventId, String field) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + port + "/api/events/stream" + query)).header("Accept", "text/event-stream")
                .header("Authorization", cn.qinglong.dangjian.query.testing.Http.committeeAuthorization(
                        "http://127.0.0.1:" + port + "/api", "stream-test"));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            var reply = java.net.http.HttpClient.newHttpClient().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as(query).isEqualTo(400);
            assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = tools.jackson.databind.json.JsonMapper.builder().build().readTree(reply.body());
            assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-subscription");
            assertThat(problem.get("title").asString()).isNotBlank();
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asString()).isNotBlank();
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
            assertThat(problem.get("errors").get(0).get("message").asString()).isNotBlank();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stream is shared with other tests' members (some erased): read on to this member's registration. */
    private static JsonNode registrationOf(String memberId, SseClient client) {
        for (;;) {
            JsonNode data = client.nextEvent().cloudEvent().get("data");
            if (memberId.equals(data.get("memberId").asString())) {
                return data;
            }
        }
    }
}

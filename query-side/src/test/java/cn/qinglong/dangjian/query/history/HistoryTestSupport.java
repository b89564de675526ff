package cn.qinglong.dangjian.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.query.QuerySideApplication;
import cn.qinglong.dangjian.query.testing.CommandSideLauncher;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.TestMongo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event store, one query side and one command side for every history test, so the JVM boots each service once:
 * the query side as the Spring test context, the command side beside it on a random port against the same store.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HistoryTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int queryPort;

    @DynamicPropertySource
    static void sharedEventStore(DynamicPropertyRegistry registry) {
        Services.DATABASE.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        TestMongo.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    static ConfigurableApplicationContext commandSide() {
        return Services.commandSide();
    }

    /** Sends a command to the command side and answers its receipt, failing the test unless it was accepted. */
    static JsonNode command(String method, String path, String body, String actor, String requestId) {
        String port = commandSide().getEnvironment().getProperty("local.server.port");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api" + path))
                .header("Content-Type", "application/json")
                .header("Authorization", Http.committeeAuthorization("http://localhost:" + port + "/api", actor))
                .header("X-Request-Id", requestId)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    static String organization(String name, String level, String setting, String groupKind, String parentId) {
        String id = "o-" + UUID.randomUUID();
        command("POST", "/organizations", """
                {"organizationId": "%s", "name": "%s", "level": "%s", "setting": %s, "groupKind": %s,
                 "parentId": %s, "establishedOn": "2024-01-01"}""".formatted(id, name, level, quotedOrNull(setting),
                quotedOrNull(groupKind), quotedOrNull(parentId)), "setup", "setup-" + id);
        return id;
    }

    static String registerMember(String name, String branchId, String registeredOn, String actor) {
        String id = "m-" + UUID.randomUUID();
        command("POST", "/members", """
                {"memberId": "%s", "name": "%s", "gender": "F", "birthDate": "1948-05-01",
                 "joinedPartyOn": "1972-07-01", "branchId": "%s", "categories": ["RETIRED", "FARMER"],
                 "residence": {"status": "ORIGINAL", "address": "青龙街道东风村12号"}, "phone": "13900000000",
                 "registeredOn": "%s"}""".formatted(id, name, branchId, registeredOn), actor, "register-" + id);
        return id;
    }

    private static String quotedOrNull(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    HttpResponse<byte[]> get(String pathAndQuery, String accept) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + queryPort + "/api" + pathAndQuery))
                .header("Authorization", Http.committeeAuthorization("http://localhost:" + queryPort + "/api", "auditor"));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode getJson(String pathAndQuery) {
        HttpResponse<byte[]> response = get(pathAndQuery, "application/json");
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Every item of a member's history, walking the pages. */
    List<JsonNode> allItems(String memberId, int size) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = getJson("/members/" + memberId + "/history?page=" + page + "&size=" + size);
            answer.get("items").forEach(items::add);
            if (answer.get("items").size() < size) {
                return items;
            }
        }
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Started once per JVM; the command side stops with it. */
    static final class Services {

        static final TestEventStoreDatabase DATABASE = TestEventStoreDatabase.create();
        private static ConfigurableApplicationContext commandSide;

        static synchronized ConfigurableApplicationContext commandSide() {
            if (commandSide == null) {
                commandSide = CommandSideLauncher.start(DATABASE);
            }
            return commandSide;
        }
    }

    /** Runs the action with the clock Axon stamps events with fixed at the instant, to record facts on chosen days. */
    static <T> T at(String instant, Supplier<T> action) {
        try {
            GenericEventMessage.clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
            return action.get();
        } finally {
            GenericEventMessage.clock = Clock.systemUTC();
        }
    }
}

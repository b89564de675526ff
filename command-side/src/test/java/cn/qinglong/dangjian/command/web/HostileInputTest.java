package cn.qinglong.dangjian.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Malformed and malicious requests, generated over the command endpoints of {@link CommandApiTest}: each is a 4xx
 * problem+json, none records anything, and the service is healthy afterwards. The counts per category are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends EventStoreBackedTest {

    private static final String TEN_MB = "x".repeat(10 * 1024 * 1024);

    record Attack(String category, String method, String path, String body, String[] headers, Function<Http, Http> client) {
    }

    @BeforeAll
    void subdistrict() {
        Subdistrict.create(http());
        Subdistrict.register(http(), "target");
    }

    private static List<Attack> attacks() {
        List<Attack> attacks = new ArrayList<>();
        List<CommandApiTest.Endpoint> endpoints = CommandApiTest.endpoints().toList();
        String[] none = {};
        for (CommandApiTest.Endpoint e : endpoints) {
            String path = e.path().replace("{id}", e.target() == CommandApiTest.Target.MEMBER ? "target"
                    : e.target() == CommandApiTest.Target.STUDY_DAY ? Subdistrict.STUDY_DAY : Subdistrict.ORIGIN_BRANCH);
            String valid = e.valid().replace("{id}", "hostile-new");
            // authentication: no token, garbage, unsigned (alg none), a token of another key
            attacks.add(new Attack("auth", e.method(), path, valid, none, Http::anonymous));
            attacks.add(new Attack("auth", e.method(), path, valid, new String[]{"Authorization", "Bearer not.a.jwt"}, Http::anonymous));
            attacks.add(new Attack("auth", e.method(), path, valid, new String[]{"Authorization",
                    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiQ09NTUlUVEVFIl19."}, Http::anonymous));
            // wrong types for the whole body
            for (String body : List.of("[]", "\"text\"", "123", "null", "true")) {
                attacks.add(new Attack("wrong-type", e.method(), path, body, none, Function.identity()));
            }
            // Mongo-style operators where values belong
            attacks.add(new Attack("operator", e.method(), path, valid.replaceFirst("\\{", "{\"\\$where\":\"sleep(1000)\","), none, Function.identity()));
            attacks.add(new Attack("operator", e.method(), path, valid.replaceFirst(":\"[^\"]*\"", ":{\"\\$ne\":null}"), none, Function.identity()));
            attacks.add(new Attack("operator", e.method(), path, valid.replaceFirst(":\"[^\"]*\"", ":{\"\\$gt\":\"\"}"), none, Function.identity()));
            // NUL bytes, raw and escaped, in the first string value
            attacks.add(new Attack("nul", e.method(), path, valid.replaceFirst(":\"([^\"]*)\"", ":\"$1\\\\u0000\""), none, Function.identity()));
            if (e.target() != CommandApiTest.Target.CREATION) {
                attacks.add(new Attack("nul", e.method(), path.replaceFirst("/api/(\\w|-)+/[^/]+", "$0%00"), valid, none, Function.identity()));
            }
            // deeply nested JSON
            attacks.add(new Attack("nested", e.method(), path, "[".repeat(5000) + "]".repeat(5000), none, Function.identity()));
            attacks.add(new Attack("nested", e.method(), path, valid.replaceFirst(":\"[^\"]*\"", ":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2000)), none, Function.identity()));
            // dates out of a sane range
            if (valid.matches("(?s).*\"\\d{4}-\\d{2}-\\d{2}\".*")) {
                for (String date : List.of("0001-01-01", "9999-12-31", "1800-02-30", "+10000-01-01")) {
                    attacks.add(new Attack("date", e.method(), path, valid.replaceFirst("\"\\d{4}-\\d{2}-\\d{2}\"", "\"" + date + "\""), none, Function.identity()));
                }
            }
            // oversized: a body past the limit
            attacks.add(new Attack("oversized", e.method(), path, valid.replaceFirst("\\{", "{\"padding\":\"" + "y".repeat(300_000) + "\","), none, Function.identity()));
        }
        // 10 MB strings, a few
        for (CommandApiTest.Endpoint e : endpoints.subList(0, 3)) {
            String path = e.path().replace("{id}", "target");
            attacks.add(new Attack("10MB", e.method(), path, e.valid().replace("{id}", "hostile-big").replaceFirst(":\"[^\"]*\"", ":\"" + TEN_MB + "\""), none, Function.identity()));
        }
        return attacks;
    }

    @Test
    @DisplayName("hostile input: every generated malformed or malicious request is a 4xx problem, records nothing, and the service stays healthy")
    void hostileInputIsRefused() {
        Map<String, Integer> counts = new TreeMap<>();
        long before = storedEvents();
        List<Attack> attacks = attacks();
        for (Attack attack : attacks) {
            Http client = attack.client().apply(http());
            var reply = client.send(attack.method(), attack.path(), attack.body(), attack.headers());
            String what = attack.category() + " " + attack.method() + " " + attack.path() + " "
                    + attack.body().substring(0, Math.min(120, attack.body().length()));
            assertThat(reply.status()).as(what + " -> " + reply.text()).isBetween(400, 499);
            assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
            assertThat(reply.text()).as(what).doesNotContain("Exception", "at cn.", "at org.");
            counts.merge(attack.category(), 1, Integer::sum);
        }
        assertThat(storedEvents()).as("nothing recorded").isEqualTo(before);
        assertThat(http().anonymous().send("GET", "/actuator/health", null).status()).isEqualTo(200);
        assertThat(http().post("/api/members", Subdistrict.registration("after-the-storm")).status()).isEqualTo(201);
        System.out.println("hostile input per category: " + counts + ", total " + attacks.size());
        assertThat(attacks).hasSizeGreaterThanOrEqualTo(200);
    }

    @Test
    @DisplayName("health and the API description are reachable without a token, and the description names the bearer scheme")
    void publicPaths() {
        Http anonymous = http().anonymous();
        assertThat(anonymous.send("GET", "/actuator/health", null).status()).isEqualTo(200);
        var docs = anonymous.send("GET", "/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames()).contains("/api/members", "/api/members/{id}/dues",
                "/api/organizations", "/api/study-days");
        assertThat(docs.json().get("components").get("securitySchemes").get("bearer").get("scheme").asString())
                .isEqualTo("bearer");
        assertThat(anonymous.post("/api/members", Subdistrict.registration("no-token")).status()).isEqualTo(401);
    }
}

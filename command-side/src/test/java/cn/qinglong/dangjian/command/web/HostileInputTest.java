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
        addStrictFamilies(attacks, endpoints);
        // 10 MB strings, a few
        for (CommandApiTest.Endpoint e : endpoints.subList(0, 3)) {
            String path = e.path().replace("{id}", "target");
            attacks.add(new Attack("10MB", e.method(), path, e.valid().replace("{id}", "hostile-big").replaceFirst(":\"[^\"]*\"", ":\"" + TEN_MB + "\""), none, Function.identity()));
        }
        return attacks;
    }

    /** Lone surrogates: not characters; a strict JSON reader of the history or the stream chokes on them. */
    private static final List<String> SURROGATES = List.of("\\ud800", "\\udfff", "x\\udbff", "\\udc00\\ud800", "\\ud83d");
    /** Control characters of C0 (but tab and line feed), DEL and C1 (NEL among them), and a lone carriage return. */
    private static final List<String> CONTROLS = List.of("\\u0001", "\\u001b[31m", "\\u007f", "\\u0080", "\\u0085",
            "\\u009b", "\\u009f", "\\u000b", "\\u000c", "a\\rb", "\\u2028\\u0000");
    /** Where an integer is meant, and where text is. */
    private static final List<String> NUMBERS = List.of("1.5", "1.0", "1e2", "1E2", "-0.0", "2.5e-3", "9223372036854775808",
            "1e400", "-1", "0", "NaN", "Infinity", "0x10", "012", "+1", ".5", "1.", "\"200\"", "[200]", "{\"$numberLong\":\"1\"}");
    private static final List<String> DATES = List.of("0000-01-01", "0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31",
            "2026-02-29", "2026-1-1", "20260101", "2026-01-01T00:00", "+002026-01-01", " 2026-01-01", "2026-01-01 ");
    private static final List<String> MONTHS = List.of("0001-01", "9999-12", "1899-12", "2101-01", "2026-13", "2026-00", "2026-1");
    private static final List<String> PERIODS = List.of("0001", "0001-01", "9999", "9999-12", "9999-H2", "1899", "2101-H1",
            "2026-H3", "2026-13", "02026");

    /** The families issue 22 named: Unicode, controls, numbers, duplicate keys, path normalisation, dates. */
    private static void addStrictFamilies(List<Attack> attacks, List<CommandApiTest.Endpoint> endpoints) {
        String[] none = {};
        for (CommandApiTest.Endpoint e : endpoints) {
            String path = e.path().replace("{id}", e.target() == CommandApiTest.Target.MEMBER ? "target"
                    : e.target() == CommandApiTest.Target.STUDY_DAY ? Subdistrict.STUDY_DAY : Subdistrict.ORIGIN_BRANCH);
            String valid = e.valid().replace("{id}", "hostile-strict");
            if (valid.matches("(?s).*:\"[^\"]*\".*")) {
                for (String text : SURROGATES) {
                    attacks.add(new Attack("unicode", e.method(), path, valid.replaceFirst(":\"([^\"]*)\"", ":\"$1" + text.replace("\\", "\\\\") + "\""), none, Function.identity()));
                }
                for (String text : CONTROLS) {
                    attacks.add(new Attack("controls", e.method(), path, valid.replaceFirst(":\"([^\"]*)\"", ":\"$1" + text.replace("\\", "\\\\") + "\""), none, Function.identity()));
                }
                for (String number : List.of("1.5", "1e2", "-1", "9223372036854775808")) {
                    attacks.add(new Attack("numbers", e.method(), path, valid.replaceFirst(":\"[^\"]*\"", ":" + number), none, Function.identity()));
                }
            }
            // duplicate keys: the first key again, with its own value or another, before or after
            java.util.regex.Matcher first = java.util.regex.Pattern.compile("\\{\"([^\"]+)\":(\"[^\"]*\"|[^,}\\[]+)").matcher(valid);
            if (first.find()) {
                String key = first.group(1);
                String value = first.group(2);
                attacks.add(new Attack("duplicate-keys", e.method(), path, valid.replaceFirst("\\}\\s*$", ",\"" + key + "\":" + value + "}"), none, Function.identity()));
                attacks.add(new Attack("duplicate-keys", e.method(), path, valid.replaceFirst("\\}\\s*$", ",\"" + key + "\":\"other\"}"), none, Function.identity()));
                attacks.add(new Attack("duplicate-keys", e.method(), path, valid.replaceFirst("\\{", "{\"" + key + "\":\"other\","), none, Function.identity()));
                attacks.add(new Attack("duplicate-keys", e.method(), path, valid.replaceFirst("\\{", "{\"" + key + "\":" + value.replace("$", "\\$") + ","), none, Function.identity()));
            }
            // paths not in normal form (the first letter of the resource percent-encoded, and the rest): each must be
            // refused before a filter counts (or skips) the write
            String rest = path.substring("/api".length());
            for (String odd : List.of("/%61pi" + rest, "/api/" + "%%%02x".formatted((int) rest.charAt(1)) + rest.substring(2),
                    "/%2561pi" + rest, "/api/" + rest, "/api/." + rest, "/api/x/.." + rest, "/api/%2e" + rest,
                    "/api/x/%2e%2e" + rest, "/API" + rest, "/api" + rest + "/", "/api" + rest + "/.", "/api" + rest + ";x=1",
                    "/api" + rest.replace("/", "%2f"))) {
                attacks.add(new Attack("path", e.method(), odd, valid, none, Function.identity()));
            }
            // every date-like field in its range
            if (valid.matches("(?s).*\"\\d{4}-\\d{2}-\\d{2}\".*")) {
                for (String date : DATES) {
                    attacks.add(new Attack("dates", e.method(), path, valid.replaceFirst("\"\\d{4}-\\d{2}-\\d{2}\"", "\"" + date + "\""), none, Function.identity()));
                }
            }
            if (valid.contains("\"period\":\"2026-09\"") || valid.matches("(?s).*\"period\":\"\\d{4}-\\d{2}\".*")) {
                for (String month : MONTHS) {
                    attacks.add(new Attack("dates", e.method(), path, valid.replaceFirst("\"period\":\"[^\"]*\"", "\"period\":\"" + month + "\""), none, Function.identity()));
                }
            }
            if (e.path().endsWith("/evaluations")) {
                for (String period : PERIODS) {
                    attacks.add(new Attack("dates", e.method(), path, valid.replaceFirst("\"period\":\"[^\"]*\"", "\"period\":\"" + period + "\""), none, Function.identity()));
                }
            }
            if (valid.contains("\"amountFen\"")) {
                for (String number : NUMBERS) {
                    if (number.equals("0") && e.path().endsWith("/dues-standard")) {
                        continue; // a standard of 0 fen is an exemption from dues, not hostile input
                    }
                    attacks.add(new Attack("numbers", e.method(), path, valid.replaceFirst("\"amountFen\":[^,}]+", "\"amountFen\":" + number.replace("$", "\\$")), none, Function.identity()));
                }
            }
        }
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
        assertThat(attacks).hasSizeGreaterThanOrEqualTo(400);
        for (String family : List.of("unicode", "controls", "numbers", "duplicate-keys", "path", "dates")) {
            assertThat(counts).as("family " + family).containsKey(family);
        }
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

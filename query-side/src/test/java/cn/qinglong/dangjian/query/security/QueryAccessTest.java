package cn.qinglong.dangjian.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.query.testing.CommandSide;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The query side's access rules over HTTP, with tokens from its loopback token endpoint: the role × endpoint ×
 * in-scope/out-of-scope matrix, a secretary of branch A kept away from branch B on every path, and hostile query
 * parameters.
 */
class QueryAccessTest extends QuerySideTest {

    private static String p;
    private static long position;

    private static String a() {
        return p + "-a";
    }

    private static String b() {
        return p + "-b";
    }

    private static String group() {
        return p + "-g";
    }

    /** Branch A with member {@code -ma} (in group G) and branch B with member {@code -mb}, once per JVM. */
    @BeforeEach
    void subdistrict() {
        if (p != null) {
            return;
        }
        String prefix = "sec-" + TestEventStoreDatabase.postgres();
        Http command = new Http(CommandSide.baseUrl());
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate founded = today.minusYears(5);
        List<String> bodies = new ArrayList<>(List.of(
                "/organizations", "{\"organizationId\":\"%1$s-c\",\"name\":\"青龙街道党工委\",\"level\":\"COMMITTEE\",\"establishedOn\":\"%2$s\"}",
                "/organizations", "{\"organizationId\":\"%1$s-v\",\"name\":\"三里村党总支\",\"level\":\"GENERAL_BRANCH\",\"setting\":\"RELOCATING_VILLAGE\",\"parentId\":\"%1$s-c\",\"establishedOn\":\"%2$s\"}",
                "/organizations", "{\"organizationId\":\"%1$s-a\",\"name\":\"三里村第一党支部\",\"level\":\"BRANCH\",\"parentId\":\"%1$s-v\",\"establishedOn\":\"%2$s\"}",
                "/organizations", "{\"organizationId\":\"%1$s-b\",\"name\":\"三里村第二党支部\",\"level\":\"BRANCH\",\"parentId\":\"%1$s-v\",\"establishedOn\":\"%2$s\"}",
                "/organizations", "{\"organizationId\":\"%1$s-g\",\"name\":\"三里过渡期党小组\",\"level\":\"GROUP\",\"groupKind\":\"TRANSITION\",\"parentId\":\"%1$s-a\",\"establishedOn\":\"%2$s\"}",
                "/members", "{\"memberId\":\"%1$s-ma\",\"name\":\"周桂兰\",\"gender\":\"F\",\"birthDate\":\"1944-05-01\",\"joinedPartyOn\":\"1970-07-01\",\"branchId\":\"%1$s-a\",\"categories\":[\"RETIRED\"],\"residence\":{\"status\":\"ORIGINAL\"},\"registeredOn\":\"%2$s\"}",
                "/members", "{\"memberId\":\"%1$s-mb\",\"name\":\"钱国强\",\"gender\":\"M\",\"birthDate\":\"1950-05-01\",\"joinedPartyOn\":\"1975-07-01\",\"branchId\":\"%1$s-b\",\"categories\":[\"FARMER\"],\"residence\":{\"status\":\"ORIGINAL\"},\"registeredOn\":\"%2$s\"}",
                "/members/%1$s-ma/relocation", "{\"transitionAddress\":\"青龙西路8号\",\"relocatedOn\":\"%3$s\"}",
                "/members/%1$s-ma/transition-group", "{\"groupId\":\"%1$s-g\",\"joinedOn\":\"%4$s\"}"));
        for (int i = 0; i < bodies.size(); i += 2) {
            Http.Response reply = command.post(bodies.get(i).formatted(prefix),
                    bodies.get(i + 1).formatted(prefix, founded, today.minusYears(1), today.minusMonths(11)));
            assertThat(reply.status()).as(reply.text()).isIn(200, 201);
            position = reply.json().get("position").asLong();
        }
        assertThat(query.get("/members/" + prefix + "-ma?minPosition=" + position).status()).isEqualTo(200);
        p = prefix;
    }

    enum Principal { ANONYMOUS, COMMITTEE, AUDITOR, SECRETARY_OF_A, GROUP_LEADER_OF_G, INTEGRATION }

    private Http as(Principal principal) {
        return switch (principal) {
            case ANONYMOUS -> query.anonymous();
            case COMMITTEE -> query;
            case AUDITOR -> query.as("AUDITOR");
            case SECRETARY_OF_A -> query.as("BRANCH_SECRETARY", a());
            case GROUP_LEADER_OF_G -> query.as("GROUP_LEADER", group());
            case INTEGRATION -> query.as("INTEGRATION");
        };
    }

    /** An endpoint of the matrix: {@code member} is "a" (in the scoped roles' reach), "b" (out of it) or null. */
    record Endpoint(String name, String method, String path, String member) {
        @Override
        public String toString() {
            return method + " " + name;
        }
    }

    private static List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String m : List.of("a", "b")) {
            String id = p + "-m" + m;
            endpoints.add(new Endpoint("member " + m, "GET", "/members/" + id, m));
            endpoints.add(new Endpoint("history " + m, "GET", "/members/" + id + "/history", m));
            endpoints.add(new Endpoint("history csv " + m, "CSV", "/members/" + id + "/history", m));
            endpoints.add(new Endpoint("history verify " + m, "GET", "/members/" + id + "/history/verify", m));
        }
        endpoints.add(new Endpoint("roster", "GET", "/members", null));
        endpoints.add(new Endpoint("tree", "GET", "/organizations/tree", null));
        endpoints.add(new Endpoint("attendance rates", "GET", "/attendance/rates", null));
        endpoints.add(new Endpoint("dual management", "GET", "/dual-management", null));
        endpoints.add(new Endpoint("transition", "GET", "/transition", null));
        endpoints.add(new Endpoint("care overdue", "GET", "/care/overdue", null));
        endpoints.add(new Endpoint("dashboard", "GET", "/dashboard/difficulties?organizationId=" + p + "-c", null));
        endpoints.add(new Endpoint("projections", "GET", "/admin/projections", null));
        // an unknown projection: the committee passes the access rule and gets 404, nothing is rebuilt
        endpoints.add(new Endpoint("rebuild", "POST", "/admin/projections/no-such-view/rebuild", null));
        // an unreadable position: a role that may subscribe passes the access rule and gets 400, nothing streams
        endpoints.add(new Endpoint("event stream", "GET", "/events/stream?after=abc", null));
        return endpoints;
    }

    /** The query side's access matrix, as README "Security" states it. */
    private static int expected(Principal principal, Endpoint endpoint) {
        boolean stream = endpoint.name().equals("event stream");
        boolean rebuild = endpoint.name().equals("rebuild");
        int ok = stream ? 400 : rebuild ? 404 : 200;
        return switch (principal) {
            case ANONYMOUS -> 401;
            case COMMITTEE -> ok;
            case AUDITOR -> rebuild ? 403 : ok;
            case INTEGRATION -> stream ? ok : 403;
            case SECRETARY_OF_A, GROUP_LEADER_OF_G -> {
                if (endpoint.member() != null) {
                    yield endpoint.member().equals("a") ? 200 : 404;
                }
                yield endpoint.name().equals("roster") || endpoint.name().equals("tree") ? 200 : 403;
            }
        };
    }

    private static Http.Response call(Http client, Endpoint endpoint) {
        return switch (endpoint.method()) {
            case "POST" -> client.post(endpoint.path(), "{}");
            case "CSV" -> client.get(endpoint.path(), "Accept", "text/csv");
            default -> client.get(endpoint.path());
        };
    }

    @Test
    @DisplayName("access matrix: each role × each query endpoint × in-scope/out-of-scope member → expected status")
    void accessMatrix() {
        Map<String, String> wrong = new TreeMap<>();
        int cases = 0;
        for (Principal principal : Principal.values()) {
            for (Endpoint endpoint : endpoints()) {
                Http.Response reply = call(as(principal), endpoint);
                int expected = expected(principal, endpoint);
                cases++;
                if (reply.status() != expected) {
                    wrong.put(principal + " × " + endpoint, "expected " + expected + ", got " + reply.status() + " " + reply.text());
                } else if (expected >= 400 && !String.valueOf(reply.contentType()).startsWith("application/problem+json")) {
                    wrong.put(principal + " × " + endpoint, "refusal is not problem+json: " + reply.contentType());
                }
            }
        }
        assertThat(wrong).as(cases + " cases").isEmpty();
    }

    @Test
    @DisplayName("a secretary of branch A cannot read or list a member of branch B: member view, roster filters, history, export, stream")
    void secretaryOfAIsKeptFromB() {
        Http secretary = as(Principal.SECRETARY_OF_A);
        String mb = p + "-mb";
        assertThat(secretary.get("/members/" + mb).status()).isEqualTo(404);
        for (String filter : List.of("branchId=" + b(), "dailyBranchId=" + b(), "communityId=" + p + "-v", "status=ORIGINAL",
                "category=FARMER", "minAge=0", "groupId=" + group(), "")) {
            JsonNode page = secretary.get("/members?" + filter).json();
            List<String> ids = page.get("items").valueStream().map(item -> item.get("memberId").asString()).toList();
            assertThat(ids).as(filter).doesNotContain(mb).allMatch(id -> id.equals(p + "-ma") || !id.startsWith(p));
            assertThat(ids).as("only members of A: " + filter).allMatch(id -> id.equals(p + "-ma"));
        }
        assertThat(secretary.get("/members?branchId=" + a()).json().get("total").asInt()).isEqualTo(1);
        assertThat(secretary.get("/members/" + mb + "/history").status()).isEqualTo(404);
        assertThat(secretary.get("/members/" + mb + "/history?asOf=2030-01-01").status()).isEqualTo(404);
        assertThat(secretary.get("/members/" + mb + "/history", "Accept", "text/csv").status()).isEqualTo(404);
        assertThat(secretary.get("/members/" + mb + "/history/verify").status()).isEqualTo(404);
        assertThat(secretary.get("/events/stream").status()).isEqualTo(403);
        assertThat(secretary.get("/transition?groupId=" + group()).status()).isEqualTo(403);
        // and the member of A is theirs
        assertThat(secretary.get("/members/" + p + "-ma").status()).isEqualTo(200);
        assertThat(secretary.get("/members/" + p + "-ma/history", "Accept", "text/csv").text()).contains(p + "-ma");
    }

    @Test
    @DisplayName("hostile query parameters: Mongo operators, NUL bytes, wrong types and huge values are 4xx problems and change nothing")
    void hostileQueryParameters() {
        Map<String, Integer> counts = new TreeMap<>();
        List<String[]> attacks = new ArrayList<>();
        List<String> idParameters = List.of("/members?branchId=", "/members?dailyBranchId=", "/members?communityId=",
                "/members?groupId=", "/transition?groupId=", "/dual-management?communityId=",
                "/dashboard/difficulties?organizationId=", "/events/stream?types=");
        for (String parameter : idParameters) {
            for (String value : List.of("%7B%22%24gt%22%3A%22%22%7D", "%7B%22%24ne%22%3Anull%7D", "%24where", "a%00b",
                    "%27%3B%20return%20true%3B%20var%20x%3D%27", "x".repeat(5000))) {
                attacks.add(new String[]{"operator-or-bad-value", parameter + value});
            }
        }
        for (String name : List.of("branchId%5B%24ne%5D", "branchId%5B%24gt%5D", "%24where", "branchId.%24ne", "minAge%5B%24gt%5D")) {
            attacks.add(new String[]{"operator-name", "/members?" + name + "=1"});
        }
        for (String parameter : List.of("/members?minAge=", "/members?page=", "/members?size=", "/care/overdue?days=",
                "/members/" + p + "-ma/history?page=", "/members/" + p + "-ma/history?asOf=", "/events/stream?after=")) {
            for (String value : List.of("abc", "-1", "1e400", "99999999999999999999", "%00", "%5B%5D")) {
                attacks.add(new String[]{"wrong-type", parameter + value});
            }
        }
        for (String path : List.of("/members/a%00b", "/members/" + "x".repeat(200), "/members/%24where/history")) {
            attacks.add(new String[]{"bad-path", path});
        }
        long before = eventStore.createHeadToken().position().orElse(0);
        for (String[] attack : attacks) {
            Http.Response reply = query.get(attack[1]);
            assertThat(reply.status()).as(attack[1] + " -> " + reply.text()).isBetween(400, 499);
            assertThat(reply.contentType()).as(attack[1]).startsWith("application/problem+json");
            counts.merge(attack[0], 1, Integer::sum);
        }
        assertThat(eventStore.createHeadToken().position().orElse(0)).isEqualTo(before);
        assertThat(query.get("/organizations/tree").status()).isEqualTo(200);
        System.out.println("hostile query parameters per category: " + counts + ", total " + attacks.size());
    }

    @Test
    @DisplayName("health and the API description are reachable without a token; everything else asks for one")
    void publicPaths() {
        String root = query.base().substring(0, query.base().length() - "/api".length());
        Http anonymous = new Http(root).anonymous();
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        Http.Response docs = anonymous.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames()).contains("/api/members", "/api/members/{id}",
                "/api/members/{id}/history", "/api/events/stream", "/api/organizations/tree");
        assertThat(query.anonymous().get("/organizations/tree").status()).isEqualTo(401);
        assertThat(query.anonymous().get("/organizations/tree").header("WWW-Authenticate")).startsWith("Bearer");
        for (String authorization : List.of("Bearer x.y.z", "Basic YTpi", "Bearer ")) {
            Http.Response refused = query.anonymous().get("/organizations/tree", "Authorization", authorization);
            assertThat(refused.status()).as(authorization).isEqualTo(401);
            assertThat(refused.contentType()).as(authorization).startsWith("application/problem+json");
            assertThat(refused.header("WWW-Authenticate")).as(authorization).startsWith("Bearer");
        }
    }
}

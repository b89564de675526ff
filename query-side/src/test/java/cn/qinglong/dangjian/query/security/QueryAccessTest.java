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

    /**
     * Once per JVM: branch A with member {@code -ma} (relocated, in A's transition group G, aged over 80) and
     * {@code -ma2} (resettled into community R's branch RB, relation kept in A: dual-managed); branch B with
     * {@code -mb} (relocated, aged over 80) and {@code -mb2} (dual-managed like {@code -ma2}); a study day in each of
     * A ({@code -sd-a}, attended by {@code -ma}), B ({@code -sd-b}, attended by {@code -mb}) and RB ({@code -sd-r},
     * where {@code -ma2} and {@code -mb2} are expected and {@code -ma2} attended). So every view lists a member of
     * A and one of B.
     */
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
                "/organizations", "{\"organizationId\":\"%1$s-r\",\"name\":\"青竹苑党总支\",\"level\":\"GENERAL_BRANCH\",\"setting\":\"RESETTLEMENT_COMMUNITY\",\"parentId\":\"%1$s-c\",\"establishedOn\":\"%2$s\"}",
                "/organizations", "{\"organizationId\":\"%1$s-rb\",\"name\":\"青竹苑第一党支部\",\"level\":\"BRANCH\",\"parentId\":\"%1$s-r\",\"establishedOn\":\"%2$s\"}",
                "/members", "{\"memberId\":\"%1$s-ma\",\"name\":\"周桂兰\",\"gender\":\"F\",\"birthDate\":\"1944-05-01\",\"joinedPartyOn\":\"1970-07-01\",\"branchId\":\"%1$s-a\",\"categories\":[\"RETIRED\"],\"residence\":{\"status\":\"ORIGINAL\"},\"registeredOn\":\"%2$s\"}",
                "/members", "{\"memberId\":\"%1$s-mb\",\"name\":\"钱国强\",\"gender\":\"M\",\"birthDate\":\"1940-05-01\",\"joinedPartyOn\":\"1975-07-01\",\"branchId\":\"%1$s-b\",\"categories\":[\"FARMER\"],\"residence\":{\"status\":\"ORIGINAL\"},\"registeredOn\":\"%2$s\"}",
                "/members/%1$s-ma/relocation", "{\"transitionAddress\":\"青龙西路8号\",\"relocatedOn\":\"%3$s\"}",
                "/members/%1$s-ma/transition-group", "{\"groupId\":\"%1$s-g\",\"joinedOn\":\"%4$s\"}",
                "/members/%1$s-mb/relocation", "{\"transitionAddress\":\"青龙西路9号\",\"relocatedOn\":\"%3$s\"}"));
        for (String m : List.of("a", "b")) {
            bodies.addAll(List.of(
                    "/members", "{\"memberId\":\"%1$s-m" + m + "2\",\"name\":\"李建华\",\"gender\":\"M\",\"birthDate\":\"1965-03-01\",\"joinedPartyOn\":\"1990-07-01\",\"branchId\":\"%1$s-" + m + "\",\"categories\":[\"EMPLOYED\"],\"residence\":{\"status\":\"ORIGINAL\"},\"registeredOn\":\"%2$s\"}",
                    "/members/%1$s-m" + m + "2/relocation", "{\"transitionAddress\":\"青龙西路10号\",\"relocatedOn\":\"%3$s\"}",
                    "/members/%1$s-m" + m + "2/resettlement", "{\"communityId\":\"%1$s-r\",\"residenceBranchId\":\"%1$s-rb\",\"movedInOn\":\"%5$s\",\"transferRelation\":false}"));
        }
        for (String branch : List.of("a", "b", "r")) {
            bodies.addAll(List.of("/study-days", "{\"studyDayId\":\"%1$s-sd-" + branch + "\",\"branchId\":\"%1$s-"
                    + (branch.equals("r") ? "rb" : branch) + "\",\"date\":\"%6$s\",\"topic\":\"主题党日\",\"modes\":[\"NEARBY\",\"ONLINE\"]}"));
        }
        for (String[] attended : List.of(new String[]{"ma", "a"}, new String[]{"mb", "b"}, new String[]{"ma2", "r"})) {
            bodies.addAll(List.of("/members/%1$s-" + attended[0] + "/attendance",
                    "{\"studyDayId\":\"%1$s-sd-" + attended[1] + "\",\"mode\":\"NEARBY\",\"attendedOn\":\"%6$s\"}"));
        }
        for (int i = 0; i < bodies.size(); i += 2) {
            Http.Response reply = command.post(bodies.get(i).formatted(prefix),
                    bodies.get(i + 1).formatted(prefix, founded, today.minusYears(1), today.minusMonths(11),
                            today.minusMonths(2), today.minusDays(10)));
            assertThat(reply.status()).as(reply.text()).isIn(200, 201);
            position = reply.json().get("position").asLong();
        }
        for (String view : List.of("/members/" + prefix + "-ma", "/attendance/rates", "/dual-management", "/transition",
                "/care/overdue", "/dashboard/difficulties")) {
            assertThat(query.get(view + "?minPosition=" + position).status()).as(view).isEqualTo(200);
        }
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

    /**
     * An endpoint of the matrix: {@code reach} is "a" (a member or organisation in both scoped roles' reach), "b"
     * (in neither's), "A" (the secretary's branch A itself: hers, not the group leader's) or null (no member or
     * organisation named).
     */
    record Endpoint(String name, String method, String path, String reach) {
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
        endpoints.add(new Endpoint("attendance rates of B", "GET", "/attendance/rates?branchId=" + b(), null));
        endpoints.add(new Endpoint("study days of A", "GET", "/study-days?branchId=" + a(), "A"));
        endpoints.add(new Endpoint("study days of B", "GET", "/study-days?branchId=" + b(), "b"));
        endpoints.add(new Endpoint("study day of A", "GET", "/study-days/" + p + "-sd-a/attendance", "A"));
        endpoints.add(new Endpoint("study day of B", "GET", "/study-days/" + p + "-sd-b/attendance", "b"));
        endpoints.add(new Endpoint("dual management", "GET", "/dual-management", null));
        endpoints.add(new Endpoint("transition", "GET", "/transition", null));
        endpoints.add(new Endpoint("care overdue", "GET", "/care/overdue", null));
        endpoints.add(new Endpoint("dashboard", "GET", "/dashboard/difficulties", null));
        endpoints.add(new Endpoint("dashboard of the committee", "GET", "/dashboard/difficulties?organizationId=" + p + "-c", "b"));
        endpoints.add(new Endpoint("dashboard of A", "GET", "/dashboard/difficulties?organizationId=" + a(), "A"));
        endpoints.add(new Endpoint("dashboard of G", "GET", "/dashboard/difficulties?organizationId=" + group(), "a"));
        endpoints.add(new Endpoint("dashboard of B", "GET", "/dashboard/difficulties?organizationId=" + b(), "b"));
        endpoints.add(new Endpoint("projections", "GET", "/admin/projections", null));
        // an unknown projection: the committee passes the access rule and gets 404, nothing is rebuilt
        endpoints.add(new Endpoint("rebuild", "POST", "/admin/projections/no-such-view/rebuild", null));
        // an unreadable position: a role that may subscribe passes the access rule and gets 400, nothing streams
        endpoints.add(new Endpoint("event stream", "GET", "/events/stream?after=abc", null));
        endpoints.add(new Endpoint("compliance", "GET", "/organizational-life/compliance", null));
        endpoints.add(new Endpoint("compliance of A", "GET", "/organizational-life/compliance?organizationId=" + a(), "A"));
        endpoints.add(new Endpoint("compliance of G", "GET", "/organizational-life/compliance?organizationId=" + group(), "a"));
        endpoints.add(new Endpoint("compliance of B", "GET", "/organizational-life/compliance?organizationId=" + b(), "b"));
        endpoints.add(new Endpoint("compliance summary", "GET", "/organizational-life/summary", null));
        endpoints.add(new Endpoint("meetings", "GET", "/meetings", null));
        endpoints.add(new Endpoint("notices", "GET", "/notices", null));
        return endpoints;
    }

    /** The query side's access matrix, as docs/security.md states it. */
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
                if (stream || rebuild || endpoint.name().equals("projections")) {
                    yield 403;
                }
                if (endpoint.reach() == null) {
                    yield 200;
                }
                yield switch (endpoint.reach()) {
                    case "a" -> 200;
                    case "A" -> principal == Principal.SECRETARY_OF_A ? 200 : 404;
                    default -> 404;
                };
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
            assertThat(ids).as(filter).doesNotContain(mb).allMatch(id -> id.startsWith(p + "-ma") || !id.startsWith(p));
            assertThat(ids).as("only members of A: " + filter).allMatch(id -> id.startsWith(p + "-ma"));
        }
        assertThat(secretary.get("/members?branchId=" + a()).json().get("total").asInt()).isEqualTo(2);
        assertThat(secretary.get("/members/" + mb + "/history").status()).isEqualTo(404);
        assertThat(secretary.get("/members/" + mb + "/history?asOf=2030-01-01").status()).isEqualTo(404);
        assertThat(secretary.get("/members/" + mb + "/history", "Accept", "text/csv").status()).isEqualTo(404);
        assertThat(secretary.get("/members/" + mb + "/history/verify").status()).isEqualTo(404);
        assertThat(secretary.get("/events/stream").status()).isEqualTo(403);
        // and the member of A is theirs
        assertThat(secretary.get("/members/" + p + "-ma").status()).isEqualTo(200);
        assertThat(secretary.get("/members/" + p + "-ma/history", "Accept", "text/csv").text()).contains(p + "-ma");
    }

    private static List<String> ids(JsonNode answer) {
        return answer.get("items").valueStream().map(item -> item.get("memberId").asString())
                .filter(id -> id.startsWith(p)).toList();
    }

    /** This test's members on every page of a paged view. */
    private static List<String> everyId(Http client, String path) {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = client.get(path + "?size=100&page=" + page).json();
            if (answer.get("items").isEmpty()) {
                return ids;
            }
            ids.addAll(ids(answer));
        }
    }

    private static Map<String, Long> expectedByKey(JsonNode rates) {
        Map<String, Long> rows = new TreeMap<>();
        rates.get("items").forEach(row -> rows.put(row.get("key").asString(), row.get("expected").asLong()));
        return rows;
    }

    @Test
    @DisplayName("a secretary of branch A sees her members and none of branch B's through attendance, study days, dual management, transition, care and the dashboard; the committee sees both")
    void secretaryOfAIsKeptFromBInEveryView() {
        Http secretary = as(Principal.SECRETARY_OF_A);
        Http committee = as(Principal.COMMITTEE);

        // transition: A's relocated member, counted alone
        JsonNode transition = secretary.get("/transition").json();
        assertThat(ids(transition)).containsExactly(p + "-ma");
        assertThat(transition.get("total").asInt()).isEqualTo(1);
        assertThat(transition.get("summary").get("byGroup").toString()).isEqualTo("{\"" + group() + "\":1}");
        assertThat(everyId(committee, "/transition")).contains(p + "-ma", p + "-mb");

        // dual management: A's dual-managed member, and the summaries count only her
        JsonNode dual = secretary.get("/dual-management").json();
        assertThat(ids(dual)).containsExactly(p + "-ma2");
        assertThat(dual.get("total").asInt()).isEqualTo(1);
        assertThat(dual.get("byOriginBranch").toString()).isEqualTo("{\"" + a() + "\":1}");
        assertThat(dual.get("byCommunity").toString()).isEqualTo("{\"" + p + "-r\":1}");
        assertThat(ids(secretary.get("/dual-management?originBranchId=" + b()).json())).isEmpty();
        assertThat(ids(committee.get("/dual-management?communityId=" + p + "-r").json())).containsExactly(p + "-ma2", p + "-mb2");

        // care: A's member aged over 80, not B's
        JsonNode care = secretary.get("/care/overdue").json();
        assertThat(ids(care)).containsExactly(p + "-ma");
        assertThat(care.get("total").asInt()).isEqualTo(1);
        assertThat(everyId(committee, "/care/overdue")).contains(p + "-ma", p + "-mb");

        // attendance rates: over her members only; B's study day, where none of hers was expected, is left out
        JsonNode rates = secretary.get("/attendance/rates?by=branch").json();
        assertThat(expectedByKey(rates)).isEqualTo(Map.of(a(), 1L, p + "-rb", 1L));
        assertThat(rates.get("studyDays").asInt()).isEqualTo(2);
        assertThat(expectedByKey(secretary.get("/attendance/rates?by=branch&branchId=" + b()).json())).isEmpty();
        Map<String, Long> all = expectedByKey(committee.get("/attendance/rates?by=branch").json());
        assertThat(all).containsEntry(a(), 1L).containsEntry(b(), 1L).containsEntry(p + "-rb", 2L);

        // study days: her branch's, with her members; B's and RB's are unknown to her
        JsonNode studyDay = secretary.get("/study-days/" + p + "-sd-a/attendance").json();
        assertThat(studyDay.get("expected").asInt()).isEqualTo(1);
        assertThat(studyDay.get("attended").asInt()).isEqualTo(1);
        assertThat(secretary.get("/study-days?branchId=" + a()).json().get("items").get(0).get("studyDayId").asString())
                .isEqualTo(p + "-sd-a");
        for (String path : List.of("/study-days/" + p + "-sd-b/attendance", "/study-days/" + p + "-sd-r/attendance",
                "/study-days?branchId=" + b(), "/study-days?branchId=" + p + "-rb")) {
            Http.Response refused = secretary.get(path);
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.text()).as(path).doesNotContain(p + "-mb");
        }
        JsonNode rb = committee.get("/study-days/" + p + "-sd-r/attendance").json();
        assertThat(rb.get("expected").asInt()).isEqualTo(2);
        assertThat(rb.get("leftBehind").toString()).contains(p + "-mb2");

        // dashboard: her reachable members; B and the general branch above both are unknown to her
        assertThat(secretary.get("/dashboard/difficulties").json().get("activeMembers").asInt()).isEqualTo(2);
        assertThat(secretary.get("/dashboard/difficulties?organizationId=" + a()).json().get("activeMembers").asInt())
                .isEqualTo(1);
        assertThat(secretary.get("/dashboard/difficulties?organizationId=" + b()).status()).isEqualTo(404);
        assertThat(secretary.get("/dashboard/difficulties?organizationId=" + p + "-v").status()).isEqualTo(404);
        assertThat(committee.get("/dashboard/difficulties?organizationId=" + p + "-v").json().get("activeMembers")
                .asInt()).isEqualTo(2);
        assertThat(committee.get("/dashboard/difficulties?organizationId=" + b()).json().get("activeMembers").asInt())
                .isEqualTo(1);

        // no answer names a member of B
        for (String path : List.of("/transition", "/dual-management", "/care/overdue", "/attendance/rates?by=branch",
                "/attendance/rates?by=mode", "/study-days/" + p + "-sd-a/attendance", "/dashboard/difficulties")) {
            assertThat(secretary.get(path).text()).as(path).doesNotContain(p + "-mb", b());
        }
    }

    @Test
    @DisplayName("a group leader of G sees the group's members through the cross-branch views, and no one else of A or B")
    void groupLeaderOfGSeesOnlyTheGroup() {
        Http leader = as(Principal.GROUP_LEADER_OF_G);
        JsonNode transition = leader.get("/transition").json();
        assertThat(ids(transition)).containsExactly(p + "-ma");
        assertThat(transition.get("total").asInt()).isEqualTo(1);
        assertThat(ids(leader.get("/care/overdue").json())).containsExactly(p + "-ma");
        assertThat(ids(leader.get("/dual-management").json())).isEmpty();
        assertThat(expectedByKey(leader.get("/attendance/rates?by=branch").json())).isEqualTo(Map.of(a(), 1L));
        assertThat(leader.get("/dashboard/difficulties").json().get("activeMembers").asInt()).isEqualTo(1);
        for (String path : List.of("/transition", "/dual-management", "/care/overdue", "/attendance/rates?by=branch",
                "/dashboard/difficulties")) {
            assertThat(leader.get(path).text()).as(path).doesNotContain(p + "-ma2", p + "-mb");
        }
    }

    @Test
    @DisplayName("a kept answer is never served to a caller of another scope: the committee's, then each secretary's, then the committee's again")
    void keptAnswersArePerScope() {
        Http secretaryOfB = query.as("BRANCH_SECRETARY", b());
        for (int round = 0; round < 2; round++) {
            for (String path : List.of("/transition", "/dual-management", "/care/overdue", "/attendance/rates?by=branch",
                    "/dashboard/difficulties")) {
                String everyone = query.get(path).text();
                String ofA = as(Principal.SECRETARY_OF_A).get(path).text();
                String ofB = secretaryOfB.get(path).text();
                assertThat(ofA).as(path).isNotEqualTo(everyone).isNotEqualTo(ofB).doesNotContain(p + "-mb");
                assertThat(ofB).as(path).doesNotContain(p + "-ma");
                assertThat(query.get(path).text()).as(path).isEqualTo(everyone);
            }
        }
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

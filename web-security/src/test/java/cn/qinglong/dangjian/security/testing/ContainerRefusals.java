package cn.qinglong.dangjian.security.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the container, Spring Security's firewall or Spring MVC refuse before any controller runs, for both
 * services' tests: each must be answered {@code application/problem+json} with the fields of docs/commands.md "Errors".
 */
public final class ContainerRefusals {

    /** A request as sent on the wire: the method and the request target exactly as written. */
    public record Case(String name, String method, String target) {
        @Override
        public String toString() {
            return name + ": " + method + " " + target;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FIELDS = Set.of("type", "title", "status", "detail", "errors");

    private ContainerRefusals() {
    }

    /** Refused requests aimed at {@code path}, an existing GET resource of the service under test. */
    public static List<Case> cases(String path) {
        return List.of(
                new Case("encoded dot-dot", "GET", "/api/%2e%2e" + path),
                new Case("encoded dot-dot, upper case", "GET", path + "/%2E%2E/%2E%2E/actuator/health"),
                new Case("dot-dot with an encoded slash", "GET", path + "/..%2f..%2factuator%2fhealth"),
                new Case("jsessionid path parameter", "GET", path + ";jsessionid=0123456789ABCDEF"),
                new Case("jsessionid in a segment", "GET", "/api;jsessionid=1" + path.substring(4)),
                new Case("TRACE", "TRACE", path),
                new Case("TRACE of the root", "TRACE", "/"),
                new Case("broken UTF-8 percent-escape", "GET", path + "?branchId=%ff%fe"),
                new Case("percent-escape without hex digits", "GET", path + "?branchId=%zz"),
                new Case("truncated percent-escape", "GET", path + "?branchId=%"),
                new Case("empty parameter name", "GET", path + "?=x"),
                new Case("encoded NUL in the path", "GET", path + "/%00"),
                new Case("encoded backslash", "GET", path + "/%5c..%5c"),
                new Case("unknown method", "BREW", path),
                new Case("unknown path", "GET", "/api/no-such-resource"));
    }

    /** A 4xx problem+json whose members are those of docs/commands.md "Errors", its status the answer's, nothing internal. */
    public static void assertProblem(Case request, RawHttp.Reply reply) {
        assertThat(reply.status()).as(request + " -> " + reply).isBetween(400, 499);
        assertThat(reply.contentType()).as(request + " -> " + reply).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.propertyNames()).as(request + " -> " + reply.body()).containsAll(List.of("type", "title", "status", "detail"));
        assertThat(FIELDS).as(request + " -> " + reply.body()).containsAll(body.propertyNames());
        assertThat(body.get("type").asString()).as(request + " -> " + reply.body()).startsWith("/problems/");
        assertThat(body.get("status").asInt()).as(request + " -> " + reply.body()).isEqualTo(reply.status());
        assertThat(reply.body()).as(request.toString()).doesNotContain("Exception", "\tat ", "<html");
    }
}

package cn.qinglong.dangjian.query.web;

import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.security.testing.ContainerRefusals;
import cn.qinglong.dangjian.security.testing.RawHttp;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the container, the firewall and Spring MVC refuse on the query side is problem+json like every refusal
 * (issue 22 item 8: these were Spring's default JSON), with and without a token, for JSON, CSV and event-stream
 * clients alike.
 */
class ContainerRefusalsTest extends QuerySideTest {

    static Stream<ContainerRefusals.Case> cases() {
        return Stream.concat(ContainerRefusals.cases("/api/members").stream(),
                Stream.of(new ContainerRefusals.Case("wrong method", "DELETE", "/api/members"),
                        new ContainerRefusals.Case("history, broken escape", "GET", "/api/members/m-1/history?asOf=%ff"),
                        new ContainerRefusals.Case("stream, empty parameter name", "GET", "/api/events/stream?=1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedAsProblemWithToken(ContainerRefusals.Case request) {
        for (String accept : new String[]{"application/json", "text/csv", "text/event-stream"}) {
            ContainerRefusals.assertProblem(request, RawHttp.send(port, request.method(), request.target(), null,
                    "Authorization: " + query.authorization(), "Accept: " + accept));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedAsProblemWithoutToken(ContainerRefusals.Case request) {
        ContainerRefusals.assertProblem(request, RawHttp.send(port, request.method(), request.target(), null));
    }
}

package cn.qinglong.dangjian.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.security.testing.ContainerRefusals;
import cn.qinglong.dangjian.security.testing.RawHttp;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the container, the firewall and Spring MVC refuse on the command side is problem+json like every refusal
 * (issue 22 item 8: these were Spring's default JSON), with and without a token, and records nothing.
 */
class ContainerRefusalsTest extends EventStoreBackedTest {

    static Stream<ContainerRefusals.Case> cases() {
        return Stream.concat(ContainerRefusals.cases("/api/members").stream(),
                Stream.of(new ContainerRefusals.Case("wrong method", "DELETE", "/api/members"),
                        new ContainerRefusals.Case("encoded dot-dot in a write", "POST", "/api/members/%2e%2e/target/dues")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedAsProblemWithToken(ContainerRefusals.Case request) {
        long before = storedEvents();
        var reply = RawHttp.send(port, request.method(), request.target(), request.method().equals("POST") ? "{}" : null,
                "Authorization: Bearer " + http().token("container-refusals"));
        ContainerRefusals.assertProblem(request, reply);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedAsProblemWithoutToken(ContainerRefusals.Case request) {
        ContainerRefusals.assertProblem(request, RawHttp.send(port, request.method(), request.target(), null));
    }
}

package cn.qinglong.dangjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The per-principal write limit, on a clock the test moves by hand. */
class WriteRateLimitTest {

    private final AtomicLong nanos = new AtomicLong();
    private final WriteRateLimit limit = new WriteRateLimit(3, nanos::get);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private int write(String principal, String method) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(principal, null));
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/members/m-1/dues");
        request.setServletPath("/api/members/m-1/dues");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        limit.doFilter(request, response, chain);
        if (response.getStatus() == 429) {
            assertThat(chain.getRequest()).as("a refused write never reaches the controller").isNull();
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getHeader("Retry-After")).isNotBlank();
        }
        return response.getStatus();
    }

    @Test
    void writes_beyond_the_limit_per_principal_are_refused_with_429_until_the_bucket_refills() throws Exception {
        assertThat(write("wang", "POST")).isEqualTo(200);
        assertThat(write("wang", "PUT")).isEqualTo(200);
        assertThat(write("wang", "POST")).isEqualTo(200);
        assertThat(write("wang", "POST")).isEqualTo(429);
        assertThat(write("li", "POST")).as("another principal has a bucket of its own").isEqualTo(200);
        assertThat(write("wang", "GET")).as("reads are not limited").isEqualTo(200);
        nanos.addAndGet(20_000_000_000L);
        assertThat(write("wang", "POST")).as("a third of a minute refills one write").isEqualTo(200);
        assertThat(write("wang", "POST")).isEqualTo(429);
    }
}

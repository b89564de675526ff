package cn.qinglong.dangjian.security;

import cn.qinglong.dangjian.security.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes (POST, PUT, PATCH, DELETE under {@code /api/}) per principal: a token bucket holding
 * {@code app.security.writes-per-minute} writes, refilled at that rate; an empty bucket answers 429 with
 * {@code Retry-After} before the request reaches a controller, so nothing is recorded.
 */
final class WriteRateLimit extends OncePerRequestFilter {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    WriteRateLimit(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        boolean write = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method);
        // the path as routed (decoded and normalised by the container), not as the client spelled it
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !write || !path.startsWith("/api/") || path.equals(TokenEndpoint.PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String principal = authentication == null ? "" : authentication.getName();
        Bucket bucket = buckets.computeIfAbsent(principal, name -> new Bucket(perMinute, nanoTime.getAsLong()));
        if (!bucket.take(perMinute, nanoTime.getAsLong())) {
            response.setHeader("Retry-After", String.valueOf(Math.max(1, 60 / Math.max(1, perMinute))));
            ProblemResponses.write(response, 429, "too-many-writes", "Too many writes",
                    "at most " + perMinute + " writes per minute per principal; retry later");
            return;
        }
        chain.doFilter(request, response);
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized boolean take(int perMinute, long now) {
            tokens = Math.min(perMinute, tokens + (double) (now - refilledAt) * perMinute / NANOS_PER_MINUTE);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}

package cn.qinglong.dangjian.security.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one shape of every refusal, RFC 9457 {@code application/problem+json}: {@code {type, title, status, detail}}
 * and any further members ({@code errors}). The advice, the security filters and Tomcat's error report all build
 * their answer here; a status without a problem of its own gets {@code /problems/<reason-phrase>}.
 */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    public static ProblemDetail problem(int status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        problem.setDetail(detail);
        return problem;
    }

    /** The problem for a bare status: {@code /problems/not-found}, "Not found"; any 500 is "internal". */
    public static ProblemDetail forStatus(int status, String detail) {
        if (status == 500) {
            return problem(status, "internal", "Internal error", detail);
        }
        HttpStatus known = HttpStatus.resolve(status);
        String phrase = known != null ? known.getReasonPhrase() : status >= 500 ? "Server error" : "Bad request";
        String title = phrase.substring(0, 1).toUpperCase(Locale.ROOT) + phrase.substring(1).toLowerCase(Locale.ROOT);
        String type = phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return problem(status, type, title, detail);
    }

    /**
     * The body as a client reads it: type, title, status, detail, then the problem's own members. A problem without
     * a type of its own (Spring's {@code about:blank}) gets the one of its status; the request's path is not echoed.
     */
    public static Map<String, Object> body(ProblemDetail problem) {
        ProblemDetail typed = problem;
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            typed = forStatus(problem.getStatus(), problem.getDetail());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", typed.getType().toString());
        body.put("title", typed.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", typed.getDetail() != null ? typed.getDetail() : typed.getTitle());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    public static void write(HttpServletResponse response, ErrorResponse refusal) throws IOException {
        refusal.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        write(response, refusal.getBody());
    }

    public static void write(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        write(response, problem(status, type, title, detail));
    }

    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MEDIA_TYPE);
        response.getWriter().write(JSON.writeValueAsString(body(problem)));
    }
}

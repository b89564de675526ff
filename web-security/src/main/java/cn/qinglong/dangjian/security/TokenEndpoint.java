package cn.qinglong.dangjian.security;

import cn.qinglong.dangjian.security.problem.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/token}: mints a token for a chosen role with the local signing key, for the demo and the
 * dashboard's sign-in. Exists only while the local key is in use, and answers only what {@link Loopback} says is a
 * client on this machine talking to it directly.
 */
@RestController
public class TokenEndpoint {

    public static final String PATH = "/api/auth/token";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern SUBJECT = Pattern.compile("[\\p{L}\\p{N}._:@-]{1,64}");
    private static final int MAX_SCOPE = 100;

    private final LocalTokens tokens;

    public TokenEndpoint(LocalTokens tokens) {
        this.tokens = tokens;
    }

    /** @param subject who the token names (the events' actor); @param orgScope the organisations a scoped role reaches */
    public record TokenRequest(String role, String subject, List<String> orgScope, Boolean personalData) {
    }

    @PostMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> token(@RequestBody TokenRequest body, HttpServletRequest request,
                                     HttpServletResponse response) throws IOException {
        String refused = Loopback.refusal(request);
        if (refused != null) {
            ProblemResponses.write(response, 403, "forbidden", "Forbidden", "local tokens are only issued to loopback clients: " + refused);
            return null;
        }
        Role role = null;
        for (Role candidate : Role.values()) {
            if (candidate.name().equals(body.role())) {
                role = candidate;
            }
        }
        List<String> scope = body.orgScope() == null ? List.of() : body.orgScope();
        String subject = body.subject() == null ? "demo-" + (body.role() == null ? "" : body.role().toLowerCase()) : body.subject();
        String problem = role == null ? "role must be one of " + List.of(Role.values())
                : !SUBJECT.matcher(subject).matches() ? "subject must be 1-64 letters, digits, '.', '_', ':', '@', '-'"
                : scope.size() > MAX_SCOPE || !scope.stream().allMatch(id -> id != null && ID.matcher(id).matches())
                ? "orgScope must be at most " + MAX_SCOPE + " organisation ids" : null;
        if (problem != null) {
            ProblemResponses.write(response, 400, "invalid-input", "Invalid input", problem);
            return null;
        }
        String token = tokens.mint(subject, role, scope, Boolean.TRUE.equals(body.personalData()));
        return Map.of("access_token", token, "token_type", "Bearer", "expires_in", tokens.ttl().toSeconds());
    }
}

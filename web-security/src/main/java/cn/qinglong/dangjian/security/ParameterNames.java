package cn.qinglong.dangjian.security;

import cn.qinglong.dangjian.security.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Query parameter names are plain words: {@code branchId[$ne]}, {@code $where} or {@code a.b} are refused with 400
 * rather than ignored, so that no client can mistake an operator for something the service understood.
 */
final class ParameterNames extends OncePerRequestFilter {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final int MAX_PARAMETERS = 32;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            var names = Collections.list(request.getParameterNames());
            if (names.size() > MAX_PARAMETERS || !names.stream().allMatch(name -> NAME.matcher(name).matches())) {
                ProblemResponses.write(response, 400, "invalid-parameter", "Invalid parameter",
                        "query parameter names are letters, digits, '_' and '-' (at most " + MAX_PARAMETERS + ")");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

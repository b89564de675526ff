package cn.qinglong.dangjian.security;

import cn.qinglong.dangjian.security.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of both services: a request path must already be in normal form, so that every filter after it
 * (the write limit, the access rules) sees the path the controllers will route. Percent-encoding a character that
 * needs none ({@code /%61pi/members}: letters, digits, {@code - . _ ~}), an empty segment ({@code //}) or a dot
 * segment ({@code /./}, {@code /../}, encoded or not) is refused with 400 rather than normalised behind the
 * filters' backs.
 */
final class CanonicalPath extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = problem(request.getRequestURI());
        if (problem != null) {
            ProblemResponses.write(response, 400, "non-canonical-path", "Path not in normal form", problem);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why this raw path is not in normal form, or null when it is. */
    static String problem(String raw) {
        if (raw == null || !raw.startsWith("/")) {
            return "the path must start with '/'";
        }
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '%') {
                int decoded = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)) : -1;
                if (decoded < 0 || decoded > 0xff) {
                    return "the path has a broken percent-escape";
                }
                if (unreserved((char) decoded)) {
                    return "the path percent-encodes '" + (char) decoded + "', which needs no encoding";
                }
            }
        }
        String path = raw.replace("%2e", ".").replace("%2E", ".");
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "the path has a dot segment";
            }
        }
        if (path.contains("//")) {
            return "the path has an empty segment";
        }
        return null;
    }

    private static boolean unreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '~';
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? 0x1000 : digit;
    }
}

package cn.qinglong.dangjian.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a request comes from a client on this machine talking to the service directly: the peer is a loopback
 * address, the {@code Host} it asked for is a loopback name ({@code localhost} or a loopback address literal, never a
 * name that DNS could point here, as a rebinding page would use), no proxy header says it was forwarded
 * ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}) and, when a browser says which page sent it
 * ({@code Origin}), that page is itself on a loopback name. Names are never resolved.
 */
public final class Loopback {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private Loopback() {
    }

    /** Why this request is not a direct loopback client's, or null when it is. */
    static String refusal(HttpServletRequest request) {
        if (!address(request.getRemoteAddr())) {
            return "the peer is not a loopback address";
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("forwarded") || lower.startsWith("x-forwarded-") || lower.equals("x-real-ip")) {
                return "the request was forwarded (" + name + ")";
            }
        }
        if (Collections.list(request.getHeaders("Host")).size() != 1 || !hostHeader(request.getHeader("Host"))) {
            return "Host must be localhost or a loopback address";
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin(origin)) {
            return "the Origin is not on this machine";
        }
        return null;
    }

    /** {@code localhost} or a loopback literal, with an optional port; {@code [::1]} for IPv6. */
    static boolean hostHeader(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = host.trim();
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            if (end < 0 || !(end == name.length() - 1 || name.charAt(end + 1) == ':' && port(name.substring(end + 2)))) {
                return false;
            }
            return name(name.substring(1, end));
        }
        int colon = name.indexOf(':');
        if (colon >= 0 && !port(name.substring(colon + 1))) {
            return false;
        }
        return name(colon >= 0 ? name.substring(0, colon) : name);
    }

    static boolean origin(String origin) {
        try {
            URI uri = new URI(origin.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getRawPath().isEmpty()
                    && uri.getRawUserInfo() == null && uri.getHost() != null
                    && name(uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost());
        } catch (Exception e) {
            return false;
        }
    }

    /** A loopback name: {@code localhost}, or an address literal that is loopback; other names are not resolved. */
    static boolean name(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IPV4.matcher(host).matches() && !(host.contains(":") && IPV6.matcher(host).matches())) {
            return false;
        }
        return address(host);
    }

    /** Whether an address literal is a loopback address (a literal is parsed, never looked up). */
    public static boolean address(String literal) {
        try {
            return literal != null && !literal.isBlank() && (IPV4.matcher(literal).matches() || literal.contains(":"))
                    && InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean port(String port) {
        return port.matches("\\d{1,5}") && Integer.parseInt(port) <= 65535;
    }
}

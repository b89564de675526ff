package cn.qinglong.dangjian.query.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the tests: what a real client sees, status, headers and JSON. Every request carries a
 * bearer token from the service's loopback token endpoint (the embedded default's local key): COMMITTEE unless
 * {@link #as} names another role and scope; {@link #anonymous} sends none.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String tokenRequest;
    private volatile String token;

    /** {@code base} ends with {@code /api}, as every test's base URL does. */
    public Http(String base) {
        this(base, tokenRequest("COMMITTEE", "committee-test", false));
    }

    private Http(String base, String tokenRequest) {
        this.base = base;
        this.tokenRequest = tokenRequest;
    }

    public Http as(String role, String... orgScope) {
        return new Http(base, tokenRequest(role, "test-" + role.toLowerCase(), false, orgScope));
    }

    /** An integration client whose token has scope {@code personal-data}. */
    public Http asIntegrationWithPersonalData() {
        return new Http(base, tokenRequest("INTEGRATION", "test-integration-pd", true));
    }

    public Http anonymous() {
        return new Http(base, null);
    }

    /** The {@code Authorization} header value of this client, or null for an anonymous one. */
    public String authorization() {
        if (tokenRequest == null) {
            return null;
        }
        if (token == null) {
            Response reply = send(HttpRequest.newBuilder(URI.create(base + "/auth/token"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(tokenRequest)));
            if (reply.status() != 200) {
                throw new IllegalStateException("token endpoint answered " + reply.status() + ": " + reply.text());
            }
            token = reply.json().get("access_token").asString();
        }
        return "Bearer " + token;
    }

    /** A COMMITTEE token for the service at {@code base} (ending with {@code /api}), named {@code subject}. */
    public static String committeeAuthorization(String base, String subject) {
        return AUTHORIZATIONS.computeIfAbsent(base + " " + subject,
                key -> new Http(base, tokenRequest("COMMITTEE", subject, false)).authorization());
    }

    private static final java.util.Map<String, String> AUTHORIZATIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String tokenRequest(String role, String subject, boolean personalData, String... orgScope) {
        StringBuilder scope = new StringBuilder();
        for (String id : orgScope) {
            scope.append(scope.isEmpty() ? "" : ",").append('"').append(id).append('"');
        }
        return "{\"role\":\"%s\",\"subject\":\"%s\",\"personalData\":%s,\"orgScope\":[%s]}"
                .formatted(role, subject, personalData, scope);
    }

    public String base() {
        return base;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String text) {
        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Response get(String path) {
        return send(authorized(HttpRequest.newBuilder(URI.create(base + path)).GET()));
    }

    public Response get(String path, String... headerPairs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        return send(authorized(request));
    }

    /** A GET whose body is kept as the bytes sent, for answers that are not text as sent (a gzip-encoded one). */
    public byte[] getBytes(String path, String... headerPairs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        try {
            return CLIENT.send(authorized(request).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String json) {
        return send(authorized(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    public Response put(String path, String json) {
        return send(authorized(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        String authorization = authorization();
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonMapper json() {
        return JSON;
    }
}

package cn.qinglong.dangjian.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's HTTP client: HTTP/1.1 keep-alive to 127.0.0.1 only, as a plain client of the services. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String failure() {
            return ok() ? null : "HTTP " + status + ": " + body.substring(0, Math.min(200, body.length()));
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        if (!base.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("the benchmark only talks to 127.0.0.1: " + base);
        }
        this.base = base;
    }

    private volatile String authorization;

    /** A COMMITTEE token named benchmark from the service's loopback token endpoint (the local key). */
    private String authorization() throws Exception {
        if (authorization == null) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                    .timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"COMMITTEE\",\"subject\":\"benchmark\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("no token from " + base + ": " + response.statusCode() + " " + response.body());
            }
            authorization = "Bearer " + token.group(1);
        }
        return authorization;
    }

    Answer get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", authorization()).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    Answer post(String path, String json) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Authorization", authorization())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}

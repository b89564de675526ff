package cn.qinglong.dangjian.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command side's HTTP API, as any client would call it. */
final class Api {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern POSITION = Pattern.compile("\"position\"\\s*:\\s*(\\d+)");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong lastPosition = new AtomicLong(-1);

    private volatile String authorization;

    Api(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * {@code DANGJIAN_TOKEN} when set (a real issuer's COMMITTEE token); otherwise a COMMITTEE token named demo-loader
     * from the service's loopback token endpoint (the embedded default's local key).
     */
    private String authorization() {
        if (authorization == null) {
            String token = System.getenv("DANGJIAN_TOKEN");
            if (token == null || token.isBlank()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/auth/token"))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"COMMITTEE\",\"subject\":\"demo-loader\"}"))
                        .build();
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    Matcher matcher = ACCESS_TOKEN.matcher(response.body());
                    if (response.statusCode() != 200 || !matcher.find()) {
                        throw new IllegalStateException("no token from " + baseUrl + "/auth/token (set DANGJIAN_TOKEN): "
                                + response.statusCode() + " " + response.body());
                    }
                    token = matcher.group(1);
                } catch (IOException e) {
                    throw new IllegalStateException("no token from " + baseUrl + "/auth/token: " + e, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            authorization = "Bearer " + token;
        }
        return authorization;
    }

    /** Sends a command; answers the HTTP status (200 for an idempotent repeat of a creation, 201 when created). */
    int send(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization())
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt < 3) {
                    continue;
                }
                throw new IllegalStateException(method + " " + path + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            // 409 concurrent-modification is the one answer the API asks clients to retry.
            if (response.statusCode() == 409 && response.body().contains("concurrent-modification") && attempt < 5) {
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body() + "\nrequest: " + json);
            }
            commands.incrementAndGet();
            Matcher matcher = POSITION.matcher(response.body());
            if (matcher.find()) {
                long position = Long.parseLong(matcher.group(1));
                lastPosition.accumulateAndGet(position, Math::max);
            }
            return response.statusCode();
        }
    }

    int post(String path, String json) {
        return send("POST", path, json);
    }

    int put(String path, String json) {
        return send("PUT", path, json);
    }

    long commands() {
        return commands.get();
    }

    long lastPosition() {
        return lastPosition.get();
    }
}

package cn.qinglong.dangjian.command.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for the command API, as an outside client would use it. Every request carries a COMMITTEE
 * bearer token minted by the service's loopback token endpoint (the embedded default's local key), named after the
 * {@code X-Actor} pair when one is given; {@link #as} switches to another role, {@link #anonymous} sends none.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final String tokenRequest;

    public Http(int port) {
        this("http://127.0.0.1:" + port, "{\"role\":\"COMMITTEE\",\"subject\":\"%s\"}");
    }

    private Http(String base, String tokenRequest) {
        this.base = base;
        this.tokenRequest = tokenRequest;
    }

    /** The same service, as a principal of this role whose org_scope names these organisations. */
    public Http as(String role, String... orgScope) {
        String scope = java.util.Arrays.stream(orgScope).map(id -> "\"" + id + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        return new Http(base, "{\"role\":\"" + role + "\",\"subject\":\"%s\",\"orgScope\":[" + scope + "]}");
    }

    /** The same service, without a token. */
    public Http anonymous() {
        return new Http(base, null);
    }

    /** A bearer token from the loopback token endpoint for this client's role, named {@code subject}. */
    public String token(String subject) {
        return tokens.computeIfAbsent(subject, name -> {
            Reply reply = raw("POST", "/api/auth/token", tokenRequest.formatted(name), new String[0]);
            if (reply.status() != 200) {
                throw new IllegalStateException("token endpoint answered " + reply.status() + ": " + reply.text());
            }
            return reply.json().get("access_token").asString();
        });
    }

    public record Reply(int status, String contentType, String text, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public Reply send(String method, String path, String body, String... headerPairs) {
        if (tokenRequest == null) {
            return raw(method, path, body, headerPairs);
        }
        String actor = "committee-test";
        java.util.List<String> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            if (headerPairs[i].equalsIgnoreCase("X-Actor")) {
                actor = headerPairs[i + 1];
            } else {
                pairs.add(headerPairs[i]);
                pairs.add(headerPairs[i + 1]);
            }
        }
        pairs.add("Authorization");
        pairs.add("Bearer " + token(actor));
        return raw(method, path, body, pairs.toArray(String[]::new));
    }

    private Reply raw(String method, String path, String body, String[] headerPairs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().map());
    }

    /** A {@code multipart/form-data} POST of one file as the part {@code file}, as a browser's upload form sends it. */
    public Reply upload(String path, String fileName, byte[] content) {
        String boundary = "----roster" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token("importer")).build();
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().map());
    }

    /** A GET answered with bytes (a workbook); fails unless it is a 200. */
    public byte[] download(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token("importer")).build();
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Reply put(String path, String body, String... headers) {
        return send("PUT", path, body, headers);
    }
}

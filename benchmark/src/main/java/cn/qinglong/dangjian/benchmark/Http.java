package cn.qinglong.dangjian.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's HTTP client: blocking HTTP/1.1 keep-alive to 127.0.0.1 only, as a plain client of the services. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 30_000;

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

    static {
        // The JDK keeps at most 5 idle keep-alive connections per server unless told otherwise; 32 clients need 32.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        // A command must not be sent twice behind the benchmark's back when a kept-alive connection was closed.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private final String base;
    private final int readTimeoutMs;

    Http(String base) {
        this(base, READ_TIMEOUT_MS);
    }

    /** {@code readTimeoutMs}: how long one answer may take (a report that reads the store takes longer). */
    Http(String base, int readTimeoutMs) {
        if (!base.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("the benchmark only talks to 127.0.0.1: " + base);
        }
        this.base = base;
        this.readTimeoutMs = readTimeoutMs;
    }

    private volatile String authorization;

    /** A COMMITTEE token named benchmark from the service's loopback token endpoint (the local key). */
    private String authorization() throws IOException {
        if (authorization == null) {
            Answer answer = send("POST", "/api/auth/token",
                    "{\"role\":\"COMMITTEE\",\"subject\":\"benchmark\"}".getBytes(StandardCharsets.UTF_8), null, true);
            JsonNode token = answer.ok() ? answer.json().get("access_token") : null;
            if (token == null) {
                throw new IllegalStateException("no token from " + base + ": " + answer.status() + " " + answer.body());
            }
            authorization = "Bearer " + token.asString();
        }
        return authorization;
    }

    Answer get(String path) throws IOException {
        return exchange("GET", path, null, true);
    }

    /**
     * A GET whose body is read to its end but not kept: a timed client reads what a browser would (compressed, where
     * the service compresses it), without inflating or decoding a large list into a string it never looks at.
     * Answers the failure (as {@link Answer#failure()}) or null.
     */
    String failureOf(String path) throws IOException {
        return exchange("GET", path, null, false).failure();
    }

    Answer post(String path, String json) throws IOException {
        return exchange("POST", path, json.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * A blocking exchange on the calling thread. java.net.http.HttpClient hands every exchange between the caller,
     * its selector thread and an executor; on this shared 2-core machine each hand-over waits for a core, which
     * added about 10 ms to a command's p50 as seen by the client (same service, interleaved runs: 35.6 vs 25.5 ms
     * and 29.1 vs 19.6 ms at load average ~20).
     */
    private Answer exchange(String method, String path, byte[] body, boolean keep) throws IOException {
        return send(method, path, body, authorization(), keep);
    }

    private Answer send(String method, String path, byte[] body, String authorization, boolean keep)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(readTimeoutMs);
        connection.setRequestMethod(method);
        // Every view answers JSON; the JDK's default Accept (*/* among others) would leave the annual report's
        // spreadsheet form to content negotiation.
        connection.setRequestProperty("Accept", "application/json");
        // as every browser does: large kept answers come compressed
        connection.setRequestProperty("Accept-Encoding", "gzip");
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        if (body != null) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream != null && (keep || status >= 300) && "gzip".equalsIgnoreCase(connection.getContentEncoding())) {
            stream = new GZIPInputStream(stream);
        }
        // Reading the body to its end returns the connection to the keep-alive cache.
        String text = stream == null ? "" : keep || status >= 300 ? readFully(stream) : drain(stream);
        return new Answer(status, text);
    }

    private static String readFully(InputStream stream) throws IOException {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String drain(InputStream stream) throws IOException {
        try (stream) {
            stream.transferTo(OutputStream.nullOutputStream());
            return "";
        }
    }
}

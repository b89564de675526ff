package cn.qinglong.dangjian.query.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client reading text/event-stream the way an integration client would. */
public final class SseClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An event ({@code id} and {@code data}) or, with {@code comment} set, a comment line such as a heartbeat. */
    public record Frame(Long id, String data, String comment) {
        public JsonNode cloudEvent() {
            return JSON.readTree(data);
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final Iterator<String> lines;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.lines = response.body().iterator();
    }

    public static SseClient open(int port, String query, Long lastEventId) {
        return open(port, query, lastEventId, cn.qinglong.dangjian.query.testing.Http.committeeAuthorization(
                "http://127.0.0.1:" + port + "/api", "stream-test"));
    }

    /** Subscribes with this {@code Authorization} header value. */
    public static SseClient open(int port, String query, Long lastEventId, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/events/stream" + query)).header("Accept", "text/event-stream")
                .header("Authorization", authorization);
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next event or comment; blocks until one arrives. Null when the server ended the stream. */
    Frame next() {
        Long id = null;
        StringBuilder data = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data != null) {
                    return new Frame(id, data.toString(), null);
                }
                continue;
            }
            if (line.startsWith(":")) {
                return new Frame(null, null, line.substring(1).trim());
            }
            if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).trim());
            } else if (line.startsWith("data:")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).stripLeading());
            }
        }
        return null;
    }

    /** The next event, skipping comments. */
    public Frame nextEvent() {
        Frame frame;
        do {
            frame = next();
        } while (frame != null && frame.comment() != null);
        return frame;
    }

    String body() {
        StringBuilder text = new StringBuilder();
        lines.forEachRemaining(line -> text.append(line).append('\n'));
        return text.toString();
    }

    @Override
    public void close() {
        response.body().close();
    }
}

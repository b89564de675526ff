package cn.qinglong.dangjian.query.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Writes pre-formatted {@code text/event-stream} text. Spring's SseEmitter frames one event per write and flush;
 * sending many ready frames in one write is what makes catching up on history fast.
 */
class EventStreamEmitter extends ResponseBodyEmitter {

    private static final MediaType EVENT_STREAM = new MediaType("text", "event-stream", StandardCharsets.UTF_8);
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    EventStreamEmitter() {
        super(0L);
    }

    @Override
    protected void extendResponse(ServerHttpResponse outputMessage) {
        super.extendResponse(outputMessage);
        outputMessage.getHeaders().setContentType(EVENT_STREAM);
        outputMessage.getHeaders().setCacheControl("no-cache");
        // reverse proxies such as nginx would otherwise hold the stream back in their buffers
        outputMessage.getHeaders().set("X-Accel-Buffering", "no");
    }

    void sendFrames(String frames) throws IOException {
        send(frames, TEXT);
    }
}

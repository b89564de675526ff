package cn.qinglong.dangjian.query.web;

import cn.qinglong.dangjian.query.projection.Generations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes: with {@code ?minPosition=P} (the {@code position} a command answered) the request waits until
 * the views it reads include the event at P, at most the configured time, then answers anyway.
 * {@code X-View-Position} always tells how far the views are; {@code X-View-Behind: true} says P was not reached.
 */
@Component
class ReadYourWritesInterceptor implements HandlerInterceptor {

    static final String MIN_POSITION = "minPosition";
    static final String BEHIND = "X-View-Behind";
    static final String POSITION = "X-View-Position";

    private final Generations runtime;
    private final Duration maxWait;

    ReadYourWritesInterceptor(Generations runtime, @Value("${query.read-your-writes.max-wait:5s}") Duration maxWait) {
        this.runtime = runtime;
        this.maxWait = maxWait;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(ReadsView.class)) {
            return true;
        }
        List<String> views = List.of(method.getMethodAnnotation(ReadsView.class).value());
        String raw = request.getParameter(MIN_POSITION);
        if (raw == null || raw.isBlank()) {
            response.setHeader(POSITION, Long.toString(lowest(views)));
            return true;
        }
        long minPosition = QueryParams.nonNegativeLong(MIN_POSITION, raw);
        long position = runtime.awaitPosition(views, minPosition, maxWait);
        response.setHeader(POSITION, Long.toString(position));
        if (position < minPosition) {
            response.setHeader(BEHIND, "true");
        }
        return true;
    }

    private long lowest(List<String> views) {
        return views.stream().mapToLong(runtime::position).min().orElse(-1);
    }
}

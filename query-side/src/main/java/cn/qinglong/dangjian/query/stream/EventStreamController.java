package cn.qinglong.dangjian.query.stream;

import cn.qinglong.dangjian.security.problem.Refusal;

import cn.qinglong.dangjian.query.integration.CloudEventMapper;
import cn.qinglong.dangjian.query.integration.EventFeed;
import cn.qinglong.dangjian.query.integration.EventTypes;
import cn.qinglong.dangjian.query.integration.IntegrationProperties;
import cn.qinglong.dangjian.security.Caller;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/events/stream?after=P&types=A,B}: every event after position P (or after the {@code Last-Event-ID}
 * a reconnecting client sends, which wins), as CloudEvents in structured JSON, one SSE event each, {@code id:} =
 * its position. History first, then live, from one cursor, so nothing is repeated or skipped at the switch.
 */
@RestController
class EventStreamController implements DisposableBean, SmartLifecycle {

    private final EventFeed feed;
    private final CloudEventMapper mapper;
    private final IntegrationProperties.Stream settings;
    private final Semaphore slots;
    private final Set<Subscription> subscriptions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;

    EventStreamController(EventFeed feed, CloudEventMapper mapper, IntegrationProperties properties) {
        this.feed = feed;
        this.mapper = mapper;
        this.settings = properties.stream();
        this.slots = new Semaphore(settings.maxSubscribers());
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "event-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @GetMapping("/api/events/stream")
    EventStreamEmitter stream(@RequestParam(required = false) String after,
                              @RequestParam(required = false) String types,
                              @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        List<Refusal.FieldProblem> problems = new ArrayList<>();
        long afterPosition = position("after", after, problems);
        long resumeFrom = position("Last-Event-ID", lastEventId, problems);
        Set<Class<?>> wanted = types(types, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSubscription(problems);
        }
        if (!slots.tryAcquire()) {
            throw new TooManySubscribers(settings.maxSubscribers());
        }
        long start = lastEventId != null ? resumeFrom : afterPosition;
        EventStreamEmitter emitter = new EventStreamEmitter();
        Subscription[] self = new Subscription[1];
        self[0] = new Subscription(feed, mapper, wanted, start, Caller.current().personalData(), settings, emitter, () -> {
            subscriptions.remove(self[0]);
            slots.release();
        });
        subscriptions.add(self[0]);
        self[0].start(threads);
        return emitter;
    }

    private static long position(String field, String value, List<Refusal.FieldProblem> problems) {
        if (value == null) {
            return 0;
        }
        try {
            long position = Long.parseLong(value.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below, like a negative number
        }
        problems.add(new Refusal.FieldProblem(field,
                "must be a position: a whole number, 0 or more (the id of the last event received)"));
        return 0;
    }

    private static Set<Class<?>> types(String value, List<Refusal.FieldProblem> problems) {
        Set<Class<?>> wanted = new LinkedHashSet<>();
        if (value == null) {
            return wanted;
        }
        for (String name : value.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            EventTypes.named(name.trim()).ifPresentOrElse(type -> wanted.add(type.payloadClass()),
                    () -> problems.add(new Refusal.FieldProblem("types",
                            "unknown event type '" + name.trim() + "'; use a name such as MemberRegistered or its "
                                    + "CloudEvents type such as " + EventTypes.PREFIX + "member.MemberRegistered.v1")));
        }
        return wanted;
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown begins, which would otherwise wait its full
     * timeout for these never-ending requests. Clients reconnect to another node, or to this one once it is back.
     */
    @Override
    public void stop() {
        running = false;
        subscriptions.forEach(Subscription::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void destroy() throws InterruptedException {
        subscriptions.forEach(Subscription::close);
        threads.shutdown();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}

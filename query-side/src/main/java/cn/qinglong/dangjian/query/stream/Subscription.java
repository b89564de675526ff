package cn.qinglong.dangjian.query.stream;

import cn.qinglong.dangjian.eventstore.audit.Checkpoint;
import cn.qinglong.dangjian.query.audit.AuditStore;
import cn.qinglong.dangjian.query.integration.CloudEventMapper;
import cn.qinglong.dangjian.query.integration.EventFeed;
import cn.qinglong.dangjian.query.integration.IntegrationEvent;
import cn.qinglong.dangjian.query.integration.IntegrationProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream. A reader follows the event store from the client's position and puts ready SSE frames in a
 * bounded queue; a writer takes them out and writes them to the connection. The queue is all the memory a client
 * can cost: when it stays full for the slow-client timeout the stream ends cleanly, and the client reconnects with
 * {@code Last-Event-ID} whenever it is ready — it loses nothing, because the store, not the queue, is the source.
 */
final class Subscription {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);
    private static final String HEARTBEAT = ": heartbeat\n\n";
    private static final int FRAMES_PER_WRITE = 256;

    private final EventFeed feed;
    private final CloudEventMapper mapper;
    private final Set<Class<?>> types;
    private final IntegrationProperties.Stream settings;
    private final EventStreamEmitter emitter;
    private final BlockingQueue<String> frames;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Runnable onEnd;
    private final boolean personalData;
    private final AuditStore audit;
    private long after;
    private long checkpointsSent;
    private long checkpointsLookedAt;

    /**
     * @param audit where signed checkpoints are read, or null when the client does not want them: they are sent as
     *              their own CloudEvent type, without an SSE {@code id:} (the id stays the last event's position), once
     *              the stream has passed the last event they commit to; a stream resuming at a position starts with
     *              the newest checkpoint at or before it
     */
    Subscription(EventFeed feed, CloudEventMapper mapper, Set<Class<?>> types, long after, boolean personalData,
                 IntegrationProperties.Stream settings, EventStreamEmitter emitter, AuditStore audit,
                 Runnable onEnd) {
        this.audit = audit;
        this.feed = feed;
        this.personalData = personalData;
        this.mapper = mapper;
        this.types = types;
        this.after = after;
        this.settings = settings;
        this.emitter = emitter;
        this.onEnd = onEnd;
        this.frames = new ArrayBlockingQueue<>(settings.clientBuffer());
        emitter.onCompletion(this::close);
        emitter.onError(error -> close());
        emitter.onTimeout(this::close);
    }

    void start(Executor executor) {
        executor.execute(this::read);
        executor.execute(this::write);
    }

    void close() {
        open.set(false);
    }

    boolean isOpen() {
        return open.get();
    }

    private void read() {
        try {
            // tells EventSource clients how soon to reconnect, and commits the response headers at once
            offer("retry: 1000\n\n");
            if (audit != null && after > 0) {
                checkpointsSent = Math.max(0, audit.lastNumberThrough(after) - 1);
            }
            long lastOffer = System.nanoTime();
            while (open.get()) {
                List<EventFeed.Entry> entries = feed.next(after, settings.batchSize());
                for (EventFeed.Entry entry : entries) {
                    if (!open.get()) {
                        return;
                    }
                    after = entry.position();
                    if (types.isEmpty() || types.contains(entry.message().getPayloadType())) {
                        offer(frame(mapper.map(entry.position(), entry.message(), personalData)));
                        lastOffer = System.nanoTime();
                    }
                }
                if (audit != null && (!entries.isEmpty() || System.nanoTime() - checkpointsLookedAt >= 1_000_000_000L)) {
                    checkpointsLookedAt = System.nanoTime();
                    for (Checkpoint checkpoint : audit.after(checkpointsSent, after)) {
                        offer("data: " + new String(mapper.checkpoint(checkpoint).structured(), StandardCharsets.UTF_8)
                                + "\n\n");
                        checkpointsSent = checkpoint.number();
                        lastOffer = System.nanoTime();
                    }
                }
                if (entries.size() < settings.batchSize()) {
                    if (System.nanoTime() - lastOffer >= settings.heartbeat().toNanos()) {
                        offer(HEARTBEAT);
                        lastOffer = System.nanoTime();
                    }
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Event stream ended after position {}: the event store could not be read", after, e);
        } finally {
            close();
        }
    }

    private void offer(String frame) throws InterruptedException {
        if (open.get() && !frames.offer(frame, settings.slowClientTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            log.info("Disconnecting a slow event-stream client after position {}; it resumes with Last-Event-ID", after);
            close();
        }
    }

    private void write() {
        List<String> batch = new ArrayList<>(FRAMES_PER_WRITE);
        StringBuilder text = new StringBuilder();
        try {
            while (open.get()) {
                String first = frames.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (first == null || !open.get()) {
                    continue;
                }
                batch.add(first);
                frames.drainTo(batch, FRAMES_PER_WRITE - 1);
                batch.forEach(text::append);
                emitter.sendFrames(text.toString());
                batch.clear();
                text.setLength(0);
            }
            emitter.complete();
        } catch (IOException clientWentAway) {
            close();
            // Tomcat does not always end an async request whose write failed on a thread of ours; completing it
            // here keeps it from counting as active, which would hold up a graceful shutdown
            try {
                emitter.completeWithError(clientWentAway);
            } catch (RuntimeException alreadyEnded) {
                // nothing left to end
            }
        } catch (IllegalStateException alreadyCompleted) {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        } finally {
            frames.clear();
            onEnd.run();
        }
    }

    private static String frame(IntegrationEvent event) {
        return "id: " + event.position() + "\ndata: " + new String(event.structured(), StandardCharsets.UTF_8) + "\n\n";
    }
}

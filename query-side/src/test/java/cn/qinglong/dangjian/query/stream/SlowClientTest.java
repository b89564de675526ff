package cn.qinglong.dangjian.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.integration.CloudEventMapper;
import cn.qinglong.dangjian.query.integration.EventFeed;
import cn.qinglong.dangjian.query.integration.IntegrationClientTest;
import cn.qinglong.dangjian.query.integration.IntegrationProperties;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

// the timeout only stops a hung stream from hanging the build; no assertion depends on timing
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SlowClientTest extends IntegrationClientTest {

    @Autowired
    private EventFeed feed;

    @Autowired
    private CloudEventMapper mapper;

    /** A connection whose client stopped reading: the first write blocks, as it does once TCP buffers are full. */
    static final class StalledConnection extends EventStreamEmitter {
        final CountDownLatch released = new CountDownLatch(1);
        final AtomicInteger writes = new AtomicInteger();

        @Override
        void sendFrames(String frames) throws java.io.IOException {
            writes.incrementAndGet();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.io.IOException("connection reset by the server's disconnect");
        }
    }

    @Test
    void a_client_that_stops_reading_is_disconnected_with_a_bounded_buffer_instead_of_buffered_without_end() throws Exception {
        for (int i = 0; i < 3; i++) {
            commands.memberWithPersonalDetails("m-slow-" + i);
        }
        IntegrationProperties.Stream settings = new IntegrationProperties.Stream(Duration.ofSeconds(15),
                Duration.ofMillis(50), 4, Duration.ofMillis(200), 500, 1);
        StalledConnection connection = new StalledConnection();
        CountDownLatch ended = new CountDownLatch(1);
        ExecutorService threads = Executors.newCachedThreadPool();
        Subscription subscription = new Subscription(feed, mapper, Set.of(), 0, false, settings, connection, null, ended::countDown);
        subscription.start(threads);

        List<Long> positions = storedPositions();
        assertThat(positions).hasSizeGreaterThan(20);
        // the reader gives up on the stalled client; until then it holds at most the 4 buffered frames
        while (subscription.isOpen()) {
            Thread.sleep(20);
        }
        connection.released.countDown();
        ended.await();
        threads.shutdown();
        assertThat(connection.writes.get()).isEqualTo(1);
        assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        // the client comes back later and resumes from what it had; the store, not the server, kept the rest
        try (SseClient client = SseClient.open(port, "", positions.get(0))) {
            assertThat(client.nextEvent().id()).isEqualTo(positions.get(1));
        }
    }
}

package cn.qinglong.dangjian.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.integration.IntegrationClientTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How fast a new integration client catches up on history over SSE. Not part of the default build (tag
 * {@code benchmark}); run it with
 * {@code ./mvnw -pl query-side -am verify -Dtest=StreamCatchUpBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dquery.excludedGroups=}
 * (add {@code -Deventstore=postgres} for PostgreSQL). The figure is printed and written to
 * {@code query-side/target/stream-catch-up.txt}.
 */
@Tag("benchmark")
class StreamCatchUpBenchmark extends IntegrationClientTest {

    private static final int EVENTS = Integer.getInteger("benchmark.events", 100_000);

    @Test
    void a_new_client_catches_up_on_100000_events() throws IOException {
        long before = lastPosition();
        int members = EVENTS / 100;
        long appendStarted = System.nanoTime();
        for (int m = 0; m < members; m++) {
            commands.appendMemberHistory("m-bench-" + m, 100, 100);
        }
        double appendSeconds = (System.nanoTime() - appendStarted) / 1e9;
        long last = lastPosition();

        long started = System.nanoTime();
        long count = 0;
        try (SseClient client = SseClient.open(port, "?after=" + before, null)) {
            SseClient.Frame frame;
            do {
                frame = client.nextEvent();
                count++;
            } while (frame.id() < last);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(count).isEqualTo(last - before);
        String report = String.format("SSE catch-up (%s): %d events in %.1f s = %.0f events/s (appending them took %.1f s)%n",
                DATABASE.backend(), count, seconds, count / seconds, appendSeconds);
        System.out.print(report);
        Files.writeString(Path.of("target", "stream-catch-up.txt"), report);
    }
}

package cn.qinglong.dangjian.query.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.query.QuerySideApplication;
import cn.qinglong.dangjian.query.projection.ProjectionRuntime;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The query side on a random port with a fresh event store (H2, or PostgreSQL with {@code -Deventstore=postgres})
 * and a fresh read-model database (in memory, or the MongoDB of {@code MONGODB_URI}). Every subclass shares this
 * one context, so each test uses ids of its own.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class QuerySideTest {

    public static final TestEventStoreDatabase EVENT_STORE = TestEventStoreDatabase.create();
    private static final Map<String, String> MONGO = TestMongo.springProperties();

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        EVENT_STORE.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        MONGO.forEach((key, value) -> registry.add(key, () -> value));
        registry.add("query.projections.pointer-refresh", () -> "100ms");
        registry.add("query.projections.retired-generation-grace", () -> "200ms");
        // a bound, not a timing assertion: generous, because CI machines are shared
        registry.add("query.read-your-writes.max-wait", () -> "15s");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected EventStore eventStore;

    @Autowired
    protected ProjectionRuntime runtime;

    protected Http query;

    @BeforeEach
    void client() {
        query = new Http("http://localhost:" + port + "/api");
    }

    /** Appends the events as the command side would, and answers the position of the last one. */
    protected long append(EventLog log) {
        eventStore.publish(log.messages());
        Long head = eventStore.createHeadToken().position().orElseThrow();
        return head;
    }

    /** The answer to {@code path} once the view has folded every event up to {@code position}; it must be a 200. */
    protected JsonNode answerAt(String path, long position) {
        return answerAt(query, path, position);
    }

    /** {@link #answerAt(String, long)} as {@code caller} sees it. */
    protected JsonNode answerAt(Http caller, String path, long position) {
        Http.Response response = caller.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + position);
        assertThat(response.status()).as(path + " " + response.text()).isEqualTo(200);
        return response.json();
    }

    /** A scenario with ids of its own, dated today in the subdistrict's time zone. */
    protected static Scenario scenario(String name) {
        return new Scenario(name, LocalDate.now(ZoneId.of("Asia/Shanghai")));
    }
}

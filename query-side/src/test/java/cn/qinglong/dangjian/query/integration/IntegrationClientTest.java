package cn.qinglong.dangjian.query.integration;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.query.testing.TestMongo;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query side on a real port and the command side beside it, both on one fresh event store (H2, or PostgreSQL
 * with -Deventstore=postgres). Every integration-client suite extends this, so they share one pair of contexts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "integration.stream.heartbeat=300ms",
        "integration.stream.poll-interval=50ms",
        "integration.amqp.enabled=false"})
public abstract class IntegrationClientTest {

    protected static final TestEventStoreDatabase DATABASE = TestEventStoreDatabase.create();

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        DATABASE.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        TestMongo.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected static CommandSide commands;

    @BeforeAll
    static void commandSide() {
        commands = CommandSide.on(DATABASE);
    }

    /** Every stored event's global index, in order. */
    protected List<Long> storedPositions() {
        return jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry ORDER BY globalIndex", Long.class);
    }

    protected List<Long> storedPositions(String... simpleTypeNames) {
        List<String> wanted = List.of(simpleTypeNames);
        return jdbc.query("SELECT globalIndex, payloadType FROM DomainEventEntry ORDER BY globalIndex", (row, n) -> {
            String type = row.getString(2);
            return wanted.contains(type.substring(type.lastIndexOf('$') + 1)) ? row.getLong(1) : null;
        }).stream().filter(java.util.Objects::nonNull).toList();
    }

    protected long lastPosition() {
        Long last = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        return last == null ? 0 : last;
    }
}

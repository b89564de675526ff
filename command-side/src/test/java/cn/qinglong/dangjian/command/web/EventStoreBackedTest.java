package cn.qinglong.dangjian.command.web;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The command side on a real HTTP port against a fresh event store (H2, or PostgreSQL with -Deventstore=postgres). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EventStoreBackedTest {

    static final TestEventStoreDatabase DATABASE = TestEventStoreDatabase.create();

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        DATABASE.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Http http() {
        return new Http(port);
    }

    protected long storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    protected long storedEvents(String aggregateId, String eventType) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType LIKE ?",
                Long.class, aggregateId, "%$" + eventType);
    }
}

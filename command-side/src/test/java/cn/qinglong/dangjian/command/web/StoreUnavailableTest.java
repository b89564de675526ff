package cn.qinglong.dangjian.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.TestPropertySource;

/** PostgreSQL only: the store refuses connections while the service runs. */
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=1000")
class StoreUnavailableTest extends EventStoreBackedTest {

    private static void admin(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            connection.createStatement().execute(sql);
        }
    }

    /** The pool refills its connections after the outage (and may first hand out one the outage killed). */
    private long storedEventsOnceReachable() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return storedEvents();
            } catch (DataAccessResourceFailureException stillRefilling) {
                if (attempt == 30) {
                    throw stillRefilling;
                }
                Thread.sleep(1000);
            }
        }
    }

    @Test
    @DisplayName("while the event store is unreachable a command answers 503 problem+json and records nothing; afterwards it works again")
    void unreachableStoreAnswers503() throws Exception {
        assumeTrue(TestEventStoreDatabase.postgres(), "needs PostgreSQL to take the store away");
        Subdistrict.create(http());
        long before = storedEvents();
        String database = DATABASE.url().substring(DATABASE.url().lastIndexOf('/') + 1);
        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        try {
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            var reply = http().post("/api/members", Subdistrict.registration("m-during-outage"));
            assertThat(reply.status()).as(reply.text()).isEqualTo(503);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.header("Retry-After")).isNotNull();
            assertThat(reply.text()).doesNotContain("Exception", "SQL", "jdbc");
        } finally {
            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
        assertThat(storedEventsOnceReachable()).isEqualTo(before);
        var retry = http().post("/api/members", Subdistrict.registration("m-during-outage"));
        assertThat(retry.status()).as(retry.text()).isEqualTo(201);
    }
}

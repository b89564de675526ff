package cn.qinglong.dangjian.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.testing.StoredChain;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.TestPropertySource;

/**
 * What one command asks of the store: a member kept in the aggregate cache is not read at all, and the hash to chain
 * onto is the one this node committed last; otherwise the aggregate's load is also where the append finds that hash,
 * so the predecessor row is not read twice; a short batch of events ends the load; the receipt takes the version
 * and position of the appended event from its insert. The chain stays intact across loads from events, from a
 * snapshot with later events and from a snapshot alone.
 */
@Import(RoundTripsPerCommandTest.CountingDataSource.class)
@TestPropertySource(properties = "member.snapshot-threshold=5")
class RoundTripsPerCommandTest extends KeptMembersTest {

    private static final List<String> PREPARED = new CopyOnWriteArrayList<>();
    private static final String ATTENDANCE = """
            {"studyDayId":"%s","mode":"NEARBY","attendedOn":"%s"}""".formatted(Subdistrict.STUDY_DAY,
            Subdistrict.STUDY_DAY_DATE);

    @Test
    void a_command_on_a_member_not_in_the_cache_reads_its_aggregate_once_and_does_not_read_the_predecessor_again() {
        Subdistrict.register(http(), "m-round-trips");
        assertThat(http().post("/api/members/m-round-trips/care-visits", VISIT).status()).isEqualTo(200);
        aggregates.removeAll();

        PREPARED.clear();
        var reply = http().post("/api/members/m-round-trips/care-visits", VISIT);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().path("version").asLong()).isEqualTo(2);
        assertThat(prepared("FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber >= ?"))
                .as("reads of the member's events").isEqualTo(1);
        assertThat(prepared("SELECT metaData FROM DomainEventEntry WHERE")).as("reads of the predecessor's hash")
                .isZero();
        assertThat(prepared("INSERT INTO DomainEventEntry")).isEqualTo(1);
        StoredChain.assertIntact(jdbc, "m-round-trips");
    }

    /**
     * With the member cached, a dues payment is its insert alone; a care visit also reads the member's data key to
     * seal the notes; an attendance also asks for the study day's events after those already folded.
     */
    @Test
    void a_command_on_a_cached_member_reads_neither_the_member_nor_the_predecessor() {
        Subdistrict.register(http(), "m-warm");
        Subdistrict.register(http(), "m-warm-other");
        assertThat(http().post("/api/members/m-warm-other/attendance", ATTENDANCE).status()).isEqualTo(200);

        PREPARED.clear();
        var dues = http().post("/api/members/m-warm/dues",
                "{\"period\":\"2026-10\",\"amountFen\":200,\"paidOn\":\"2026-11-01\"}");
        assertThat(dues.status()).as(dues.text()).isEqualTo(200);
        assertThat(List.copyOf(PREPARED)).as("statements of a dues payment").hasSize(1)
                .allMatch(sql -> sql.contains("INSERT INTO DomainEventEntry"));

        PREPARED.clear();
        var visit = http().post("/api/members/m-warm/care-visits", VISIT);
        assertThat(visit.status()).as(visit.text()).isEqualTo(200);
        assertThat(List.copyOf(PREPARED)).as("statements of a care visit").hasSize(2);
        assertThat(prepared("INSERT INTO DomainEventEntry")).isEqualTo(1);
        assertThat(prepared("SELECT wrapped_key FROM member_data_key")).isEqualTo(1);

        PREPARED.clear();
        var attendance = http().post("/api/members/m-warm/attendance", ATTENDANCE);
        assertThat(attendance.status()).as(attendance.text()).isEqualTo(200);
        assertThat(List.copyOf(PREPARED)).as("statements of an attendance").hasSize(2);
        assertThat(prepared("INSERT INTO DomainEventEntry")).isEqualTo(1);
        assertThat(prepared("FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber >= ?"))
                .as("the study day's events after those folded").isEqualTo(1);
        assertThat(attendance.json().path("version").asLong()).as("below the snapshot threshold").isEqualTo(3);
        StoredChain.assertIntact(jdbc, "m-warm");
    }

    @Test
    void the_receipt_of_a_command_that_appended_comes_from_its_insert_and_otherwise_from_the_stream_head() {
        Subdistrict.register(http(), "m-receipt");
        PREPARED.clear();
        var visit = http().post("/api/members/m-receipt/care-visits", VISIT);

        assertThat(visit.status()).as(visit.text()).isEqualTo(200);
        assertThat(prepared("SELECT globalIndex, sequenceNumber FROM DomainEventEntry")).as("receipt queries").isZero();
        long stored = jdbc.queryForObject("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND sequenceNumber = 1", Long.class, "m-receipt");
        assertThat(visit.json().path("version").asLong()).isEqualTo(1);
        assertThat(visit.json().path("position").asLong()).isEqualTo(stored);
        assertThat(visit.header("ETag")).isEqualTo("\"1\"");

        PREPARED.clear();
        var repeat = http().post("/api/members", Subdistrict.registration("m-receipt"));

        assertThat(repeat.status()).as(repeat.text()).isEqualTo(200);
        assertThat(prepared("SELECT globalIndex, sequenceNumber FROM DomainEventEntry")).isEqualTo(1);
        assertThat(repeat.json().path("version").asLong()).isEqualTo(1);
        assertThat(repeat.json().path("position").asLong()).isEqualTo(stored);
    }

    @Test
    void the_chain_stays_intact_when_members_are_loaded_from_snapshots() {
        Subdistrict.register(http(), "m-snapshotted");
        for (int i = 0; i < 13; i++) {
            var reply = http().post("/api/members/m-snapshotted/care-visits", VISIT);
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                Long.class, "m-snapshotted")).isPositive();
        StoredChain.assertIntact(jdbc, "m-snapshotted");
    }

    private static long prepared(String sqlFragment) {
        return PREPARED.stream().filter(sql -> sql.replaceAll("\\s+", " ").contains(sqlFragment)).count();
    }

    /** Records every statement the command side prepares, to count them per command. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingDataSource {

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? new Counting(dataSource) : bean;
                }
            };
        }
    }

    private static final class Counting extends DelegatingDataSource {

        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) {
                            PREPARED.add((String) args[0]);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}

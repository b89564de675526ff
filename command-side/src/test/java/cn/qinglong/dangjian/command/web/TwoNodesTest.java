package cn.qinglong.dangjian.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.command.CommandSideApplication;
import cn.qinglong.dangjian.eventstore.testing.StoredChain;
import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two command-side nodes (separate Axon configurations, so no shared in-memory lock, each with its own aggregate
 * cache) on one event store, racing on the same members: the store's unique (stream, sequence) key and the retry
 * settle every race, and a member cached on one node while the other changed it is neither overwritten nor judged
 * on its stale state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {

    private static final List<String> MEMBERS = List.of("m-race-a", "m-race-b", "m-race-c");
    private static final int PERIODS = 40;

    private final TestEventStoreDatabase database = TestEventStoreDatabase.create();
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;

    private ConfigurableApplicationContext node() {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--member.snapshot-threshold=10",
                "--command.aggregate-cache.max-age=1h"));
        database.springProperties().forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(CommandSideApplication.class).run(arguments.toArray(String[]::new));
    }

    /** The members the node keeps. */
    private static Cache kept(ConfigurableApplicationContext node) {
        return node.getBean(Cache.class);
    }

    private static Http http(ConfigurableApplicationContext node) {
        return new Http(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    @BeforeAll
    void twoNodes() {
        first = node();
        second = node();
        Subdistrict.create(http(first));
        MEMBERS.forEach(member -> Subdistrict.register(http(second), member));
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
    }

    @Test
    @DisplayName("the same dues sent to both nodes at once are recorded once per period, with no lost update and no gap")
    void racesSettleWithoutLostUpdatesOrDuplicates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<List<Integer>>> pairs = new ArrayList<>();
        for (int p = 0; p < PERIODS; p++) {
            String period = YearMonth.of(2020, 1).plusMonths(p).toString();
            for (String member : MEMBERS) {
                String body = "{\"period\":\"" + period + "\",\"amountFen\":200,\"paidOn\":\"2026-11-01\"}";
                Future<Http.Reply> viaFirst = pool.submit(() -> http(first).post("/api/members/" + member + "/dues", body));
                Future<Http.Reply> viaSecond = pool.submit(() -> http(second).post("/api/members/" + member + "/dues", body));
                pairs.add(pool.submit(() -> List.of(viaFirst.get().status(), viaSecond.get().status())));
            }
        }
        for (Future<List<Integer>> pair : pairs) {
            assertThat(pair.get()).as("one node records the payment, the other is told it is already paid")
                    .containsExactlyInAnyOrder(200, 422);
        }
        pool.shutdown();

        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        for (String member : MEMBERS) {
            List<Long> sequences = jdbc.queryForList(
                    "SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                    Long.class, member);
            assertThat(sequences).as("no gap and no duplicate in %s's stream", member)
                    .hasSize(PERIODS + 1).isEqualTo(java.util.stream.LongStream.rangeClosed(0, PERIODS).boxed().toList());
            assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT payload) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType LIKE '%DuesPaid'",
                    Integer.class, member)).isEqualTo(PERIODS);
        }
    }

    @Test
    @DisplayName("commands alternating between two nodes that both keep the member cached lose no update and refuse nothing wrongly")
    void staleCachesLoseNoUpdate() {
        String member = "m-stale";
        Subdistrict.register(http(first), member);
        dues(second, member, "2030-01", 200);
        dues(first, member, "2030-02", 200);
        for (int month = 1; month <= 10; month++) {
            ConfigurableApplicationContext node = month % 2 == 0 ? first : second;
            assertThat(kept(node).containsKey(member))
                    .as("the member is cached on the node about to append").isTrue();
            dues(node, member, "2031-%02d".formatted(month), 200);
        }
        dues(first, member, "2031-10", 422);

        var lost = http(first).post("/api/members/" + member + "/contact-lost", "{\"since\":\"2026-10-01\"}");
        assertThat(lost.status()).as(lost.text()).isEqualTo(200);
        assertThat(kept(second).containsKey(member)).isTrue();
        var restored = http(second).post("/api/members/" + member + "/contact-restored",
                "{\"restoredOn\":\"2026-11-01\"}");
        assertThat(restored.status()).as("the second node judges on the stored stream: " + restored.text())
                .isEqualTo(200);
        dues(first, member, "2032-01", 200);
        assertThat(kept(second).containsKey(member)).isTrue();
        var current = http(second).post("/api/members/" + member + "/dues",
                "{\"period\":\"2032-02\",\"amountFen\":200,\"paidOn\":\"2026-11-01\"}", "If-Match", "\"15\"");
        assertThat(current.status()).as("If-Match of the stored version on a node that kept an older one: "
                + current.text()).isEqualTo(200);

        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "ORDER BY sequenceNumber", Long.class, member))
                .isEqualTo(java.util.stream.LongStream.rangeClosed(0, 16).boxed().toList());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%DuesPaid'", Integer.class, member)).isEqualTo(14);
        StoredChain.assertIntact(jdbc, member);
    }

    private static void dues(ConfigurableApplicationContext node, String member, String period, int status) {
        var reply = http(node).post("/api/members/" + member + "/dues",
                "{\"period\":\"" + period + "\",\"amountFen\":200,\"paidOn\":\"2026-11-01\"}");
        assertThat(reply.status()).as(period + ": " + reply.text()).isEqualTo(status);
    }
}

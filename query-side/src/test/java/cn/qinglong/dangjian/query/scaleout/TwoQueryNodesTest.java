package cn.qinglong.dangjian.query.scaleout;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.query.QuerySideApplication;
import cn.qinglong.dangjian.query.projection.ProjectionRuntime;
import cn.qinglong.dangjian.query.projection.RebuildAlreadyRunning;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.Scenario;
import cn.qinglong.dangjian.query.testing.SharedMongo;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two query nodes (separate Spring contexts and token-store identities) on one event store and one read-model
 * database: they share the projection segments, and a rebuild started on either is followed by both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoQueryNodesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private final TestEventStoreDatabase store = TestEventStoreDatabase.create();
    private final SharedMongo mongo = SharedMongo.create();
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private int scenarios;

    private ConfigurableApplicationContext node(String id) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--query.projections.node-id=" + id,
                "--query.projections.pointer-refresh=100ms", "--query.projections.retired-generation-grace=1s",
                "--query.projections.claim-timeout=3s", "--query.read-your-writes.max-wait=15s"));
        store.springProperties().forEach((key, value) -> arguments.add("--" + key + "=" + value));
        mongo.springProperties().forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(QuerySideApplication.class).run(arguments.toArray(String[]::new));
    }

    @BeforeAll
    void twoNodes() {
        first = node("node-a");
        second = node("node-b");
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
    }

    @Test
    @Order(1)
    @DisplayName("the nodes split every processor's segments between them through the token store's claims")
    void segmentsAreSplit() {
        long position = append(1);
        awaitPosition(first, "member", position);
        eventually("each node claims segments of every generation-1 processor", () -> {
            for (String name : runtime(first).names()) {
                Set<String> owners = owners(name + "-g1");
                if (!owners.equals(Set.of("node-a", "node-b"))) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    @Order(2)
    @DisplayName("a rebuild started on one node is served by every node once it switches, and the old generation is gone")
    void rebuildIsFollowedByEveryNode() {
        Scenario scenario = new Scenario("follow", TODAY);
        long position = append(scenario.log);
        String path = "/members/" + scenario.dual + "?minPosition=" + position;
        Http.Response before = http(second).get(path);
        assertThat(before.status()).as(before.text()).isEqualTo(200);

        runtime(first).rebuild("member");
        eventually("both nodes answer from generation 2", () ->
                runtime(first).views("member").generation() == 2 && runtime(second).views("member").generation() == 2);
        eventually("generation 1's tokens and collections are gone", () ->
                owners("member-g1").isEmpty() && mongo.database().listCollectionNames().into(new ArrayList<>())
                        .stream().noneMatch(c -> c.startsWith("view_member_") && c.endsWith("_g1")));
        eventually("both nodes process generation 2", () -> owners("member-g2").equals(Set.of("node-a", "node-b")));

        Http.Response after = http(second).get(path);
        assertThat(after.status()).as(after.text()).isEqualTo(200);
        assertThat(after.json()).isEqualTo(before.json());
        long later = append(1);
        for (ConfigurableApplicationContext node : List.of(first, second)) {
            Http.Response fresh = http(node).get("/members?branchId=p" + scenarios + "-dongfeng-1&minPosition=" + later);
            assertThat(fresh.status()).as(fresh.text()).isEqualTo(200);
            assertThat(fresh.header("X-View-Behind")).isNull();
            assertThat(fresh.json().get("total").asInt()).as("members appended after the swap").isPositive();
        }
    }

    @Test
    @Order(3)
    @DisplayName("a second rebuild asked of the other node while one runs is refused")
    void secondRebuildOnTheOtherNodeIsRefused() {
        append(60);
        runtime(first).rebuild("care");
        assertThatThrownBy(() -> runtime(second).rebuild("care")).isInstanceOf(RebuildAlreadyRunning.class);
        Http.Response refused = http(second).post("/admin/projections/care/rebuild", "");
        if (runtime(second).status("care").rebuild() != null) {
            assertThat(refused.status()).isEqualTo(409);
        }
        eventually("the one rebuild finishes", () -> runtime(second).status("care").rebuild() == null
                && runtime(second).views("care").generation() >= 2);
    }

    @Test
    @Order(4)
    @DisplayName("a rebuild carries on and switches when the node that started it stops")
    void rebuildSurvivesItsNode() {
        append(60);
        runtime(first).rebuild("dashboard");
        first.close();
        eventually("the remaining node switches to generation 2", () ->
                runtime(second).views("dashboard").generation() == 2 && runtime(second).status("dashboard").rebuild() == null);
        assertThat(runtime(second).status("dashboard").lastRebuild().generation()).isEqualTo(2);
        assertThat(runtime(second).position("dashboard")).isEqualTo(runtime(second).head());
    }

    private long append(int count) {
        EventLog log = new EventLog();
        for (int i = 0; i < count; i++) {
            scenarios++;
            new Scenario("p" + scenarios, TODAY).log.inOrder().forEach(e -> log.add(e.payload()));
        }
        return append(log);
    }

    private long append(EventLog log) {
        EventStore eventStore = second.getBean(EventStore.class);
        eventStore.publish(log.messages());
        return eventStore.createHeadToken().position().orElseThrow();
    }

    private Set<String> owners(String processor) {
        Set<String> owners = new HashSet<>();
        mongo.database().getCollection("trackingtokens").find(eq("processorName", processor))
                .forEach((Document token) -> {
                    if (token.getString("owner") != null) {
                        owners.add(token.getString("owner"));
                    }
                });
        return owners;
    }

    private void awaitPosition(ConfigurableApplicationContext node, String name, long position) {
        eventually(name + " reaches " + position, () -> runtime(node).position(name) >= position);
    }

    private static ProjectionRuntime runtime(ConfigurableApplicationContext node) {
        return node.getBean(ProjectionRuntime.class);
    }

    private static Http http(ConfigurableApplicationContext node) {
        return new Http("http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort() + "/api");
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

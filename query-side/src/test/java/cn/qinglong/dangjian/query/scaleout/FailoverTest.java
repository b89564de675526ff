package cn.qinglong.dangjian.query.scaleout;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.query.testing.CommandSideLauncher;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QueryNodeProcess;
import cn.qinglong.dangjian.query.testing.SharedMongo;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two query nodes in processes of their own share one event store and one read-model database while commands keep
 * arriving; one is killed (SIGKILL) mid-stream. The other takes over its segments and every view ends equal to what
 * a single node builds from the same events. Prints how long the failover took (kill to full catch-up), with the
 * production claim settings; a figure from a busy machine is an upper bound of what a quiet one takes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final LocalDate STUDY_DATE = TODAY.minusDays(10);
    private static final int BRANCHES = 3;
    private static final Map<String, String> NODE_SETTINGS = Map.of("query.projections.pointer-refresh", "500ms");

    private final TestEventStoreDatabase store = TestEventStoreDatabase.create();
    private final SharedMongo mongo = SharedMongo.create();
    private final List<QueryNodeProcess> nodes = new ArrayList<>();
    private ConfigurableApplicationContext commandSide;
    private Http commands;
    /** How many projections a node runs, as its admin status lists them: one processor each. */
    private int projections;

    @BeforeAll
    void services() {
        // the command side opens the H2 file first, so this JVM serves it (AUTO_SERVER) to the query nodes
        commandSide = CommandSideLauncher.start(store);
        commands = new Http("http://localhost:" + CommandSideLauncher.port(commandSide) + "/api");
    }

    @AfterAll
    void stop() throws InterruptedException {
        for (QueryNodeProcess node : nodes) {
            node.stop();
        }
        commandSide.close();
    }

    @Test
    @DisplayName("when a query node is killed mid-stream the other takes over its segments and every view ends as a single node builds it")
    void killedNodesSegmentsAreTakenOver() throws Exception {
        QueryNodeProcess first = node("node-a", mongo);
        QueryNodeProcess second = node("node-b", mongo);
        subdistrict();
        eventually("both nodes answer", () -> first.ready() && second.ready());
        projections = second.http().get("/admin/projections").json().size();
        assertThat(projections).as("projections").isGreaterThanOrEqualTo(7);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger members = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(writers.submit(() -> {
                while (writing.get()) {
                    member(members.incrementAndGet());
                }
                return null;
            }));
        }

        eventually("each node claims segments of every processor", () -> {
            Set<String> processors = processors();
            if (processors.size() < projections) {
                return false; // the nodes are still writing their first tokens
            }
            for (String processor : processors) {
                if (!owners(processor).equals(Set.of("node-a", "node-b"))) {
                    return false;
                }
            }
            return true;
        });
        eventually("the views have taken in a few hundred events", () -> lowestPosition(second) > 300);

        long headAtKill = head();
        long killedAt = System.nanoTime();
        first.kill();
        eventually("node-b holds every segment", () -> {
            Set<String> processors = processors();
            assertThat(processors).as("processors").hasSize(projections);
            for (String processor : processors) {
                if (!owners(processor).equals(Set.of("node-b"))) {
                    return false;
                }
            }
            return true;
        });
        double takenOver = seconds(killedAt);
        eventually("node-b's views include every event appended before the kill", () -> lowestPosition(second) >= headAtKill);
        double caughtUp = seconds(killedAt);

        writing.set(false);
        for (Future<?> writer : running) {
            writer.get();
        }
        writers.shutdown();
        long head = head();
        eventually("node-b's views include every event", () -> lowestPosition(second) >= head);

        SharedMongo alone = mongo.sibling();
        QueryNodeProcess reference = node("node-alone", alone);
        eventually("a single node builds the same events", () -> reference.ready() && lowestPosition(reference) >= head);

        String report = String.format("failover: %d events before the kill (%d in all, %d members); node-b held "
                        + "every segment %.1f s after the SIGKILL and had caught up with every event of the kill "
                        + "%.1f s after it (claim timeout 10 s, %s event store)%n",
                headAtKill + 1, head + 1, members.get(), takenOver, caughtUp, store.backend());
        System.out.print(report);
        Files.writeString(Path.of("target", "failover.txt"), report);

        Set<String> collections = viewCollections(mongo.database());
        assertThat(collections).as("view collections").isEqualTo(viewCollections(alone.database())).isNotEmpty();
        for (String collection : collections) {
            assertThat(documents(mongo.database(), collection))
                    .as("%s after the failover equals a single node's", collection)
                    .isEqualTo(documents(alone.database(), collection));
        }
    }

    private QueryNodeProcess node(String name, SharedMongo database) {
        QueryNodeProcess node = QueryNodeProcess.start(name, store, database, NODE_SETTINGS);
        nodes.add(node);
        return node;
    }

    private void subdistrict() {
        post("/organizations", "{\"organizationId\":\"fo-committee\",\"name\":\"青龙街道党工委\",\"level\":\"COMMITTEE\",\"establishedOn\":\"2005-01-01\"}");
        post("/organizations", "{\"organizationId\":\"fo-village\",\"name\":\"常青村党总支\",\"level\":\"GENERAL_BRANCH\",\"setting\":\"RELOCATING_VILLAGE\",\"parentId\":\"fo-committee\",\"establishedOn\":\"2005-01-01\"}");
        for (int b = 1; b <= BRANCHES; b++) {
            post("/organizations", "{\"organizationId\":\"fo-b" + b + "\",\"name\":\"常青村第" + b + "党支部\",\"level\":\"BRANCH\",\"parentId\":\"fo-village\",\"establishedOn\":\"2005-01-01\"}");
            post("/study-days", "{\"studyDayId\":\"fo-sd-b" + b + "\",\"branchId\":\"fo-b" + b + "\",\"date\":\"" + STUDY_DATE
                    + "\",\"topic\":\"主题党日\",\"modes\":[\"NEARBY\",\"ONLINE\",\"HOME_DELIVERY\"]}");
        }
    }

    /** Four or five events of one member: registered, attended, paid dues, and every few relocated or visited. */
    private void member(int n) {
        String id = "fo-m-" + n;
        int branch = n % BRANCHES + 1;
        int born = 1936 + n % 50;
        post("/members", "{\"memberId\":\"" + id + "\",\"name\":\"党员" + n + "\",\"gender\":\"" + (n % 2 == 0 ? "M" : "F")
                + "\",\"birthDate\":\"" + born + "-03-01\",\"joinedPartyOn\":\"" + (born + 25) + "-07-01\",\"branchId\":\"fo-b"
                + branch + "\",\"categories\":[\"RETIRED\"],\"residence\":{\"status\":\"ORIGINAL\"},\"registeredOn\":\""
                + TODAY.minusYears(1) + "\"}");
        post("/members/" + id + "/attendance", "{\"studyDayId\":\"fo-sd-b" + branch + "\",\"mode\":\"NEARBY\",\"attendedOn\":\"" + STUDY_DATE + "\"}");
        post("/members/" + id + "/dues", "{\"period\":\"" + YearMonth.from(TODAY).minusMonths(1) + "\",\"amountFen\":200,\"paidOn\":\"" + TODAY + "\"}");
        if (n % 3 == 0) {
            post("/members/" + id + "/relocation", "{\"transitionAddress\":\"青龙东路" + n + "号\",\"relocatedOn\":\"" + TODAY.minusMonths(2) + "\"}");
        }
        if (n % 2 == 0) {
            post("/members/" + id + "/care-visits", "{\"helperName\":\"李书记\",\"kind\":\"TALK\",\"visitedOn\":\"" + TODAY.minusDays(3) + "\"}");
        }
    }

    private void post(String path, String body) {
        Http.Response response = commands.post(path, body);
        assertThat(response.status()).as(path + " " + response.text()).isIn(200, 201);
    }

    private Set<String> processors() {
        Set<String> processors = new TreeSet<>();
        mongo.database().getCollection("trackingtokens").find().forEach((Document token) -> {
            String name = token.getString("processorName");
            if (name != null && !name.startsWith("__")) {
                processors.add(name);
            }
        });
        assertThat(processors.size()).as("processors: %s", processors).isLessThanOrEqualTo(projections);
        return processors;
    }

    private Set<String> owners(String processor) {
        Set<String> owners = new HashSet<>();
        mongo.database().getCollection("trackingtokens").find(eq("processorName", processor))
                .forEach((Document token) -> owners.add(String.valueOf(token.getString("owner"))));
        return owners;
    }

    /** The lowest position of any view on that node, as its admin status reports it. */
    private static long lowestPosition(QueryNodeProcess node) {
        Http.Response response = node.http().get("/admin/projections");
        assertThat(response.status()).isEqualTo(200);
        long lowest = Long.MAX_VALUE;
        for (JsonNode projection : response.json()) {
            lowest = Math.min(lowest, projection.get("position").asLong());
        }
        return lowest;
    }

    private long head() throws SQLException {
        try (Connection connection = store.connect();
             ResultSet result = connection.createStatement().executeQuery("SELECT MAX(globalIndex) FROM DomainEventEntry")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Set<String> viewCollections(MongoDatabase database) {
        Set<String> names = new TreeSet<>();
        database.listCollectionNames().forEach(name -> {
            if (name.startsWith("view_")) {
                names.add(name);
            }
        });
        return names;
    }

    private static List<Document> documents(MongoDatabase database, String collection) {
        return database.getCollection(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}

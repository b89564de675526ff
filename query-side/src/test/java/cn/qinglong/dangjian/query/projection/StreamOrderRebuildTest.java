package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.query.evaluation.EvaluationProjectionTest;
import cn.qinglong.dangjian.query.suggestion.SuggestionProjectionTest;
import cn.qinglong.dangjian.query.testing.OrganizationalLifeScenario;
import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stream-order rebuild against the ordered replay a processor does (every event in global order, in batches):
 * both must leave the same documents in every collection of every registered view, the views other features add
 * included, since the pass folds whatever {@link FoldingProjection} is registered.
 */
class StreamOrderRebuildTest extends QuerySideTest {

    private static final AtomicInteger SCRATCH = new AtomicInteger(9000);

    @Autowired
    List<Projection> projections;

    @Autowired
    ChainRememberingJdbcEventStorageEngine engine;

    @Autowired
    MongoDatabase database;

    @Autowired
    ProjectionSettings settings;

    @Autowired
    PlatformTransactionManager transactions;

    private static boolean everyKindAppended;

    /**
     * Once, a scenario with a fact of every kind the views keep (a round, suggestions, 三会一课 and notices, a visit
     * made as helper), so that every collection compared below has documents whichever tests ran before.
     */
    @BeforeEach
    void everyKindOfFactInTheStore() {
        if (!everyKindAppended) {
            Scenario all = scenario("sop-all");
            EvaluationProjectionTest.round(all);
            SuggestionProjectionTest.suggestions(all);
            new OrganizationalLifeScenario(all, "sop-all");
            all.log.add(new MemberVisitedByHelper(MemberId.of(all.needy), "张伟", MemberId.of(all.model),
                    VisitKind.TALK, all.studyDate, "谈心"));
            append(all.log);
            everyKindAppended = true;
        }
    }

    @Test
    @DisplayName("the stream-order pass builds exactly the documents of the ordered replay, for every view, from the demo scenario and interleaved streams")
    void passEqualsOrderedReplay() {
        append(scenario("sop-demo").log);
        EventLog interleaved = new EventLog();
        for (String name : List.of("sop-a", "sop-b", "sop-c")) {
            scenario(name).log.inOrder().forEach(e -> interleaved.add(e.payload()));
        }
        eventStore.publish(EventLog.messages(interleaved.interleaved(42)));

        Map<FoldingProjection, ViewCollections> passed = scratch();
        long head = runtime.head();
        GapAwareTrackingToken token = pass(passed, head);
        assertThat(token.getIndex()).isEqualTo(head);
        assertThat(token.getGaps()).as("every committed event up to the head was read").isEmpty();

        assertEqualToOrderedReplay(passed);
    }

    @Test
    @DisplayName("an event committed with a lower position after a later one is in the rebuilt view")
    void eventCommittedLateWithALowerPositionIsIncluded() throws Exception {
        // one member's whole stream takes its positions first and commits last
        Scenario late = scenario("sop-late");
        List<Envelope> lateStream = late.log.inOrder().stream().filter(e -> e.aggregateId().equals(late.dual)).toList();
        eventStore.publish(EventLog.messages(late.log.inOrder().stream()
                .filter(e -> !e.aggregateId().equals(late.dual)).toList()));
        Scenario later = scenario("sop-later");

        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService slow = Executors.newSingleThreadExecutor();
        Future<?> slowTransaction = slow.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            engine.appendEvents(EventLog.messages(lateStream));
            appended.countDown();
            await(commit);
        }));
        try {
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            append(later.log);
            long head = runtime.head();
            Map<FoldingProjection, ViewCollections> passed = scratch();
            GapAwareTrackingToken token = pass(passed, head);
            assertThat(token.getGaps()).as("the uncommitted event's position is a gap of the token").isNotEmpty();
            commit.countDown();
            slowTransaction.get(30, TimeUnit.SECONDS);

            // what the generation's processor does next: continue from the pass's token
            List<Envelope> after = new ArrayList<>();
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, false)) {
                events.forEach(event -> after.add(ProjectionEventHandler.envelope(event)));
            }
            assertThat(after).extracting(Envelope::aggregateId).contains(late.dual);
            passed.forEach((projection, views) -> projection.apply(after, views));

            ViewCollections members = passed.entrySet().stream().filter(e -> e.getKey().name().equals("member"))
                    .findFirst().orElseThrow().getValue();
            assertThat(members.get(MemberFoldProjection.MEMBERS).find(eq("_id", late.dual)).first())
                    .as("the member committed late").isNotNull();
            assertEqualToOrderedReplay(passed);
        } finally {
            commit.countDown();
            slow.shutdownNow();
        }
    }

    @Test
    @DisplayName("a rebuild of every view while events keep arriving ends equal to the ordered replay of the whole store")
    void rebuildWhileEventsArrive() throws Exception {
        append(scenario("sop-before").log);
        Map<String, Integer> before = generations();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger rounds = new AtomicInteger();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writes = writer.submit(() -> {
            while (writing.get()) {
                append(scenario("sop-during-" + rounds.incrementAndGet()).log);
            }
            return null;
        });
        try {
            runtime.rebuildAll();
            eventually("every view swapped to its rebuilt generation", () -> swapped(before));
        } finally {
            writing.set(false);
            writes.get(60, TimeUnit.SECONDS);
            writer.shutdownNow();
        }
        assertThat(rounds.get()).as("events arrived during the rebuild").isGreaterThan(1);
        long head = runtime.head();
        eventually("every view caught up", () -> runtime.names().stream().allMatch(n -> runtime.position(n) >= head));

        Map<FoldingProjection, ViewCollections> active = new LinkedHashMap<>();
        folding().forEach(p -> active.put(p, runtime.views(p.name())));
        assertEqualToOrderedReplay(active);
    }

    @Test
    @DisplayName("a pass whose node died (its lease no longer renewed) is taken over, and what it left half-written is replaced")
    void passOfADeadNodeIsTakenOver() {
        append(scenario("sop-dead").log);
        FoldingProjection care = folding().stream().filter(p -> p.name().equals("care")).findFirst().orElseThrow();
        Map<String, Integer> before = generations();
        int next;
        // the dead node's claim, made while the supervisor cannot run, and what it had written
        synchronized (runtime) {
            runtime.rebuild("care");
            Document pointer = database.getCollection("projection_generations").find(eq("_id", "care")).first();
            next = pointer.getInteger("building");
            database.getCollection("projection_generations").updateOne(eq("_id", "care"), combine(
                    set("passOwner", "dead-node"), set("passUntil", System.currentTimeMillis() + 1_000),
                    set("passRead", 7L)));
            new ViewCollections(database, "care", next).get(MemberFoldProjection.MEMBERS)
                    .insertOne(new Document("_id", "half-written").append(FoldingProjection.VERSION, 0L));
        }
        eventually("the care view swapped to its rebuilt generation",
                () -> swapped(Map.of("care", before.get("care"))));
        assertThat(runtime.views("care").generation()).isEqualTo(next);
        assertThat(runtime.views("care").get(MemberFoldProjection.MEMBERS).find(eq("_id", "half-written")).first())
                .as("what the dead node left").isNull();
        long head = runtime.head();
        eventually("the care view caught up", () -> runtime.position("care") >= head);
        assertEqualToOrderedReplay(Map.of(care, runtime.views("care")));
    }

    private List<FoldingProjection> folding() {
        assertThat(projections).as("every registered view folds by stream").allMatch(FoldingProjection.class::isInstance);
        return projections.stream().map(FoldingProjection.class::cast).toList();
    }

    /** Fresh, prepared collections of a generation no processor runs, one per folding view. */
    private Map<FoldingProjection, ViewCollections> scratch() {
        int generation = SCRATCH.incrementAndGet();
        Map<FoldingProjection, ViewCollections> result = new LinkedHashMap<>();
        for (FoldingProjection projection : folding()) {
            ViewCollections views = new ViewCollections(database, projection.name(), generation);
            views.prepare(projection);
            result.put(projection, views);
        }
        return result;
    }

    private GapAwareTrackingToken pass(Map<FoldingProjection, ViewCollections> views, long head) {
        List<StreamOrderPass.Build> builds = new ArrayList<>();
        views.forEach((projection, collections) -> builds.add(new StreamOrderPass.Build(projection, collections)));
        // batches of 7 documents, smaller than a stream's, so that streams straddle batches too; the key index
        // written every 11 marks, so that some batches leave their marks to a later write
        return new StreamOrderPass(engine, 7, 11).run(builds, head, settings.passMargin(), read -> { });
    }

    /** Replays the whole store in global order, in processor-sized batches, and compares every collection. */
    private void assertEqualToOrderedReplay(Map<FoldingProjection, ViewCollections> built) {
        Map<FoldingProjection, ViewCollections> replayed = scratch();
        List<Envelope> batch = new ArrayList<>();
        Runnable apply = () -> {
            replayed.forEach((projection, views) -> projection.apply(List.copyOf(batch), views));
            batch.clear();
        };
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            events.forEach(event -> {
                batch.add(ProjectionEventHandler.envelope(event));
                if (batch.size() == settings.batchSize()) {
                    apply.run();
                }
            });
        }
        apply.run();
        built.forEach((projection, views) -> {
            for (String collection : projection.collections()) {
                List<Document> expected = documents(replayed.get(projection), collection);
                if (!collection.equals(KeyIndex.COLLECTION)) {
                    assertThat(expected).as("%s.%s replayed", projection.name(), collection).isNotEmpty();
                }
                assertThat(documents(views, collection)).as("%s.%s", projection.name(), collection)
                        .isEqualTo(expected);
            }
        });
    }

    private static List<Document> documents(ViewCollections views, String collection) {
        return views.get(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    private Map<String, Integer> generations() {
        return runtime.names().stream().collect(Collectors.toMap(n -> n, n -> runtime.views(n).generation()));
    }

    private boolean swapped(Map<String, Integer> before) {
        return before.entrySet().stream().allMatch(e -> {
            ProjectionStatus status = runtime.status(e.getKey());
            return status.generation() > e.getValue() && status.rebuild() == null;
        });
    }

    private static void eventually(String what, BooleanSupplier condition) {
        // a bound, not a timing assertion: generous, because the machine is shared
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

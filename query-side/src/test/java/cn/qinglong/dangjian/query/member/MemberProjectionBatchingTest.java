package cn.qinglong.dangjian.query.member;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.query.testing.Scenario;
import cn.qinglong.dangjian.query.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What batching buys, counted rather than timed: the Mongo write commands the member projection sends. How fast
 * that makes a rebuild is the benchmark's to measure ({@code benchmark/run.sh}), never a unit test's; that every
 * batch size builds the same documents is {@code ProjectionContract}'s.
 */
class MemberProjectionBatchingTest {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete");

    /** Write commands by collection name. */
    private final Map<String, Integer> writes = new ConcurrentHashMap<>();

    private final MongoDatabase database = TestMongo.database(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (WRITES.contains(event.getCommandName())) {
                writes.merge(event.getCommand().getString(event.getCommandName()).getValue(), 1, Integer::sum);
            }
        }
    });

    @Test
    @DisplayName("a batch costs at most two writes to the members (inserts and replacements), however many events it holds")
    void aBatchIsWrittenInBulk() {
        List<Envelope> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.addAll(new Scenario("b" + i, LocalDate.of(2026, 11, 27)).log.interleaved(i));
        }
        MemberProjection projection = new MemberProjection();
        ViewCollections one = new ViewCollections(database, "member", 1);
        ViewCollections many = new ViewCollections(database, "member", 2);
        projection.createIndexes(one);
        projection.createIndexes(many);
        feed(projection, one, events, 1);
        int batches = feed(projection, many, events, 500);

        int batched = writes.getOrDefault(many.physicalName("members"), 0);
        int perEvent = writes.getOrDefault(one.physicalName("members"), 0);
        assertThat(batches).isGreaterThan(1);
        assertThat(batched).as("member writes for %d events in %d batches", events.size(), batches)
                .isPositive().isLessThanOrEqualTo(2 * batches);
        assertThat(perEvent).as("member writes for the same events one per batch").isGreaterThan(10 * batched);
        assertThat(many.get("members").find().sort(new Document("_id", 1)).into(new ArrayList<>()))
                .isEqualTo(one.get("members").find().sort(new Document("_id", 1)).into(new ArrayList<>()));
    }

    private static int feed(MemberProjection projection, ViewCollections views, List<Envelope> events, int batch) {
        int batches = 0;
        for (int i = 0; i < events.size(); i += batch, batches++) {
            projection.apply(new ArrayList<>(events.subList(i, Math.min(events.size(), i + batch))), views);
        }
        return batches;
    }
}

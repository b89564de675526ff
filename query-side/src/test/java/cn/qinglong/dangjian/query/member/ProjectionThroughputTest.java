package cn.qinglong.dangjian.query.member;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.query.testing.Scenario;
import cn.qinglong.dangjian.query.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How much batching buys, without Axon or the event store in the way: the member projection fed the same events
 * one per batch and 500 per batch. Only with {@code -Dbenchmark=true}; prints events/s.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ProjectionThroughputTest {

    @Test
    @DisplayName("batches of 500 build the same member documents as batches of one, and faster")
    void batchingPaysOff() {
        List<Envelope> events = new ArrayList<>();
        int scenarios = Integer.getInteger("benchmark.scenarios", 400);
        for (int i = 0; i < scenarios; i++) {
            events.addAll(new Scenario("b" + i, LocalDate.of(2026, 11, 27)).log.interleaved(i));
        }
        MongoDatabase database = TestMongo.database();
        MemberProjection projection = new MemberProjection();
        ViewCollections one = new ViewCollections(database, "member", 1);
        ViewCollections many = new ViewCollections(database, "member", 2);
        double perEvent = feed(projection, one, events, 1);
        double batched = feed(projection, many, events, 500);
        System.out.printf("member projection, %d events: batch 1 -> %.0f events/s, batch 500 -> %.0f events/s%n",
                events.size(), perEvent, batched);
        assertThat(many.get("members").countDocuments()).isEqualTo(one.get("members").countDocuments());
        assertThat(many.get("members").find().sort(new org.bson.Document("_id", 1)).into(new ArrayList<>()))
                .isEqualTo(one.get("members").find().sort(new org.bson.Document("_id", 1)).into(new ArrayList<>()));
    }

    private static double feed(MemberProjection projection, ViewCollections views, List<Envelope> events, int batch) {
        long started = System.nanoTime();
        for (int i = 0; i < events.size(); i += batch) {
            projection.apply(events.subList(i, Math.min(events.size(), i + batch)), views);
        }
        return events.size() / ((System.nanoTime() - started) / 1e9);
    }
}

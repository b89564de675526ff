package cn.qinglong.dangjian.query.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.Projection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.MongoDatabase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every projection promises, checked on the {@link Scenario}: the documents it builds, the same documents
 * when every event arrives twice, when the members' streams interleave differently, and whatever the batch size.
 */
public abstract class ProjectionContract {

    private static final MongoDatabase DATABASE = TestMongo.database();
    private static final AtomicInteger GENERATIONS = new AtomicInteger();

    protected final Scenario scenario = new Scenario("t", LocalDate.of(2026, 11, 27));

    private final Projection projection;
    private final BiConsumer<Scenario, Map<String, Map<String, Document>>> expected;
    private ViewCollections views;

    /**
     * @param expected asserts the documents the scenario must produce, given by logical collection then id
     */
    protected ProjectionContract(Projection projection,
                                 BiConsumer<Scenario, Map<String, Map<String, Document>>> expected) {
        this.projection = projection;
        this.expected = expected;
    }

    @BeforeEach
    void freshCollections() {
        views = new ViewCollections(DATABASE, projection.name(), GENERATIONS.incrementAndGet());
        projection.createIndexes(views);
    }

    @Test
    @DisplayName("feeding the scenario's events builds the expected documents")
    void buildsTheDocuments() {
        expected.accept(scenario, feed(scenario.log.inOrder(), 50));
    }

    @Test
    @DisplayName("feeding every event twice leaves the same documents as feeding it once")
    void idempotent() {
        assertSameDocuments(scenario.log.inOrder(), 50, scenario.log.twice(), 4);
    }

    @Test
    @DisplayName("interleaving the streams in another order across members leaves the same documents")
    void orderAcrossStreamsDoesNotMatter() {
        for (long seed = 1; seed <= 3; seed++) {
            assertSameDocuments(scenario.log.inOrder(), 50, scenario.log.interleaved(seed), 7);
        }
    }

    @Test
    @DisplayName("one event per batch builds the same documents as one batch of everything")
    void batchSizeDoesNotMatter() {
        assertSameDocuments(scenario.log.inOrder(), 1000, scenario.log.inOrder(), 1);
    }

    /** Feeds the reference events, then the events into fresh collections: both must leave the same documents. */
    private void assertSameDocuments(List<Envelope> reference, int referenceBatch, List<Envelope> events, int batch) {
        freshCollections();
        Map<String, Map<String, Document>> expected = feed(reference, referenceBatch);
        freshCollections();
        assertThat(feed(events, batch)).isEqualTo(expected);
    }

    protected Map<String, Map<String, Document>> feed(List<Envelope> events, int batchSize) {
        for (int i = 0; i < events.size(); i += batchSize) {
            projection.apply(new ArrayList<>(events.subList(i, Math.min(events.size(), i + batchSize))), views);
        }
        Map<String, Map<String, Document>> documents = new TreeMap<>();
        for (String collection : projection.collections()) {
            Map<String, Document> byId = new TreeMap<>();
            views.get(collection).find().forEach(d -> byId.put(d.getString("_id"), d));
            documents.put(collection, byId);
        }
        return documents;
    }
}

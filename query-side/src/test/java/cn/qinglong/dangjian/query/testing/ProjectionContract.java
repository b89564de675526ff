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

    protected abstract Projection projection();

    /** The documents the scenario must produce, by logical collection then id. */
    protected abstract void assertDocuments(Map<String, Map<String, Document>> documents);

    private ViewCollections views;

    @BeforeEach
    void freshCollections() {
        views = new ViewCollections(DATABASE, projection().name(), GENERATIONS.incrementAndGet());
        projection().createIndexes(views);
    }

    @Test
    @DisplayName("feeding the scenario's events builds the expected documents")
    void buildsTheDocuments() {
        assertDocuments(feed(scenario.log.inOrder(), 50));
    }

    @Test
    @DisplayName("feeding every event twice leaves the same documents as feeding it once")
    void idempotent() {
        Map<String, Map<String, Document>> once = feed(scenario.log.inOrder(), 50);
        freshCollections();
        assertThat(feed(scenario.log.twice(), 4)).isEqualTo(once);
    }

    @Test
    @DisplayName("interleaving the streams in another order across members leaves the same documents")
    void orderAcrossStreamsDoesNotMatter() {
        Map<String, Map<String, Document>> inOrder = feed(scenario.log.inOrder(), 50);
        for (long seed = 1; seed <= 3; seed++) {
            freshCollections();
            assertThat(feed(scenario.log.interleaved(seed), 7)).as("interleaving %d", seed).isEqualTo(inOrder);
        }
    }

    @Test
    @DisplayName("one event per batch builds the same documents as one batch of everything")
    void batchSizeDoesNotMatter() {
        Map<String, Map<String, Document>> whole = feed(scenario.log.inOrder(), 1000);
        freshCollections();
        assertThat(feed(scenario.log.inOrder(), 1)).isEqualTo(whole);
    }

    protected Map<String, Map<String, Document>> feed(List<Envelope> events, int batchSize) {
        for (int i = 0; i < events.size(); i += batchSize) {
            projection().apply(new ArrayList<>(events.subList(i, Math.min(events.size(), i + batchSize))), views);
        }
        Map<String, Map<String, Document>> documents = new TreeMap<>();
        for (String collection : projection().collections()) {
            Map<String, Document> byId = new TreeMap<>();
            views.get(collection).find().forEach(d -> byId.put(d.getString("_id"), d));
            documents.put(collection, byId);
        }
        return documents;
    }
}

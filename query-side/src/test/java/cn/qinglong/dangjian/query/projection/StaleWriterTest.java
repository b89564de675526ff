package cn.qinglong.dangjian.query.projection;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.TestMongo;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two nodes may briefly process one segment: one paused longer than the claim timeout, the other took the segment
 * over and moved on, then the first wakes up and finishes its batch before it learns it lost the claim.
 */
class StaleWriterTest {

    private static final String DOCS = "docs";

    /** Folds the sequence numbers a stream's events carried; can let "another node" write in between read and write. */
    private static final class Sequences extends FoldingProjection {
        Runnable betweenReadAndWrite = () -> { };

        @Override
        public String name() {
            return "sequences";
        }

        @Override
        public Set<String> collections() {
            return Set.of(DOCS);
        }

        @Override
        protected Target target(Envelope event) {
            return new Target(DOCS, event.aggregateId());
        }

        @Override
        protected Document fold(String collection, Document current, Envelope event) {
            betweenReadAndWrite.run();
            betweenReadAndWrite = () -> { };
            List<Long> seen = current == null ? new ArrayList<>() : new ArrayList<>(current.getList("seen", Long.class));
            seen.add(event.sequence());
            return new Document("seen", seen);
        }
    }

    @Test
    @DisplayName("a write from a node that lost its segment never takes a view document back to an older version")
    void staleWriteNeverTakesADocumentBack() {
        ViewCollections views = new ViewCollections(TestMongo.database(), "sequences", 1);
        MongoCollection<Document> docs = views.get(DOCS);
        Sequences paused = new Sequences();
        paused.apply(List.of(event(0), event(1)), views);

        Sequences other = new Sequences();
        paused.betweenReadAndWrite = () -> other.apply(List.of(event(2), event(3)), views);
        paused.apply(List.of(event(2)), views);

        Document document = docs.find(eq("_id", "m-1")).first();
        assertThat(document.get(FoldingProjection.VERSION, Number.class).longValue()).isEqualTo(3);
        assertThat(document.getList("seen", Long.class)).containsExactly(0L, 1L, 2L, 3L);

        other.apply(List.of(event(4)), views);
        assertThat(docs.find(eq("_id", "m-1")).first().getList("seen", Long.class)).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    @DisplayName("a stale write of a new document loses to the document another node created meanwhile")
    void staleInsertLosesToTheNewerDocument() {
        ViewCollections views = new ViewCollections(TestMongo.database(), "sequences", 1);
        Sequences paused = new Sequences();
        Sequences other = new Sequences();
        paused.betweenReadAndWrite = () -> other.apply(List.of(event(0), event(1)), views);
        paused.apply(List.of(event(0)), views);

        Document document = views.get(DOCS).find(eq("_id", "m-1")).first();
        assertThat(document.getList("seen", Long.class)).containsExactly(0L, 1L);
    }

    private static Envelope event(long sequence) {
        return new Envelope("event " + sequence, "m-1", sequence, 100 + sequence);
    }
}

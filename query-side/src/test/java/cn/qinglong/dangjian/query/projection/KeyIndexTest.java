package cn.qinglong.dangjian.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.TestMongo;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyIndexTest {

    private static final String DOCS = "docs";

    /** Each event moves its stream's document to the branch named by the event's payload. */
    private static final class Branches extends FoldingProjection {
        @Override
        public String name() {
            return "branches";
        }

        @Override
        public Set<String> collections() {
            return Set.of(DOCS, KeyIndex.COLLECTION);
        }

        @Override
        protected Target target(Envelope event) {
            return new Target(DOCS, event.aggregateId());
        }

        @Override
        protected Document fold(String collection, Document current, Envelope event) {
            return new Document("branch", event.payload());
        }

        @Override
        protected Map<String, Set<String>> keys(String collection, Document document) {
            return Map.of("branch", Set.of(document.getString("branch")));
        }
    }

    private static int run;

    /** A fresh generation, marked complete as the runtime marks a view that starts with no documents. */
    private static ViewCollections views() {
        ViewCollections views = new ViewCollections(TestMongo.database(), "keyindex" + System.nanoTime() + "_" + run++, 1);
        KeyIndex.markCompleteIfEmpty(Set.of("branch"), views.get(DOCS), views.get(KeyIndex.COLLECTION));
        return views;
    }

    private static Envelope move(String member, long sequence, String branch) {
        return new Envelope(branch, member, sequence, sequence);
    }

    private static Set<String> members(ViewCollections views, String branch) {
        return KeyIndex.lookup(views.get(KeyIndex.COLLECTION), "branch", List.of(branch)).orElse(null);
    }

    @Test
    @DisplayName("a document is found under the value it holds now, and no longer under the one it left")
    void followsTheDocument() {
        ViewCollections views = views();
        Branches view = new Branches();
        view.apply(List.of(move("m.1", 0, "a"), move("m-2", 0, "a"), move("m-3", 0, "b")), views);
        assertThat(members(views, "a")).containsExactly("m-2", "m.1");
        assertThat(members(views, "b")).containsExactly("m-3");

        view.apply(List.of(move("m.1", 1, "b")), views);
        assertThat(members(views, "a")).containsExactly("m-2");
        assertThat(members(views, "b")).containsExactly("m-3", "m.1");
        assertThat(members(views, "never")).as("a value never seen: no document holds it").isEmpty();
    }

    @Test
    @DisplayName("several values are looked up at once: the documents holding any of them, each once")
    void severalValues() {
        ViewCollections views = views();
        new Branches().apply(List.of(move("m-1", 0, "a"), move("m-2", 0, "b"), move("m-3", 0, "c"),
                move("m-2", 1, "a")), views);
        assertThat(KeyIndex.lookup(views.get(KeyIndex.COLLECTION), "branch", List.of("a", "b", "never")))
                .get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                .containsExactly("m-1", "m-2");
        assertThat(KeyIndex.lookup(views.get(KeyIndex.COLLECTION), "branch", List.of())).get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE).isEmpty();
    }

    @Test
    @DisplayName("a generation that had documents before it kept the index is never answered from it, since its entries are partial")
    void partialIndexIsNotUsed() {
        ViewCollections views = new ViewCollections(TestMongo.database(), "keyindex" + System.nanoTime() + "_" + run++, 1);
        views.get(DOCS).insertOne(new Document("_id", "m-0").append("branch", List.of("a")).append(FoldingProjection.VERSION, 0L));
        KeyIndex.markCompleteIfEmpty(Set.of("branch"), views.get(DOCS), views.get(KeyIndex.COLLECTION));
        new Branches().apply(List.of(move("m-1", 0, "a")), views);
        assertThat(KeyIndex.lookup(views.get(KeyIndex.COLLECTION), "branch", List.of("a"))).isEmpty();
    }

    @Test
    @DisplayName("a generation is answered from an index only if its complete mark names it; a mark from before marks named their indexes covers only the indexes kept then")
    void completeOnlyForTheIndexesTheMarkNames() {
        ViewCollections views = new ViewCollections(TestMongo.database(), "keyindex" + System.nanoTime() + "_" + run++, 1);
        KeyIndex.markCompleteIfEmpty(Set.of("branch"), views.get(DOCS), views.get(KeyIndex.COLLECTION));
        new Branches().apply(List.of(move("m-1", 0, "a")), views);
        MongoCollection<Document> keys = views.get(KeyIndex.COLLECTION);
        assertThat(KeyIndex.lookup(keys, "branch", List.of("a"))).contains(Set.of("m-1"));
        assertThat(KeyIndex.lookup(keys, "added-later", List.of("a"))).as("an index the mark does not name").isEmpty();

        keys.updateOne(com.mongodb.client.model.Filters.eq("_id", "complete"),
                new Document("$unset", new Document("indexes", "")));
        assertThat(KeyIndex.lookup(keys, "branch", List.of("a"))).as("not kept before marks named them").isEmpty();
        assertThat(KeyIndex.lookup(keys, MemberDocuments.DAILY_BRANCH_INDEX, List.of("a"))).as("kept then")
                .contains(Set.of());
    }

    @Test
    @DisplayName("values are looked up by how they begin: every value of the index that starts with a prefix, and no other")
    void lookupStartingWith() {
        ViewCollections views = views();
        new Branches().apply(List.of(move("m-1", 0, "a|2026-10"), move("m-2", 0, "a|2026-11"),
                move("m-3", 0, "ab|2026-11"), move("m-4", 0, "b|2026-11"), move("m-5", 0, "a.b|x")), views);
        MongoCollection<Document> keys = views.get(KeyIndex.COLLECTION);
        assertThat(KeyIndex.lookupStartingWith(keys, "branch", List.of("a|", "b|"))).contains(Map.of(
                "a|2026-10", Set.of("m-1"), "a|2026-11", Set.of("m-2"), "b|2026-11", Set.of("m-4")));
        assertThat(KeyIndex.lookupStartingWith(keys, "branch", List.of("a."))).as("a prefix is no pattern")
                .contains(Map.of("a.b|x", Set.of("m-5")));
        assertThat(KeyIndex.lookupStartingWith(keys, "branch", List.of(""))).get()
                .extracting(Map::size).isEqualTo(5);
        assertThat(KeyIndex.lookupStartingWith(keys, "other", List.of(""))).as("not named by the mark").isEmpty();
    }

    @Test
    @DisplayName("a generation indexing several collections is marked complete only while every one of them is empty")
    void completeOnlyWhenEveryIndexedCollectionIsEmpty() {
        ViewCollections views = new ViewCollections(TestMongo.database(), "keyindex" + System.nanoTime() + "_" + run++, 1);
        views.get("more").insertOne(new Document("_id", "o-0").append(FoldingProjection.VERSION, 0L));
        KeyIndex.markCompleteIfEmpty(Set.of("branch"), views.get(DOCS), views.get(KeyIndex.COLLECTION), views.get("more"));
        assertThat(KeyIndex.lookup(views.get(KeyIndex.COLLECTION), "branch", List.of("a"))).isEmpty();

        views.get("more").drop();
        KeyIndex.markCompleteIfEmpty(Set.of("branch"), views.get(DOCS), views.get(KeyIndex.COLLECTION), views.get("more"));
        assertThat(KeyIndex.lookup(views.get(KeyIndex.COLLECTION), "branch", List.of("a"))).contains(Set.of());
    }

    @Test
    @DisplayName("the entry of the later version wins whatever order the writes arrive in, and repeats change nothing")
    void laterVersionWins() {
        ViewCollections views = views();
        MongoCollection<Document> keys = views.get(KeyIndex.COLLECTION);
        KeyIndex.Changes left = new KeyIndex.Changes();
        left.record("m-1", 6, Map.of("branch", Set.of("a")), Map.of("branch", Set.of("b")));
        KeyIndex.Changes joined = new KeyIndex.Changes();
        joined.record("m-1", 5, Map.of(), Map.of("branch", Set.of("a")));

        left.write(keys);
        joined.write(keys); // a node that lost its segment writes an older version afterwards
        left.write(keys);
        assertThat(members(views, "a")).isEmpty();
        assertThat(members(views, "b")).containsExactly("m-1");
    }

    @Test
    @DisplayName("a view's documents and its key index agree after batches of any size, repeats included")
    void agreesWithTheDocuments() {
        ViewCollections views = views();
        Branches view = new Branches();
        List<Envelope> events = new ArrayList<>();
        for (int member = 0; member < 40; member++) {
            for (int sequence = 0; sequence < 1 + member % 4; sequence++) {
                events.add(move("m-" + member, sequence, "b" + ((member + sequence) % 5)));
            }
        }
        for (int from = 0; from < events.size(); from += 7) {
            view.apply(events.subList(from, Math.min(events.size(), from + 7)), views);
        }
        view.apply(events, views);
        for (int branch = 0; branch < 5; branch++) {
            List<String> holding = new ArrayList<>();
            views.get(DOCS).find(new Document("branch", "b" + branch)).forEach(d -> holding.add(d.getString("_id")));
            assertThat(members(views, "b" + branch)).containsExactlyInAnyOrderElementsOf(holding);
        }
    }
}

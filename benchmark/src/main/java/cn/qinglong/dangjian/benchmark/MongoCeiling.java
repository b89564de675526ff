package cn.qinglong.dangjian.benchmark;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The MongoDB side: raw bulk inserts of documents shaped like the member views (the largest documents the
 * projections write) into a scratch database of the same server the query side uses, and the document count
 * of the views a rebuild produced.
 */
final class MongoCeiling implements AutoCloseable {

    private final MongoClient client;

    MongoCeiling(String uri) {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build());
    }

    /** Documents per second for {@code documents} inserted in unordered batches of {@code batch}. */
    LoadResult bulkInserts(String database, int documents, int batch, Duration maxTime) {
        MongoDatabase scratch = client.getDatabase(database);
        MongoCollection<Document> collection = scratch.getCollection("members");
        collection.createIndex(new Document("branchId", 1));
        collection.createIndex(new Document("status", 1));
        long[] samples = new long[documents / batch + 1];
        int batches = 0;
        long written = 0;
        long started = System.nanoTime();
        long deadline = started + maxTime.toNanos();
        try {
            while (written < documents && System.nanoTime() < deadline) {
                int n = (int) Math.min(batch, documents - written);
                List<Document> docs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    docs.add(memberShaped(written + i));
                }
                long t0 = System.nanoTime();
                collection.insertMany(docs, new InsertManyOptions().ordered(false));
                samples[batches++] = System.nanoTime() - t0;
                written += n;
            }
        } finally {
            scratch.drop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return LoadResult.of(1, written, 0, seconds, Latencies.of(samples, batches), null);
    }

    /** Documents in the collections of one generation of one projection: {@code view_<name>_<logical>_g<n>}. */
    long viewDocuments(String database, String projection, int generation) {
        MongoDatabase db = client.getDatabase(database);
        String prefix = "view_" + projection + "_";
        String suffix = "_g" + generation;
        long total = 0;
        for (String name : db.listCollectionNames()) {
            if (name.startsWith(prefix) && name.endsWith(suffix)) {
                total += db.getCollection(name).countDocuments();
            }
        }
        return total;
    }

    static Document memberShaped(long n) {
        String id = String.format("m-raw-%07d", n);
        return new Document("_id", id).append("_v", 9L).append("memberId", id).append("name", "王建国")
                .append("gender", "M").append("birthDate", "1951-03-01").append("joinedPartyOn", "1975-07-01")
                .append("branchId", "ql-v" + (n % 5 + 1) + "-b1").append("dailyBranchId", "ql-v" + (n % 5 + 1) + "-b1")
                .append("dualManaged", false)
                .append("residence", new Document("status", "ORIGINAL").append("communityId", "ql-v" + (n % 5 + 1)))
                .append("studyMode", "HOME_DELIVERY").append("categories", List.of("RETIRED"))
                .append("needs", List.of("ELDERLY"))
                .append("contactCard", new Document("whereabouts", "青龙苑北区12幢").append("phone", "13900000000")
                        .append("housing", "租住").append("ideology", "稳定").append("employment", "退休")
                        .append("family", "与子女同住").append("verifiedOn", "2026-03-01"))
                .append("lastVisitOn", "2026-09-01").append("lastAttendanceOn", "2026-10-15")
                .append("duesPaidThrough", "2026-09").append("householdsLinked", 0).append("vanguardActivities", 0)
                .append("lastRating", "QUALIFIED").append("status", "ACTIVE").append("version", 9L)
                .append("dailyHistory", List.of(new Document("from", "2023-01-01").append("branchId", "ql-v1-b1")))
                .append("attended", List.of(new Document("studyDayId", "sd-ql-v1-b1-2026-08").append("mode", "NEARBY")
                        .append("on", "2026-08-15")))
                .append("excused", List.of());
    }

    @Override
    public void close() {
        client.close();
    }
}

package cn.qinglong.dangjian.benchmark;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * mongo-java-server with its memory backend as a process of its own, for the benchmark's read models: the query
 * side then reaches it through {@code MONGODB_URI} as it would a real MongoDB, and its heap holds only the service.
 * Usage: {@code java -cp benchmark.jar -Dloader.main=cn.qinglong.dangjian.benchmark.StandInMongo
 * org.springframework.boot.loader.launch.PropertiesLauncher PORT}.
 */
public final class StandInMongo {

    private StandInMongo() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("mongo-java-server (memory backend) listening on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}

package cn.qinglong.dangjian.eventstore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A fresh, empty event store database for one test context: an H2 file in a temporary folder by default, or a new
 * database on the machine's PostgreSQL when the suite runs with {@code -Deventstore=postgres} (or
 * {@code EVENTSTORE_TEST=postgres}). PostgreSQL databases are dropped when the JVM exits.
 */
public final class TestEventStoreDatabase {

    private static final String BACKEND = System.getProperty("eventstore",
            System.getenv().getOrDefault("EVENTSTORE_TEST", "h2"));
    private static final String PG_SERVER = System.getenv().getOrDefault("TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/");
    private static final String PG_USER = System.getenv().getOrDefault("TEST_POSTGRES_USER", "postgres");
    private static final String PG_PASSWORD = System.getenv().getOrDefault("TEST_POSTGRES_PASSWORD", "");

    private final String url;
    private final String user;
    private final String password;
    /** Every service started on this database must use the same master key. */
    private final String masterKey = newMasterKey();
    /** The checkpoint signing key of services on this database: generated there on first use, outside the store. */
    private final Path checkpointKeyFile = newCheckpointKeyFile();

    private TestEventStoreDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(BACKEND);
    }

    public static TestEventStoreDatabase create() {
        if (postgres()) {
            String name = "dangjian_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            adminExecute("CREATE DATABASE " + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropOnceUnused(name)));
            return new TestEventStoreDatabase(PG_SERVER + name, PG_USER, PG_PASSWORD);
        }
        try {
            Path folder = Files.createTempDirectory("eventstore-test");
            folder.toFile().deleteOnExit();
            // AUTO_COMPACT_FILL_RATE=0: H2 2.4.240's background compaction, shared through AUTO_SERVER, now and then
            // fails its own assertion (enabled in tests) in shrinkStoreIfPossible and closes the database mid-suite
            // (h2database issue 4048); a test database lives minutes, so it never needs compacting
            return new TestEventStoreDatabase("jdbc:h2:file:" + folder.resolve("events")
                    + ";MODE=PostgreSQL;AUTO_SERVER=TRUE;AUTO_COMPACT_FILL_RATE=0", "sa", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops the database once this JVM's services have closed their connections, or after 20 s: shutdown hooks run
     * at once, and a database dropped under a Spring context that is still closing leaves its processors waiting
     * for a connection until the test JVM is killed.
     */
    private static void dropOnceUnused(String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (connections(name) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        adminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static int connections(String name) {
        try (Connection connection = DriverManager.getConnection(PG_SERVER + "postgres", PG_USER, PG_PASSWORD);
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            count.setString(1, name);
            try (ResultSet result = count.executeQuery()) {
                return result.next() ? result.getInt(1) : 0;
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    private static void adminExecute(String sql) {
        try (Connection connection = DriverManager.getConnection(PG_SERVER + "postgres", PG_USER, PG_PASSWORD)) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_SERVER + " refused: " + sql, e);
        }
    }

    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The Spring properties that point a service at this database. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("eventstore.master-key", masterKey);
        properties.put("checkpoints.signing-key-file", checkpointKeyFile.toString());
        return properties;
    }

    public String masterKey() {
        return masterKey;
    }

    private static Path newCheckpointKeyFile() {
        try {
            Path folder = Files.createTempDirectory("checkpoint-key");
            folder.toFile().deleteOnExit();
            folder.resolve("checkpoint.key").toFile().deleteOnExit();
            return folder.resolve("checkpoint.key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path checkpointKeyFile() {
        return checkpointKeyFile;
    }

    private static String newMasterKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    public String backend() {
        return postgres() ? "postgres" : "h2";
    }
}

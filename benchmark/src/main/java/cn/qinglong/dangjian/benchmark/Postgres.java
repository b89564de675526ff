package cn.qinglong.dangjian.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The PostgreSQL side of the run: a fresh database (dropped afterwards), and the raw ceilings of that same server —
 * event-shaped rows inserted in batches and one per committed transaction, and the events read back in one pass.
 */
final class Postgres {

    /** A table shaped like Axon's DomainEventEntry, with the same keys and index, so inserts cost the same. */
    private static final String RAW_TABLE = """
            CREATE TABLE bench_raw_events (
                globalIndex BIGSERIAL PRIMARY KEY, aggregateIdentifier VARCHAR(255) NOT NULL,
                sequenceNumber BIGINT NOT NULL, type VARCHAR(255), eventIdentifier VARCHAR(255) NOT NULL UNIQUE,
                metaData BYTEA, payload BYTEA NOT NULL, payloadRevision VARCHAR(255), payloadType VARCHAR(255) NOT NULL,
                timeStamp VARCHAR(255) NOT NULL, UNIQUE (aggregateIdentifier, sequenceNumber));
            CREATE INDEX bench_raw_events_ts ON bench_raw_events (timeStamp)""";
    private static final String INSERT = "INSERT INTO bench_raw_events (aggregateIdentifier, sequenceNumber, type, "
            + "eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?,?,?,?,?,?,?,?,?)";
    private static final byte[] PAYLOAD = ("{\"memberId\":\"m-b-000001\",\"studyDayId\":\"sd-ql-r3-b1-2026-10\","
            + "\"branchId\":\"ql-r3-b1\",\"mode\":\"HOME_DELIVERY\",\"attendedOn\":\"2026-10-15\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] METADATA = ("{\"actor\":\"benchmark\",\"traceId\":\"" + UUID.randomUUID()
            + "\",\"correlationId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);

    final String server;
    final String user;
    final String password;
    final String database;

    Postgres(String server, String user, String password, String database) {
        this.server = server.endsWith("/") ? server : server + "/";
        this.user = user;
        this.password = password;
        this.database = database;
    }

    String url() {
        return server + database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    void create() throws SQLException {
        admin("CREATE DATABASE " + database);
    }

    void drop() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server + "postgres", user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    String serverVersion() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW server_version")) {
            r.next();
            return r.getString(1);
        }
    }

    void createRawTable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : RAW_TABLE.split(";")) {
                s.execute(sql);
            }
        }
    }

    void dropRawTable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_raw_events");
        }
    }

    /** Rows per second inserting {@code rows} rows in JDBC batches of {@code batch}, one transaction per batch. */
    LoadResult batchedInserts(int rows, int batch, Duration maxTime) throws SQLException {
        long[] samples = new long[rows / batch + 1];
        int batches = 0;
        long written = 0;
        long started = System.nanoTime();
        long deadline = started + maxTime.toNanos();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                while (written < rows && System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    int n = (int) Math.min(batch, rows - written);
                    for (int i = 0; i < n; i++) {
                        bind(insert, "raw-batch-" + (written + i), 0);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    c.commit();
                    written += n;
                    samples[batches++] = System.nanoTime() - t0;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return LoadResult.of(1, written, 0, seconds, Latencies.of(samples, batches), null);
    }

    /** One row per committed transaction from {@code clients} connections in a closed loop. */
    LoadResult singleRowTransactions(int clients, int maxRows, Duration maxTime) throws SQLException {
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> statements = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Connection c = connect();
                c.setAutoCommit(false);
                connections.add(c);
                statements.add(c.prepareStatement(INSERT));
            }
            ThreadLocal<Integer> slot = new ThreadLocal<>();
            java.util.concurrent.atomic.AtomicInteger slots = new java.util.concurrent.atomic.AtomicInteger();
            // Unique per call: the warm-up runs at the same concurrency, and a repeated key would abort every insert.
            String prefix = "raw-tx" + clients + "-" + System.nanoTime() + "-";
            return ClosedLoop.run(clients, maxRows, maxTime, index -> {
                if (slot.get() == null) {
                    slot.set(slots.getAndIncrement());
                }
                int mine = slot.get();
                PreparedStatement insert = statements.get(mine);
                try {
                    bind(insert, prefix + index, 0);
                    insert.executeUpdate();
                    connections.get(mine).commit();
                    return null;
                } catch (SQLException e) {
                    connections.get(mine).rollback();
                    return e.getMessage();
                }
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static void bind(PreparedStatement insert, String aggregateId, long sequence) throws SQLException {
        insert.setString(1, aggregateId);
        insert.setLong(2, sequence);
        insert.setString(3, "Member");
        insert.setString(4, UUID.randomUUID().toString());
        insert.setBytes(5, METADATA);
        insert.setBytes(6, PAYLOAD);
        insert.setString(7, "1");
        insert.setString(8, "cn.qinglong.dangjian.kernel.member.MemberEvent$MemberAttendedStudyDay");
        insert.setString(9, Instant.now().toString());
    }

    /** Reads every stored event once, in global order, every column, as fast as the driver streams them. */
    LoadResult readAllEvents() throws SQLException {
        long rows = 0;
        long bytes = 0;
        long started = System.nanoTime();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(5000);
                try (ResultSet r = s.executeQuery("SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, "
                        + "eventIdentifier, timeStamp, payloadType, payloadRevision, payload, metaData "
                        + "FROM DomainEventEntry ORDER BY globalIndex")) {
                    while (r.next()) {
                        rows++;
                        bytes += r.getBytes(9).length + r.getString(3).length();
                        byte[] metadata = r.getBytes(10);
                        bytes += metadata == null ? 0 : metadata.length;
                    }
                }
            }
            c.commit();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new LoadResult(1, rows, 0, seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                bytes + " bytes");
    }

    long eventCount() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
            r.next();
            return r.getLong(1);
        }
    }
}

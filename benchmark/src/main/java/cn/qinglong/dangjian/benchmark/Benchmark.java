package cn.qinglong.dangjian.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * One benchmark run: a fresh PostgreSQL database, both services started from their executable jars as separate
 * JVMs ({@value Service#XMX}), the raw ceilings of the same stores, then commands, a rebuild of every projection,
 * queries and memory, each figure next to its ceiling. Writes {@code report.md} and {@code report.json}; exits
 * non-zero when a phase failed.
 */
public final class Benchmark {

    /** Free ports picked per run: fixed ones let a second run on the same machine measure the first run's services. */
    static final int COMMAND_PORT = freePort();
    static final int QUERY_PORT = freePort();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Options options;
    private final Report report = new Report();
    private final String runId = "bench_" + System.currentTimeMillis();
    private final Path work = Path.of(System.getProperty("java.io.tmpdir"), runId);
    /** The run's master key: the generator and both services must wrap and unwrap members' keys with the same one. */
    private final String masterKey = newMasterKey();
    private final Map<Integer, LoadResult> txCeilings = new LinkedHashMap<>();
    private final Map<String, Instant[]> windows = new LinkedHashMap<>();
    private final LocalDate today = LocalDate.now(ZONE);
    private static final int REPORT_TIMEOUT_MS = (int) Duration.ofMinutes(10).toMillis();
    private static final int FIRST_ANSWER_TIMEOUT_MS = (int) Duration.ofMinutes(2).toMillis();
    /** At most this many distinct requests of each view are asked once before it is timed. */
    private static final int FIRST_ANSWERS = 256;
    private final Subdistrict subdistrict;
    /** The events generated; the query checks read the members' facts from it. */
    private EventPlan plan;
    private Postgres pg;
    private Service command;
    private Service query;
    /**
     * The stand-in keeps every generation of every view in its heap; a rebuild briefly holds two of each (5.5 GiB
     * at 100,000 members and 120,000 events, more with a million events).
     */
    static final String STAND_IN_XMX = "-Xmx14g";
    private Service standIn;
    private int standInPort;
    private String mongoUri;
    private String mongoDatabase = "dangjian";
    private LoadResult mongoCeiling;
    private LoadResult rawRead;
    private Built firstBuild;
    private Report.Table targets;
    private boolean cleanedUp;
    /** The essential phase that failed, after which nothing else can be measured. */
    private String aborted;
    private static final Set<String> ESSENTIAL = Set.of("event store schema",
            "command side start", "generate events", "query side start");
    private EventGenerator generator;
    private final Cpu cpu = new Cpu(processes());
    /** CPU use of each process in the windows that produce a figure, with the window's operations and their unit. */
    private final Map<String, CpuWindow> cpuWindows = new LinkedHashMap<>();

    private record CpuWindow(Cpu.Usage usage, long operations, String unit) {
    }

    private Benchmark(Options options) {
        this.options = options;
        this.subdistrict = new Subdistrict(today, options.members());
    }

    private Map<String, java.util.function.LongSupplier> processes() {
        Map<String, java.util.function.LongSupplier> named = new LinkedHashMap<>();
        named.put("command-side", () -> command == null ? 0 : command.pid());
        named.put("query-side", () -> query == null ? 0 : query.pid());
        named.put("mongo stand-in", () -> standIn == null ? 0 : standIn.pid());
        named.put("benchmark client", () -> ProcessHandle.current().pid());
        return named;
    }

    private void cpuWindow(String name, Cpu.Sample from, long operations, String unit) {
        cpuWindows.put(name, new CpuWindow(Cpu.between(from, cpu.sample()), operations, unit));
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        Benchmark benchmark = new Benchmark(options);
        int failed;
        try {
            failed = benchmark.run();
        } catch (Exception e) {
            e.printStackTrace();
            failed = 1;
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private int run() throws Exception {
        header();
        targets = report.table("Targets", "target", "measured", "met");
        Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp));
        pg = new Postgres(options.pgServer(), options.pgUser(), options.pgPassword(), runId);
        try {
            pg.create();
            report.header("PostgreSQL", pg.serverVersion() + ", fresh database " + runId + " (dropped after the run)");
            phase("ceilings: PostgreSQL", this::postgresCeilings);
            try {
                phase("event store schema", () -> generator = new EventGenerator(
                        pg.url() + "?reWriteBatchedInserts=true", pg.user, pg.password, masterKey));
                phase("command side start", this::startCommandSide);
                phase("generate events", () -> generate(generator));
            } finally {
                if (generator != null) {
                    generator.close();
                }
            }
            phase("query side start", this::startQuerySide);
            phase("initial build of the views", this::initialBuild);
            phase("ceiling: MongoDB bulk inserts", this::mongoCeiling);
            phase("ceiling: raw read of the events", () -> rawRead = pg.readAllEvents());
            phase("first build against its ceiling", this::firstBuildCeiling);
            phase("commands over HTTP", "commands", this::commands);
            phase("rebuild every projection", "rebuild", this::rebuild);
            phase("queries", "queries", this::queries);
            phase("memory", this::memory);
        } finally {
            cleanUp();
        }
        cpuTables();
        profiles();
        report.header("load average at the end", Machine.loadAverage());
        report.write(options.out());
        for (Report.Phase p : report.phases()) {
            System.out.printf("%-36s %s  %s%n", p.name(), p.passed() ? "passed" : "FAILED", p.detail());
        }
        System.out.println("report: " + options.out().resolve("report.md").toAbsolutePath());
        long failed = report.failedPhases();
        System.out.printf("benchmark%s: %d passed, %d failed%n", options.smoke() ? " smoke" : "",
                report.phases().size() - failed, failed);
        return (int) failed;
    }

    private interface Step {
        void run() throws Exception;
    }

    /** A phase that throws is reported as failed with its reason; the run goes on to write the report. */
    /** A phase {@code --skip} can leave out, by its short name. */
    private void phase(String name, String shortName, Step step) {
        if (options.skip().contains(shortName)) {
            report.phase(name, true, "not run (--skip " + shortName + ")");
            return;
        }
        phase(name, step);
    }

    private void phase(String name, Step step) {
        if (aborted != null) {
            report.phase(name, false, "skipped: " + aborted + " failed");
            return;
        }
        System.out.printf("== %s (%s)%n", name, Instant.now());
        Instant from = Instant.now();
        try {
            step.run();
            windows.put(name, new Instant[] {from, Instant.now()});
            if (report.phases().stream().noneMatch(p -> p.name().equals(name))) {
                report.phase(name, true, String.format(Locale.ROOT, "%.1f s",
                        Duration.between(from, Instant.now()).toMillis() / 1000.0));
            }
        } catch (Exception e) {
            e.printStackTrace();
            report.phase(name, false, e.toString());
            if (ESSENTIAL.contains(name)) {
                aborted = name;
            }
        }
    }

    private void header() {
        report.header("date", ZonedDateTime.now(ZoneId.of("UTC")).toString())
                .header("mode", options.smoke() ? "smoke (tiny sizes: proves the phases work, the figures mean nothing)"
                        : "full")
                .header("machine", Runtime.getRuntime().availableProcessors() + " cores (nproc), "
                        + Machine.memory() + " memory, " + Machine.cpuModel())
                .header("JDK", Machine.jdk())
                .header("load average at the start", Machine.loadAverage() + " (1, 5, 15 min; the machine is shared)")
                .header("read models", options.mongoUri() != null ? "real MongoDB from MONGODB_URI"
                        : options.inProcessStandIn()
                        ? "mongo-java-server, the query side's in-process stand-in (H2 file backend, --in-process-mongo)"
                        : "mongo-java-server with its memory backend in a process of its own (" + STAND_IN_XMX
                        + "), reached through MONGODB_URI like a real MongoDB; the default of the benchmark, not of "
                        + "the service (whose embedded default is the H2 file backend)")
                .header("services", "command side on :" + COMMAND_PORT + ", query side on :" + QUERY_PORT
                        + ", separate JVMs from the executable jars, " + Service.XMX + " each")
                .header("data set", String.format(Locale.ROOT, "%,d members, %,d events: the demo subdistrict's "
                        + "organisations, study days, meetings, notices, evaluation round and suggestions, and its "
                        + "members' facts at the demo's shares", options.members(), options.events()));
    }

    private void postgresCeilings() throws Exception {
        pg.createRawTable();
        Report.Table table = report.table("Ceilings: raw PostgreSQL inserts of event-shaped rows",
                "how", "clients", "rows", "seconds", "rows/s", "p50 ms", "p99 ms");
        int batchRows = (int) Math.min(options.events(), options.smoke() ? 5_000 : 200_000);
        LoadResult batched = pg.batchedInserts(batchRows, 1000, options.levelTime().multipliedBy(2));
        Report.row(table, "batches of 1,000 rows, one transaction per batch", 1, batched.ok(), batched.seconds(),
                batched.perSecond(), batched.p50(), batched.p99());
        pg.singleRowTransactions(8, options.smoke() ? 50 : 2000, options.levelTime());
        for (int clients : options.commandClients()) {
            LoadResult tx = pg.singleRowTransactions(clients, options.levelCount(), options.levelTime());
            if (tx.ok() == 0 || tx.failed() > 0) {
                throw new IllegalStateException(clients + " clients: " + tx.failed() + " inserts failed, first: "
                        + tx.firstFailure());
            }
            txCeilings.put(clients, tx);
            Report.row(table, "one row per committed transaction", clients, tx.ok(), tx.seconds(), tx.perSecond(),
                    tx.p50(), tx.p99());
        }
        table.notes().add("Same server, same database, a table with DomainEventEntry's columns, keys and index, after "
                + "an unrecorded warm-up. p50/p99 are per batch or per transaction.");
        pg.dropRawTable();
    }

    private Map<String, String> serviceEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("EVENTSTORE_JDBC_URL", pg.url());
        env.put("EVENTSTORE_JDBC_USER", pg.user);
        env.put("EVENTSTORE_JDBC_PASSWORD", pg.password);
        env.put("EVENTSTORE_MASTER_KEY", masterKey);
        env.put("DATA_DIR", work.resolve("query-data").toAbsolutePath().toString());
        String external = externalMongo();
        if (external != null) {
            env.put("MONGODB_URI", external);
            mongoDatabase = runId;
            env.put("MONGODB_DATABASE", mongoDatabase);
        } else {
            env.put("MONGODB_URI", "");
        }
        return env;
    }

    /** The read models' server when it is not inside the query side: a real MongoDB, or the stand-in's process. */
    private String externalMongo() {
        if (options.mongoUri() != null) {
            return options.mongoUri();
        }
        return standIn == null ? null : "mongodb://127.0.0.1:" + standInPort;
    }

    private Path jfr(String service) {
        return options.jfr() ? options.out().resolve(service + ".jfr").toAbsolutePath() : null;
    }

    private void startCommandSide() throws Exception {
        Files.createDirectories(options.out());
        Path jar = copyJar("command-side", Files.createDirectories(work.resolve("bin")));
        command = Service.start("command-side", jar, COMMAND_PORT, serviceEnvironment(), options.out(),
                jfr("command-side"));
        command.awaitHealthy(Duration.ofMinutes(3));
    }

    /**
     * Started once the events are in, so generating them does not compete with projecting them, and the
     * first build of every view from the whole store can be timed on its own.
     */
    private void startQuerySide() throws Exception {
        if (options.mongoUri() == null && !options.inProcessStandIn()) {
            Path own = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
            Path copy = Files.copy(own, Files.createDirectories(work.resolve("bin")).resolve("benchmark.jar"),
                    StandardCopyOption.REPLACE_EXISTING);
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                standInPort = free.getLocalPort();
            }
            standIn = Service.standInMongo(copy, standInPort, STAND_IN_XMX, options.out());
            standIn.awaitListening(Duration.ofMinutes(1));
        }
        Path jar = copyJar("query-side", Files.createDirectories(work.resolve("bin")));
        query = Service.start("query-side", jar, QUERY_PORT, serviceEnvironment(), options.out(), jfr("query-side"));
        query.awaitHealthy(Duration.ofMinutes(3));
        if (externalMongo() != null) {
            mongoUri = externalMongo();
        } else {
            List<Integer> ports = new ArrayList<>(query.listeningPorts());
            ports.remove(Integer.valueOf(QUERY_PORT));
            if (ports.size() != 1) {
                throw new IllegalStateException("cannot tell the in-process MongoDB's port among " + ports);
            }
            mongoUri = "mongodb://127.0.0.1:" + ports.get(0);
        }
        report.header("MongoDB endpoint", options.mongoUri() != null ? "MONGODB_URI (database " + mongoDatabase + ")"
                : standIn != null ? mongoUri + " (the stand-in's process, database " + mongoDatabase + ")"
                : mongoUri + " (found on the query side's process)");
    }

    private Path copyJar(String module, Path bin) throws IOException {
        Path target = options.jars().resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(p -> p.getFileName().toString().matches(module + "-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar in " + target
                            + "; build with ./mvnw -q -pl benchmark -am package -DskipTests"));
            // A copy, so rebuilding target/ during the run cannot pull the jar from under a running service.
            return Files.copy(jar, bin.resolve(module + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void mongoCeiling() {
        Report.Table table = report.table("Ceiling: raw MongoDB bulk inserts of view-shaped documents",
                "how", "documents", "seconds", "documents/s", "p50 ms per batch", "p99 ms per batch");
        int documents = options.smoke() ? 2_000 : 200_000;
        try (MongoCeiling mongo = new MongoCeiling(mongoUri)) {
            mongoCeiling = mongo.bulkInserts(runId + "_raw", documents, 500, options.levelTime().multipliedBy(3));
        }
        Report.row(table, "insertMany, unordered, batches of 500 member-shaped documents (2 indexes)",
                mongoCeiling.ok(), mongoCeiling.seconds(), mongoCeiling.perSecond(), mongoCeiling.p50(),
                mongoCeiling.p99());
        table.notes().add("The same server the query side writes to, a scratch database dropped afterwards.");
    }

    private void generate(EventGenerator generator) throws Exception {
        plan = new EventPlan(subdistrict, options.events());
        long started = System.nanoTime();
        long written = generator.generate(plan, 2);
        double seconds = (System.nanoTime() - started) / 1e9;
        long stored = pg.eventCount();
        if (stored != options.events()) {
            throw new IllegalStateException("expected " + options.events() + " events in the store, found " + stored);
        }
        Report.Table table = report.table("Events generated, by stream and event", "stream", "event", "events",
                "share %");
        for (EventPlan.Count count : plan.mix()) {
            Report.row(table, count.stream(), count.event(), count.events(), 100.0 * count.events() / written);
        }
        Report.row(table, "all", "", written, 100.0);
        table.notes().add(String.format(Locale.ROOT, "%,d members%s. The shares are the demo loader's: study days "
                + "of months %d to 2 back, dues owed under a standard from %s, a year of meetings held, the demo's four "
                + "notices, its round of 民主评议 in %s and its suggestions per member. The members' attendance at the "
                + "meetings is kept newest first as far back as the %,d events allow: from %s on.", options.members(),
                plan.shortenedMembers() == 0 ? "" : String.format(Locale.ROOT, "; the last %,d lost their last "
                        + "events (all their meeting attendance too) to hit the total", plan.shortenedMembers()),
                Subdistrict.STUDY_MONTHS, YearMonth.from(today).minusMonths(Subdistrict.DUES_MONTHS),
                Subdistrict.ROUND_COMMUNITY, options.events(), plan.attendedFrom()));
        report.phase("generate events", true, String.format(Locale.ROOT,
                "%,d events appended in %.1f s (%,.0f/s) through Axon's JdbcEventStorageEngine", written, seconds,
                written / seconds));
    }

    /** The query side's first build of every view from the whole store, from health to no lag. */
    private void initialBuild() throws Exception {
        Http http = new Http(query.base());
        long from = Long.MAX_VALUE;
        long head = 0;
        for (JsonNode status : http.get("/api/admin/projections").json()) {
            from = Math.min(from, Math.max(0, status.path("position").asLong()));
            head = Math.max(head, status.path("head").asLong());
        }
        long started = System.nanoTime();
        Instant at = Instant.now();
        Cpu.Sample cpuFrom = cpu.sample();
        awaitLag(http, options.rebuildTime());
        cpuWindow("initial build of the views", cpuFrom, head - from, "event");
        double seconds = (System.nanoTime() - started) / 1e9;
        windows.put("initial build", new Instant[] {at, Instant.now()});
        long documents = 0;
        try (MongoCeiling mongo = new MongoCeiling(mongoUri)) {
            for (JsonNode status : http.get("/api/admin/projections").json()) {
                documents += mongo.viewDocuments(mongoDatabase, status.path("name").asString(),
                        status.path("generation").asInt());
            }
        }
        firstBuild = new Built(head - from, seconds, documents);
        report.phase("initial build of the views", true, String.format(Locale.ROOT,
                "every projection from position %,d to %,d in %.1f s after the service was up (%,.0f events/s), "
                        + "%,d documents", from, head, seconds, (head - from) / seconds, documents));
    }

    /** What a build of every view did: the events it folded, in how long, into how many documents. */
    private record Built(long events, double seconds, long documents) {
        double rate() {
            return events / seconds;
        }
    }

    /**
     * The first build against the ceilings measured after it (the raw read of its events, the raw bulk write of
     * the documents it wrote), with the same targets as a rebuild's: it is the same stream-order pass.
     */
    private void firstBuildCeiling() {
        againstCeiling("First build against its ceiling", "the first build (every projection, from health to no lag)",
                "first build", firstBuild);
    }

    /** A table of a build against the slower of its two ceilings, and its two targets. */
    private void againstCeiling(String title, String row, String target, Built built) {
        double readSeconds = rawRead.seconds() * built.events() / Math.max(1, rawRead.ok());
        double writeSeconds = built.documents() / mongoCeiling.perSecond();
        double ceilingSeconds = Math.max(readSeconds, writeSeconds);
        double ceilingRate = built.events() / ceilingSeconds;
        double rate = built.rate();
        Report.Table ceiling = report.table(title, "figure", "seconds", "events/s", "ratio of the build to it");
        Report.row(ceiling, String.format(Locale.ROOT, "raw read of the %,d events (one pass, every column)",
                built.events()), readSeconds, built.events() / readSeconds, rate / (built.events() / readSeconds));
        Report.row(ceiling, String.format(Locale.ROOT, "raw bulk write of the %,d resulting documents",
                built.documents()), writeSeconds, built.events() / writeSeconds,
                rate / (built.events() / writeSeconds));
        Report.row(ceiling, "ceiling: the slower of the two", ceilingSeconds, ceilingRate, rate / ceilingRate);
        Report.row(ceiling, row, built.seconds(), rate, 1.0);
        ceiling.notes().add("One stream-order pass reads the events once for every projection it builds and inserts"
                + " each finished document once; each projection's processor then reads what was appended since the"
                + " pass began. The documents include the views' key indexes.");
        target(target + " ≥ 25,000 events/s", String.format(Locale.ROOT, "%,.0f/s", rate), rate >= 25_000);
        target(target + " ≥ 50% of its ceiling", String.format(Locale.ROOT, "%.0f%%", 100 * rate / ceilingRate),
                rate / ceilingRate >= 0.5);
    }

    private void commands() throws Exception {
        Report.Table table = report.table("Commands over HTTP (attendance, care visits, dues; closed loop)",
                "clients", "commands", "failed", "seconds", "commands/s", "p50 ms", "p95 ms", "p99 ms",
                "ceiling rows/s (1 row/tx, same clients)", "ratio to ceiling");
        Http http = new Http(command.base());
        AtomicIntegerArray duesPaid = new AtomicIntegerArray(options.members());
        int[] offset = {0};
        String attendedOn = subdistrict.studyDate(1).toString();
        boolean failed = false;
        // Warm-up, not recorded: the first requests pay for class loading and JIT compilation in both JVMs.
        LoadResult warmUp = ClosedLoop.run(8, options.smoke() ? 30 : 3000, options.levelTime(),
                commandOperation(http, duesPaid, 0, attendedOn));
        offset[0] += (int) (warmUp.ok() + warmUp.failed()) / 3 + 1;
        for (int clients : options.commandClients()) {
            Instant from = Instant.now();
            Cpu.Sample cpuFrom = cpu.sample();
            LoadResult result = ClosedLoop.run(clients, options.levelCount(), options.levelTime(),
                    commandOperation(http, duesPaid, offset[0], attendedOn));
            windows.put("commands " + clients, new Instant[] {from, Instant.now()});
            cpuWindow("commands, " + clients + (clients == 1 ? " client" : " clients"), cpuFrom,
                    result.ok() + result.failed(), "command");
            offset[0] += (int) (result.ok() + result.failed()) / 3 + 1;
            LoadResult ceiling = txCeilings.get(clients);
            double ceilingRate = ceiling == null ? Double.NaN : ceiling.perSecond();
            Report.row(table, clients, result.ok(), result.failed(), result.seconds(), result.perSecond(),
                    result.p50(), result.p95(), result.p99(), ceilingRate, result.perSecond() / ceilingRate);
            System.out.printf("   %d clients: %.0f commands/s, p99 %.1f ms, %d failed%s%n", clients, result.perSecond(),
                    result.p99(), result.failed(), result.firstFailure() == null ? "" : " (" + result.firstFailure() + ")");
            if (result.ok() == 0 || result.failed() > Math.max(1, (result.ok() + result.failed()) / 100)) {
                failed = true;
                table.notes().add(clients + " clients, first failure: " + result.firstFailure());
            }
            if (clients == 32) {
                target("commands at 32 clients ≥ 3,000/s", String.format(Locale.ROOT, "%,.0f/s", result.perSecond()),
                        result.perSecond() >= 3000);
                target("command p99 at 32 clients ≤ 50 ms", String.format(Locale.ROOT, "%.1f ms", result.p99()),
                        result.p99() <= 50);
                target("commands ≥ 50% of the 1-row-per-transaction ceiling at 32 clients",
                        String.format(Locale.ROOT, "%.0f%%", 100 * result.perSecond() / ceilingRate),
                        result.perSecond() / ceilingRate >= 0.5);
            }
        }
        table.notes().add("Each command is one HTTP request (blocking HttpURLConnection, HTTP/1.1 keep-alive) "
                + "answered after its event is committed. The ceiling is the raw one-row-per-transaction insert rate "
                + "at the same number of clients, measured in this run.");
        if (failed) {
            throw new IllegalStateException("commands failed; see the table notes");
        }
    }

    /**
     * Attendance at last month's study day, a care visit and a dues payment for one member, then the next member;
     * each dues payment is for a period that member has not paid yet (this month, then the months ahead: paid in
     * advance, so the arrears and last month's collection stay as generated), so none is refused.
     */
    private ClosedLoop.Operation commandOperation(Http http, AtomicIntegerArray duesPaid, int base, String attendedOn) {
        return index -> {
            int n = Math.floorMod(base + index / 3, options.members());
            Subdistrict.Member m = subdistrict.member(n);
            String path = "/api/members/" + m.id().value();
            Http.Answer answer = switch (index % 3) {
                case 0 -> http.post(path + "/attendance", "{\"studyDayId\":\""
                        + subdistrict.studyDayId(m.branch(), 1).value() + "\",\"mode\":\"" + m.mode()
                        + "\",\"attendedOn\":\"" + attendedOn + "\"}");
                case 1 -> http.post(path + "/care-visits", "{\"helperName\":\"楼栋党小组长\",\"kind\":\"CARE_VISIT\","
                        + "\"visitedOn\":\"" + today + "\",\"notes\":\"benchmark\"}");
                default -> http.post(path + "/dues", "{\"period\":\""
                        + YearMonth.from(today).plusMonths(duesPaid.getAndIncrement(n)) + "\",\"amountFen\":200,"
                        + "\"paidOn\":\"" + today + "\"}");
            };
            return answer.failure();
        };
    }

    private void rebuild() throws Exception {
        Http http = new Http(query.base());
        Map<String, Integer> before = new LinkedHashMap<>();
        long head = -1;
        for (JsonNode status : http.get("/api/admin/projections").json()) {
            String name = status.path("name").asString();
            if (options.rebuild().isEmpty() || options.rebuild().contains(name)) {
                before.put(name, status.path("generation").asInt());
            }
            head = Math.max(head, status.path("head").asLong());
        }
        // Commands appended more events; let the live views catch up first so only the rebuild is measured.
        awaitLag(http, Duration.ofMinutes(2));
        Instant from = Instant.now();
        Cpu.Sample cpuFrom = cpu.sample();
        // all at once, so that one stream-order pass builds every view; --rebuild names some, each rebuilt alone
        for (String path : options.rebuild().isEmpty() ? List.of("/api/admin/projections/rebuild")
                : before.keySet().stream().map(name -> "/api/admin/projections/" + name + "/rebuild").toList()) {
            Http.Answer answer = http.post(path, "");
            if (answer.status() != 202) {
                throw new IllegalStateException("rebuild " + path + ": " + answer.failure());
            }
        }
        long deadline = System.nanoTime() + options.rebuildTime().toNanos();
        Map<String, JsonNode> done = new LinkedHashMap<>();
        while (done.size() < before.size() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            for (JsonNode status : http.get("/api/admin/projections").json()) {
                String name = status.path("name").asString();
                JsonNode last = status.path("lastRebuild");
                if (!last.isMissingNode() && !last.isNull() && last.path("generation").asInt() > before.get(name)
                        && (status.path("rebuild").isMissingNode() || status.path("rebuild").isNull())) {
                    done.put(name, status);
                }
            }
        }
        Instant to = Instant.now();
        windows.put("rebuild", new Instant[] {from, to});
        Cpu.Sample cpuTo = cpu.sample();
        if (done.size() < before.size()) {
            throw new IllegalStateException("only " + done.keySet() + " of " + before.keySet() + " rebuilt within "
                    + options.rebuildTime());
        }
        Instant firstStart = Instant.MAX;
        Instant lastSwap = Instant.MIN;
        Report.Table table = report.table(options.rebuild().isEmpty()
                        ? "Rebuild of every projection from the first event (all at once, blue/green)"
                        : "Rebuild of " + String.join(", ", before.keySet()) + " from the first event (blue/green)",
                "projection", "generation", "events", "seconds", "events/s", "documents written");
        long documents = 0;
        long events = 0;
        try (MongoCeiling mongo = new MongoCeiling(mongoUri)) {
            for (var entry : done.entrySet()) {
                JsonNode last = entry.getValue().path("lastRebuild");
                Instant started = Instant.parse(last.path("startedAt").asString());
                Instant swapped = Instant.parse(last.path("swappedAt").asString());
                firstStart = started.isBefore(firstStart) ? started : firstStart;
                lastSwap = swapped.isAfter(lastSwap) ? swapped : lastSwap;
                long docs = mongo.viewDocuments(mongoDatabase, entry.getKey(), last.path("generation").asInt());
                documents += docs;
                events = Math.max(events, last.path("events").asLong());
                Report.row(table, entry.getKey(), last.path("generation").asInt(), last.path("events").asLong(),
                        last.path("seconds").asDouble(), last.path("eventsPerSecond").asDouble(), docs);
            }
        }
        double seconds = Duration.between(firstStart, lastSwap).toMillis() / 1000.0;
        double rate = events / seconds;
        cpuWindows.put("rebuild (polled to done)", new CpuWindow(Cpu.between(cpuFrom, cpuTo), events, "event"));
        Report.row(table, "all, wall clock", "", events, seconds, rate, documents);
        againstCeiling("Rebuild against its ceiling", "the rebuild (" + done.size() + " projections, wall clock)",
                "rebuild", new Built(events, seconds, documents));
        report.phase("rebuild every projection", true, String.format(Locale.ROOT,
                "%d projections, %,d events in %.1f s (%,.0f events/s)", done.size(), events, seconds, rate));
    }

    private void awaitLag(Http http, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long lag = 0;
            for (JsonNode status : http.get("/api/admin/projections").json()) {
                lag = Math.max(lag, status.path("lag").asLong());
            }
            if (lag == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the views did not catch up within " + timeout);
    }

    private void queries() throws Exception {
        Http http = new Http(query.base());
        awaitLag(http, Duration.ofMinutes(2));
        // the checks ask for the annual report too, which reads the counted events of the store when not kept
        ViewChecks checks = new ViewChecks(subdistrict, plan, new Http(query.base(), REPORT_TIMEOUT_MS));
        Report.Table checked = report.table("Answers checked against the generated facts before timing", "check");
        checks.run().forEach(line -> Report.row(checked, line));
        List<Subdistrict.Branch> branches = subdistrict.branches;
        String[] communities = branches.stream().map(Subdistrict.Branch::communityId).distinct().toArray(String[]::new);
        String[] resettlement = branches.stream().filter(b -> b.communityId().startsWith("ql-r"))
                .map(Subdistrict.Branch::communityId).distinct().toArray(String[]::new);
        Map<String, IntFunction<String>> views = new LinkedHashMap<>();
        views.put("GET /members/{id}", i -> "/api/members/" + subdistrict.member(spread(i, options.members())).id().value());
        views.put("GET /members?branchId (roster, page of 50)", i -> "/api/members?branchId="
                + branches.get(spread(i, branches.size())).id() + "&minAge=60&size=50");
        views.put("GET /organizations/tree", i -> "/api/organizations/tree");
        views.put("GET /study-days/{id}/attendance", i -> "/api/study-days/"
                + subdistrict.studyDayId(branches.get(spread(i, branches.size())), 2 + i % 3).value() + "/attendance");
        views.put("GET /attendance/rates?branchId&by=month", i -> "/api/attendance/rates?by=month&branchId="
                + branches.get(spread(i, branches.size())).id());
        views.put("GET /dual-management?communityId", i -> "/api/dual-management?communityId="
                + resettlement[spread(i, resettlement.length)]);
        views.put("GET /transition", i -> "/api/transition");
        views.put("GET /care/overdue?days=90", i -> "/api/care/overdue?days=90");
        views.put("GET /dashboard/difficulties?organizationId", i -> "/api/dashboard/difficulties?organizationId="
                + communities[spread(i, communities.length)]);
        views.put("GET /suggestions?organizationId", i -> "/api/suggestions?organizationId="
                + communities[spread(i, communities.length)]);
        views.put("GET /suggestions/summary", i -> "/api/suggestions/summary");
        views.put("GET /organizational-life/compliance?organizationId", i -> "/api/organizational-life/compliance"
                + "?organizationId=" + communities[spread(i, communities.length)]);
        views.put("GET /points?organizationId (积分 ranking)", i -> "/api/points?organizationId="
                + communities[spread(i, communities.length)]);
        views.put("GET /members/{id}/points", i -> "/api/members/"
                + subdistrict.member(spread(i, options.members())).id().value() + "/points");
        views.put("GET /organizations/tree?by=residence", i -> "/api/organizations/tree?by=residence");
        views.put("GET /study-days?branchId", i -> "/api/study-days?branchId="
                + branches.get(spread(i, branches.size())).id());
        views.put("GET /members/{id}/attendance", i -> "/api/members/"
                + subdistrict.member(spread(i, options.members())).id().value() + "/attendance");
        views.put("GET /attendance/left-behind?organizationId&min=2", i -> "/api/attendance/left-behind?organizationId="
                + communities[spread(i, communities.length)] + "&min=2&" + checks.studyWindow());
        views.put("GET /dues/arrears?organizationId", i -> "/api/dues/arrears?organizationId="
                + communities[spread(i, communities.length)]);
        views.put("GET /dues/collection?organizationId&period", i -> "/api/dues/collection?organizationId="
                + communities[spread(i, communities.length)] + "&period=" + YearMonth.from(today).minusMonths(1));
        String[] noticeOrganizations = Stream.concat(Stream.of(Subdistrict.COMMITTEE),
                subdistrict.notices.stream().map(n -> n.issued().organizationId().value())).distinct()
                .toArray(String[]::new);
        views.put("GET /notices?organizationId", i -> "/api/notices?organizationId="
                + noticeOrganizations[spread(i, noticeOrganizations.length)]);
        views.put("GET /notices/{id}/reach", i -> "/api/notices/"
                + subdistrict.notices.get(spread(i, subdistrict.notices.size())).issued().noticeId().value() + "/reach");
        views.put("GET /meetings?organizationId", i -> "/api/meetings?organizationId="
                + communities[spread(i, communities.length)]);
        List<String> attended = subdistrict.meetings.stream()
                .filter(m -> !m.heldOn().isBefore(plan.attendedFrom())).map(m -> m.meetingId().value()).toList();
        views.put("GET /meetings/{id}", i -> "/api/meetings/" + attended.get(spread(i, attended.size())));
        views.put("GET /organizational-life/summary", i -> "/api/organizational-life/summary");
        views.put("GET /evaluation-rounds?organizationId", i -> "/api/evaluation-rounds?organizationId="
                + subdistrict.round.organizationId().value());
        views.put("GET /evaluation-rounds/{id}/results", i -> "/api/evaluation-rounds/"
                + subdistrict.round.roundId().value() + "/results");
        Report.Table table = report.table(String.format(Locale.ROOT,
                "Queries: %d concurrent clients on %,d members", options.queryClients(), options.members()),
                "view", "requests", "failed", "requests/s", "p50 ms", "p99 ms", "max ms", "p99 ≤ 20 ms");
        if (!options.views().isEmpty()) {
            views.keySet().removeIf(key -> options.views().stream().noneMatch(key::contains));
        }
        Report.Table first = report.table(String.format(Locale.ROOT, "First answers: before each view's timed "
                + "window, every distinct request it will make (up to %d) asked once, %d at a time",
                FIRST_ANSWERS, options.queryClients()), "view", "distinct requests", "answered", "failed", "p50 ms",
                "max ms");
        first.notes().add("A view's answers computed over many documents are kept until the view changes (docs/queries.md, "
                + "\"Kept answers\"): these are the requests that compute them, each the first of its kind since the "
                + "view was built, with the view's other first requests in flight; the timed window then measures the "
                + "view as it answers between two changes.");
        boolean failed = false;
        double worst = 0;
        String worstView = "";
        // a first answer may take longer than a timed request may: cut off, it would still be computing in the window
        Http patient = new Http(query.base(), FIRST_ANSWER_TIMEOUT_MS);
        for (var view : views.entrySet()) {
            List<String> paths = firstPaths(view.getValue());
            LoadResult cold = ClosedLoop.run(options.queryClients(), paths.size(), Duration.ofMinutes(3),
                    i -> patient.failureOf(paths.get(i)));
            Report.row(first, view.getKey(), paths.size(), cold.ok(), cold.failed(), cold.p50(), cold.max());
            System.out.printf("   %-45s first answers: %d, p50 %.1f ms  max %.1f ms%n", view.getKey(), paths.size(),
                    cold.p50(), cold.max());
            // a service runs for days: the window measures it once the JIT has compiled this view's path
            ClosedLoop.run(options.queryClients(), options.queryCount() / 2, options.queryTime().dividedBy(2),
                    i -> http.failureOf(view.getValue().apply(i)));
            Instant from = Instant.now();
            Cpu.Sample cpuFrom = cpu.sample();
            LoadResult r = ClosedLoop.run(options.queryClients(), options.queryCount(), options.queryTime(),
                    i -> http.failureOf(view.getValue().apply(i)));
            windows.put("query " + view.getKey(), new Instant[] {from, Instant.now()});
            cpuWindow(view.getKey(), cpuFrom, r.ok() + r.failed(), "request");
            Report.row(table, view.getKey(), r.ok() + r.failed(), r.failed(), r.perSecond(), r.p50(), r.p99(),
                    r.max(), r.p99() <= 20 ? "yes" : "no");
            System.out.printf("   %-45s p50 %.1f ms  p99 %.1f ms  %d failed%s%n", view.getKey(), r.p50(), r.p99(),
                    r.failed(), r.firstFailure() == null ? "" : " (" + r.firstFailure() + ")");
            if (r.ok() == 0 || r.failed() > 0) {
                failed = true;
                table.notes().add(view.getKey() + ", first failure: " + r.firstFailure());
            }
            if (r.p99() > worst) {
                worst = r.p99();
                worstView = view.getKey();
            }
        }
        table.notes().add("Each view after its first answers (the table below) and an untimed warm-up of the same "
                + "requests (half as many, or half the time); each level bounded to " + options.queryCount()
                + " requests or " + options.queryTime().toSeconds() + " s.");
        target(String.format(Locale.ROOT, "query p99 ≤ 20 ms for every view (target stated at 100,000 members; "
                + "measured at %,d)", options.members()), String.format(Locale.ROOT,
                "worst %.1f ms (%s)", worst, worstView), worst <= 20);
        if (options.views().isEmpty() || options.views().stream().anyMatch("/reports/annual"::contains)) {
            annualReport(communities);
        }
        if (failed) {
            throw new IllegalStateException("queries failed; see the table notes");
        }
    }

    /**
     * The annual report is computed from the event store, not a view: a report a committee asks for once a year, so
     * it is timed one request at a time apart from the views: one per community, which the checks' request made a
     * kept answer once the last event is older than Axon's gap timeout, and one pinned to the position before the
     * last, which no one asked for yet, so it is computed.
     */
    private void annualReport(String[] communities) throws Exception {
        Http http = new Http(query.base(), REPORT_TIMEOUT_MS);
        int year = today.getYear() - 1;
        IntFunction<String> path = i -> "/api/reports/annual?organizationId="
                + communities[i % communities.length] + "&year=" + year;
        Report.Table table = report.table("Annual report (党内统计年报) of " + year + ", one request at a time",
                "request", "status", "seconds");
        int requests = Math.min(communities.length, 3) + 1;
        Instant from = Instant.now();
        Cpu.Sample cpuFrom = cpu.sample();
        boolean failed = false;
        long position = -1;
        for (int i = 0; i < requests; i++) {
            boolean computed = i == 1 && position > 0;
            String asked = computed ? path.apply(0) + "&position=" + (position - 1) : path.apply(i == 0 ? 0 : i - 1);
            long start = System.nanoTime();
            Http.Answer answer = http.get(asked);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (i == 0 && answer.ok()) {
                position = answer.json().path("position").asLong(-1);
            }
            Report.row(table, (computed ? "computed (a position not asked for before) " : "") + asked,
                    answer.status(), seconds);
            System.out.printf("   annual report %s: %d in %.2f s%n", asked, answer.status(), seconds);
            failed |= !answer.ok();
        }
        windows.put("query GET /reports/annual (one at a time)", new Instant[] {from, Instant.now()});
        cpuWindow("GET /reports/annual (one at a time)", cpuFrom, requests, "request");
        if (failed) {
            throw new IllegalStateException("the annual report failed; see its table");
        }
    }

    /** Spreads request i over n targets without a shared random generator. */
    /** The distinct requests among the first of a view's timed window, in the order it makes them. */
    private List<String> firstPaths(IntFunction<String> path) {
        Set<String> paths = new LinkedHashSet<>();
        for (int i = 0; i < options.queryCount() && paths.size() < FIRST_ANSWERS; i++) {
            paths.add(path.apply(i));
        }
        return List.copyOf(paths);
    }

    private static int spread(int i, int n) {
        return Math.floorMod((int) ((i * 2654435761L) >>> 7), n);
    }

    private void memory() throws IOException {
        Report.Table table = report.table("Memory of each service during the run", "service", "-Xmx",
                "peak heap MiB (GC log)", "peak RSS MiB (VmHWM)", "RSS now MiB", "GCs", "OutOfMemoryError");
        boolean ok = true;
        for (Service service : List.of(command, query)) {
            boolean oom = Files.readString(options.out().resolve(service.name + ".log")).contains("OutOfMemoryError");
            double heap = service.peakHeapMiB();
            Report.row(table, service.name, Service.XMX.substring(4), heap, service.statusMiB("VmHWM"),
                    service.statusMiB("VmRSS"), service.gcCount(), oom ? "yes" : "no");
            ok &= !oom && !(heap > 512);
            target(service.name + " within -Xmx512m", String.format(Locale.ROOT, "peak heap %.0f MiB, peak RSS %.0f MiB",
                    heap, service.statusMiB("VmHWM")), !oom && !(heap > 512));
        }
        if (standIn != null) {
            Report.row(table, standIn.name + " (not a service: the read models' server)", STAND_IN_XMX.substring(4),
                    standIn.peakHeapMiB(), standIn.statusMiB("VmHWM"), standIn.statusMiB("VmRSS"), standIn.gcCount(),
                    Files.readString(options.out().resolve(standIn.name + ".log")).contains("OutOfMemoryError")
                            ? "yes" : "no");
        }
        table.notes().add("Peak heap: the largest occupancy the unified GC log (-Xlog:gc) shows before or after a "
                + "collection. RSS from /proc/<pid>/status; it includes metaspace, code cache, thread stacks and, "
                + "for the query side with --in-process-mongo, the in-process MongoDB's H2 page cache.");
        if (!ok) {
            throw new IllegalStateException("a service ran out of memory or exceeded its heap");
        }
    }

    private void target(String what, String measured, boolean met) {
        Report.row(targets, what, measured, met ? "yes" : "NO");
    }

    /**
     * Two tables from the same samples: how many of the machine's cores each process kept busy in each window, and
     * what that costs per operation. Together they say whether a figure is bounded by one process or by the machine.
     */
    private void cpuTables() {
        if (cpuWindows.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(cpuWindows.values().iterator().next().usage().cpuSeconds().keySet());
        List<String> columns = new ArrayList<>(List.of("window", "wall s", "operations"));
        columns.addAll(names);
        Report.Table cores = report.table(String.format(Locale.ROOT,
                "Where the %d cores went: cores kept busy, by process (CPU seconds / wall seconds, from /proc)",
                Runtime.getRuntime().availableProcessors()), columns.toArray(String[]::new));
        List<String> perOperation = new ArrayList<>(List.of("window", "operation"));
        perOperation.addAll(names.stream().filter(n -> !Cpu.IDLE.equals(n)).toList());
        perOperation.add("all processes");
        Report.Table cost = report.table("CPU milliseconds per operation, by process",
                perOperation.toArray(String[]::new));
        cpuWindows.forEach((window, measured) -> {
            Cpu.Usage usage = measured.usage();
            List<Object> row = new ArrayList<>(List.of(window, usage.wallSeconds(), measured.operations()));
            names.forEach(name -> row.add(usage.cores(name)));
            Report.row(cores, row.toArray());
            List<Object> costRow = new ArrayList<>(List.of(window, measured.unit()));
            double total = 0;
            for (String name : names) {
                if (!Cpu.IDLE.equals(name)) {
                    double ms = usage.millisPer(name, measured.operations());
                    costRow.add(ms);
                    total += ms;
                }
            }
            costRow.add(total);
            Report.row(cost, costRow.toArray());
        });
        cores.notes().add("PostgreSQL counts every postgres process, including backends that ended in the window. "
                + "\"" + Cpu.OTHER + "\" is machine busy time no named process accounts for (other users of the "
                + "machine, the kernel's own work). A row whose idle is near 0 was bounded by the machine, not by a "
                + "single process.");
        cost.notes().add("The query views' rows are per request; the rebuild's and the initial build's are per event "
                + "of the store (each event is folded by every projection).");
    }

    private void profiles() {
        if (!options.jfr()) {
            return;
        }
        Map<String, String[]> wanted = new LinkedHashMap<>();
        wanted.put("commands 32", new String[] {"command-side"});
        wanted.put("rebuild", new String[] {"query-side"});
        windows.keySet().stream().filter(k -> k.startsWith("query ")).forEach(k -> wanted.put(k, new String[] {"query-side"}));
        for (var entry : wanted.entrySet()) {
            Instant[] window = windows.get(entry.getKey());
            if (window == null) {
                continue;
            }
            for (String service : entry.getValue()) {
                Path jfr = options.out().resolve(service + ".jfr");
                if (!Files.exists(jfr)) {
                    continue;
                }
                try {
                    Profile.Summary summary = Profile.summarise(jfr, 12, window[0], window[1]);
                    Report.Table table = report.table("Profile: " + service + " during " + entry.getKey()
                            + " (" + summary.samples() + " CPU samples)", "kind", "method", "samples", "share %");
                    summary.self().forEach(e -> Report.row(table, "self", e.method(), e.samples(), e.share()));
                    summary.inclusive().forEach(e -> Report.row(table, "on stack", e.method(), e.samples(), e.share()));
                } catch (IOException | RuntimeException e) {
                    report.finding("could not read " + jfr + ": " + e);
                }
            }
        }
    }

    private synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        for (Service service : new Service[] {command, query}) {
            if (service != null) {
                if (options.jfr() && service.isAlive()) {
                    service.dumpRecording(jfr(service.name));
                }
                service.close();
            }
        }
        if (standIn != null) {
            standIn.close();
        }
        if (options.mongoUri() != null && mongoUri != null && !"dangjian".equals(mongoDatabase)) {
            try (var client = com.mongodb.client.MongoClients.create(mongoUri)) {
                client.getDatabase(mongoDatabase).drop();
            } catch (RuntimeException e) {
                System.err.println("could not drop MongoDB database " + mongoDatabase + ": " + e);
            }
        }
        if (pg != null) {
            try {
                pg.drop();
            } catch (Exception e) {
                System.err.println("could not drop database " + runId + ": " + e);
            }
        }
        deleteQuietly(work);
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}

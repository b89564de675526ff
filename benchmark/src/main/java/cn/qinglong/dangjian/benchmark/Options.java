package cn.qinglong.dangjian.benchmark;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The run's sizes and bounds. {@code --smoke} shrinks everything to seconds and a few thousand events, to prove
 * that every phase works; the defaults are the sizes.
 */
record Options(boolean smoke, int members, long events, Duration levelTime, int levelCount, Duration queryTime,
               int queryCount, Duration rebuildTime, int[] commandClients, int queryClients, boolean jfr, Path out,
               Path jars, String pgServer, String pgUser, String pgPassword, String mongoUri,
               boolean inProcessStandIn, java.util.Set<String> skip, java.util.Set<String> rebuild,
               java.util.List<String> views) {

    static Options parse(String[] args) {
        boolean smoke = false;
        boolean jfr = false;
        boolean inProcess = false;
        Integer members = null;
        Long events = null;
        Integer seconds = null;
        Path out = Path.of("target", "bench");
        Path jars = Path.of(".");
        java.util.Set<String> skip = java.util.Set.of();
        java.util.Set<String> rebuild = java.util.Set.of();
        java.util.List<String> views = java.util.List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--jfr" -> jfr = true;
                case "--in-process-mongo" -> inProcess = true;
                case "--members" -> members = Integer.parseInt(args[++i]);
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--jars" -> jars = Path.of(args[++i]);
                case "--skip" -> skip = java.util.Set.of(args[++i].split(","));
                case "--rebuild" -> rebuild = java.util.Set.of(args[++i].split(","));
                case "--views" -> views = java.util.List.of(args[++i].split(","));
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: java -jar benchmark/target/benchmark.jar [--smoke] [--members N] [--events N]
                                   [--seconds S] [--jfr] [--in-process-mongo] [--out DIR] [--jars REPO_ROOT]
                                   [--skip rebuild,queries,commands] [--rebuild points,...] [--views /notices,...]
                              --smoke     seconds, a few thousand events: proves every phase works
                              --members   members in the generated subdistrict (default 100000)
                              --events    events generated for the rebuild (default 1000000)
                              --seconds   time bound of each load level (default 20)
                              --jfr       record both services with Java Flight Recorder and summarise the samples
                              --skip      phases not to run: a blue/green rebuild holds two generations of every
                                          view in the read models' server, which at full size outgrows its 14 GB here
                              --rebuild   rebuild only these projections, each on its own (default: all at once)
                              --views     time only the views whose row contains one of these (the annual report too)
                              --in-process-mongo  read models in the query side's own stand-in (H2 file backend, its
                                          default) instead of mongo-java-server's memory backend in a process of its own
                            env: BENCH_PG_URL (jdbc:postgresql://127.0.0.1:5432/), BENCH_PG_USER (postgres),
                                 BENCH_PG_PASSWORD, MONGODB_URI (a real MongoDB instead of the in-process stand-in)""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        int m = members != null ? members : smoke ? 300 : 100_000;
        long e = events != null ? events : smoke ? 4_100 : 1_000_000;
        int s = seconds != null ? seconds : smoke ? 2 : 20;
        String mongo = System.getenv("MONGODB_URI");
        return new Options(smoke, m, e, Duration.ofSeconds(s), smoke ? 300 : 200_000,
                Duration.ofSeconds(smoke ? 1 : Math.max(5, s / 2)), smoke ? 100 : 20_000,
                Duration.ofMinutes(smoke ? 3 : 15), new int[] {1, 8, 32}, 16, jfr, out, jars,
                env("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/"), env("BENCH_PG_USER", "postgres"),
                env("BENCH_PG_PASSWORD", ""), mongo == null || mongo.isBlank() ? null : mongo, inProcess, skip, rebuild, views);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

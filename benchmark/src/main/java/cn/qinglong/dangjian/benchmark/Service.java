package cn.qinglong.dangjian.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service as a separate JVM started from its executable jar, with a fixed heap limit and a GC log, so its
 * peak heap (largest heap occupancy before a collection) and its peak RSS (VmHWM) can be reported.
 */
final class Service implements AutoCloseable {

    static final String XMX = "-Xmx512m";
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    final String name;
    final int port;
    private final Process process;
    private final Path log;
    private final Path gcLog;

    private Service(String name, int port, Process process, Path log, Path gcLog) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
    }

    static Service start(String name, Path jar, int port, Map<String, String> env, Path workDir, Path jfrFile)
            throws IOException {
        return start(name, List.of("-jar", jar.toString()), XMX, port, env, workDir, jfrFile);
    }

    /** The read models' stand-in ({@link StandInMongo}) from the benchmark's own jar, listening on {@code port}. */
    static Service standInMongo(Path benchmarkJar, int port, String xmx, Path workDir) throws IOException {
        return start("mongo-stand-in", List.of("-cp", benchmarkJar.toString(),
                "-Dloader.main=" + StandInMongo.class.getName(),
                "org.springframework.boot.loader.launch.PropertiesLauncher", Integer.toString(port)), xmx, port,
                Map.of(), workDir, null);
    }

    private static Service start(String name, List<String> launch, String xmx, int port, Map<String, String> env,
                                 Path workDir, Path jfrFile) throws IOException {
        workDir = Files.createDirectories(workDir).toAbsolutePath();
        Path log = workDir.resolve(name + ".log");
        // One file, no rotation: the peak heap is read from it, and an earlier run's log must not linger beside it.
        Path gcLog = workDir.resolve(name + "-gc.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                xmx, "-Xlog:gc:file=" + gcLog + "::filecount=0"));
        if (jfrFile != null) {
            // deep stacks: at JFR's default 64 frames a request's stack loses its root, and "on stack" undercounts
            command.add("-XX:FlightRecorderOptions=stackdepth=256");
            command.add("-XX:StartFlightRecording=filename=" + jfrFile + ",settings=profile,dumponexit=true");
        }
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        // the benchmark is one principal writing as fast as it can: lift the per-principal write limit
        builder.environment().put("WRITES_PER_MINUTE", Integer.toString(Integer.MAX_VALUE));
        return new Service(name, port, builder.start(), log, gcLog);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    void awaitHealthy(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " did not become healthy within " + timeout + "; see " + log);
    }

    /** Waits until something accepts connections on the port (a server without a health endpoint). */
    void awaitListening(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(name + " did not listen on " + port + " within " + timeout + "; see " + log);
    }

    /** A VmHWM / VmRSS style line of /proc/<pid>/status, in MiB. */
    double statusMiB(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** The largest heap occupancy the GC log shows, before any collection, in MiB. */
    double peakHeapMiB() {
        long peak = -1;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_HEAP.matcher(line);
                while (m.find()) {
                    peak = Math.max(peak, Math.max(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return peak < 0 ? Double.NaN : peak;
    }

    long gcCount() {
        try {
            return Files.readAllLines(gcLog).stream().filter(line -> GC_HEAP.matcher(line).find()).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The ports this process listens on, from the socket inodes of its file descriptors matched against
     * /proc/net/tcp{,6}: the query side's in-process MongoDB stand-in binds a random one.
     */
    Set<Integer> listeningPorts() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && "0A".equals(f[3]) && inodes.contains(f[9])) {
                    String local = f[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /**
     * Writes the flight recording now, with jcmd: relying on dump-on-exit loses it when the JVM cannot shut down
     * in time (a query side that ran out of heap did not).
     */
    void dumpRecording(Path file) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid()), "JFR.dump", "name=1", "filename=" + file.toAbsolutePath())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!jcmd.waitFor(120, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
            }
        } catch (IOException e) {
            System.err.println("could not dump the recording of " + name + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package cn.qinglong.dangjian.query.testing;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.query.QuerySideApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A query-side node in an operating-system process of its own (this JVM's class path, the query side's main class),
 * against a test's event store and read-model database; its output goes to {@code target/<name>.log}. Killed when
 * this JVM exits.
 */
public final class QueryNodeProcess {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private QueryNodeProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static QueryNodeProcess start(String name, TestEventStoreDatabase store, SharedMongo mongo,
                                         Map<String, String> settings) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                QuerySideApplication.class.getName(), "--server.port=" + port, "--query.projections.node-id=" + name));
        store.springProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
        mongo.springProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Path log = Files.createDirectories(Path.of("target", "query-nodes")).resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new QueryNodeProcess(name, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Http http() {
        return new Http("http://localhost:" + port + "/api");
    }

    /** Whether it answers HTTP yet; fails when the process has exited. */
    public boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
        }
        try {
            return http().get("/admin/projections").status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no released claim, whatever batch it was writing left half done. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

package cn.qinglong.dangjian.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where the machine's cores went: CPU time of each process of the run, of every PostgreSQL process, and of the
 * machine as a whole, read from /proc. Two samples around a window give each process's share of it, so a figure
 * that misses its target can be told apart as "this process is slow" or "the cores were all busy".
 */
final class Cpu {

    /** Linux reports process and machine times in USER_HZ ticks, 100 per second on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;
    static final String POSTGRES = "postgres";
    static final String OTHER = "rest of the machine";
    static final String IDLE = "idle";

    /** CPU seconds by process name, plus the machine's busy and idle seconds, at one instant. */
    record Sample(long nanos, Map<String, Double> seconds, double machineBusy, double machineIdle) {
    }

    /**
     * One window: wall seconds, and CPU seconds by process name, ending with the rest of the machine (everything
     * busy not counted in a named process) and idle.
     */
    record Usage(double wallSeconds, Map<String, Double> cpuSeconds) {

        /** Cores kept busy on average: CPU seconds over wall seconds. */
        double cores(String name) {
            return cpuSeconds.getOrDefault(name, 0.0) / wallSeconds;
        }

        /** CPU milliseconds per operation. */
        double millisPer(String name, long operations) {
            return operations == 0 ? Double.NaN : 1000 * cpuSeconds.getOrDefault(name, 0.0) / operations;
        }
    }

    private final Map<String, LongSupplier> processes;

    /** Named processes by pid supplier; a supplier answering 0 or less means "not running (yet)". */
    Cpu(Map<String, LongSupplier> processes) {
        this.processes = processes;
    }

    Sample sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        processes.forEach((name, pid) -> {
            long id = pid.getAsLong();
            seconds.put(name, id > 0 ? processSeconds(id, false) : 0.0);
        });
        seconds.put(POSTGRES, postgresSeconds());
        double[] machine = machineSeconds();
        return new Sample(System.nanoTime(), seconds, machine[0], machine[1]);
    }

    static Usage between(Sample from, Sample to) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        double named = 0;
        for (var entry : to.seconds().entrySet()) {
            double delta = Math.max(0, entry.getValue() - from.seconds().getOrDefault(entry.getKey(), 0.0));
            cpu.put(entry.getKey(), delta);
            named += delta;
        }
        cpu.put(OTHER, Math.max(0, (to.machineBusy() - from.machineBusy()) - named));
        cpu.put(IDLE, Math.max(0, to.machineIdle() - from.machineIdle()));
        return new Usage((to.nanos() - from.nanos()) / 1e9, cpu);
    }

    /**
     * Every process called {@code postgres}: the server's own time plus that of the backends it has already
     * reaped (a connection closed during the window leaves its time in the postmaster's children's times).
     */
    private static double postgresSeconds() {
        double total = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    if (POSTGRES.equals(Files.readString(entry.resolve("comm")).trim())) {
                        total += processSeconds(Long.parseLong(entry.getFileName().toString()), true);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended between listing and reading
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return total;
    }

    /** utime + stime (and, when asked, the reaped children's cutime + cstime) of /proc/&lt;pid&gt;/stat. */
    static double processSeconds(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may contain spaces and parentheses: the fields start after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields[0] is field 3 (state); utime, stime, cutime, cstime are fields 14-17
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withReapedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** Busy and idle seconds of all cores together, from the first line of /proc/stat. */
    static double[] machineSeconds() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + (f.length > 8 ? Long.parseLong(f[8]) : 0);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new double[] {busy / TICKS_PER_SECOND, idle / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }
}

package cn.qinglong.dangjian.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CpuTest {

    @Test
    @DisplayName("a window charges a process the CPU it burned, and the machine's busy time covers it")
    void chargesTheProcessThatBurned() {
        Cpu cpu = new Cpu(Map.of("this JVM", () -> ProcessHandle.current().pid(), "not running", () -> 0L));
        Cpu.Sample from = cpu.sample();
        burn(300_000_000L);
        Cpu.Usage usage = Cpu.between(from, cpu.sample());

        // /proc counts in 10 ms ticks: 300 ms of this thread's CPU shows as at least 0.25 s
        assertThat(usage.cpuSeconds().get("this JVM")).isGreaterThanOrEqualTo(0.25);
        assertThat(usage.cpuSeconds().get("not running")).isZero();
        assertThat(usage.cpuSeconds()).containsKeys(Cpu.POSTGRES, Cpu.OTHER, Cpu.IDLE);
        assertThat(usage.cpuSeconds().values()).allMatch(seconds -> seconds >= 0);
        double busy = usage.cpuSeconds().entrySet().stream().filter(e -> !Cpu.IDLE.equals(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
        assertThat(busy).isGreaterThanOrEqualTo(usage.cpuSeconds().get("this JVM"));
        assertThat(usage.millisPer("this JVM", 10)).isCloseTo(100 * usage.cpuSeconds().get("this JVM"), within(1e-9));
        assertThat(usage.cores("this JVM")).isCloseTo(usage.cpuSeconds().get("this JVM") / usage.wallSeconds(),
                within(1e-9));
    }

    /** Spins until this thread has used the given CPU time. */
    private static long burn(long cpuNanos) {
        var threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + cpuNanos;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 100_000; i++) {
                x += i * 31L ^ x;
            }
        }
        return x;
    }
}

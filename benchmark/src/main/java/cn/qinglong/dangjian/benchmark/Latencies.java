package cn.qinglong.dangjian.benchmark;

import java.util.Arrays;

/**
 * Percentiles of recorded latencies, by sorting every sample: the load loops are bounded in count, so keeping all
 * samples is cheap and the figures are exact (nearest-rank), not bucketed.
 */
public final class Latencies {

    private final long[] sortedNanos;

    private Latencies(long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    /** Uses the first {@code count} entries of {@code nanos}; the array is not modified. */
    public static Latencies of(long[] nanos, int count) {
        long[] copy = Arrays.copyOf(nanos, Math.max(0, Math.min(count, nanos.length)));
        Arrays.sort(copy);
        return new Latencies(copy);
    }

    public int count() {
        return sortedNanos.length;
    }

    /** Nearest-rank percentile in milliseconds: the smallest sample with at least {@code p}% of samples at or below it. */
    public double percentileMillis(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    public double maxMillis() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }
}

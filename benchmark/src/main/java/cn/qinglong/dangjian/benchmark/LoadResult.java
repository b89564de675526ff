package cn.qinglong.dangjian.benchmark;

/**
 * What one closed-loop run did: {@code ok} operations succeeded and {@code failed} did not, in {@code seconds} of
 * wall time; latencies cover every attempt.
 */
public record LoadResult(int clients, long ok, long failed, double seconds, double p50, double p95, double p99,
                         double max, String firstFailure) {

    public double perSecond() {
        return seconds <= 0 ? 0 : ok / seconds;
    }

    static LoadResult of(int clients, long ok, long failed, double seconds, Latencies latencies, String firstFailure) {
        return new LoadResult(clients, ok, failed, seconds, latencies.percentileMillis(50),
                latencies.percentileMillis(95), latencies.percentileMillis(99), latencies.maxMillis(), firstFailure);
    }
}

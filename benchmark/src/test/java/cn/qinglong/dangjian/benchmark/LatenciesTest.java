package cn.qinglong.dangjian.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    @DisplayName("percentiles are nearest-rank over the recorded samples, in milliseconds")
    void nearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1_000_000L;
        }
        Latencies latencies = Latencies.of(nanos, 100);
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
        assertThat(latencies.maxMillis()).isEqualTo(100.0);
    }

    @Test
    @DisplayName("only the first count samples count, and the caller's array stays as it was")
    void onlyRecordedSamples() {
        long[] nanos = {3_000_000, 1_000_000, 2_000_000, 0, 0};
        Latencies latencies = Latencies.of(nanos, 3);
        assertThat(latencies.count()).isEqualTo(3);
        assertThat(latencies.percentileMillis(50)).isEqualTo(2.0);
        assertThat(latencies.percentileMillis(1)).isEqualTo(1.0);
        assertThat(nanos).containsExactly(3_000_000, 1_000_000, 2_000_000, 0, 0);
    }

    @Test
    @DisplayName("a single sample is every percentile; no samples answer NaN; percentiles outside (0, 100] are refused")
    void edges() {
        assertThat(Latencies.of(new long[] {7_500_000}, 1).percentileMillis(99.9)).isEqualTo(7.5);
        assertThat(Latencies.of(new long[0], 0).percentileMillis(50)).isNaN();
        assertThatThrownBy(() -> Latencies.of(new long[] {1}, 1).percentileMillis(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a closed loop stops at its operation bound and counts failures apart from successes")
    void closedLoopBounds() {
        LoadResult result = ClosedLoop.run(4, 100, java.time.Duration.ofSeconds(30),
                index -> index % 10 == 0 ? "refused" : null);
        assertThat(result.ok() + result.failed()).isEqualTo(100);
        assertThat(result.failed()).isEqualTo(10);
        assertThat(result.firstFailure()).isEqualTo("refused");
    }
}

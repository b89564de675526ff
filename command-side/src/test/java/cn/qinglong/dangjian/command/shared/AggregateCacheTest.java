package cn.qinglong.dangjian.command.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

/** The cache of kept members as {@link CommandConfiguration} configures it: bounded, and no entry kept too long. */
class AggregateCacheTest {

    private final AtomicLong now = new AtomicLong();

    private Cache cache(int size, Duration maxAge) {
        return CommandConfiguration.keptAggregates(size, maxAge, now::get);
    }

    @Test
    void no_more_entries_than_the_size_are_kept() {
        Cache cache = cache(2, Duration.ofMinutes(1));
        List<String> keys = List.of("a", "b", "c", "d", "e");
        keys.forEach(key -> cache.put(key, key.toUpperCase()));

        assertThat(keys.stream().filter(cache::containsKey)).hasSize(2);
    }

    @Test
    void an_entry_older_than_the_maximum_age_is_gone() {
        Cache cache = cache(10, Duration.ofSeconds(10));
        cache.put("a", "A");
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat((String) cache.get("a")).isEqualTo("A");

        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat((String) cache.get("a")).isNull();
        assertThat(cache.containsKey("a")).isFalse();
    }

    @Test
    void a_put_renews_the_age_of_an_entry() {
        Cache cache = cache(10, Duration.ofSeconds(10));
        cache.put("a", "A");
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        cache.put("a", "A2");
        now.addAndGet(Duration.ofSeconds(9).toNanos());

        assertThat((String) cache.get("a")).isEqualTo("A2");
    }

    @Test
    void a_size_or_an_age_of_zero_keeps_nothing() {
        for (Cache cache : List.of(cache(0, Duration.ofMinutes(1)), cache(10, Duration.ZERO))) {
            cache.put("a", "A");

            assertThat(cache.containsKey("a")).isFalse();
        }
    }

    @Test
    void removed_entries_are_gone() {
        Cache cache = cache(10, Duration.ofMinutes(1));
        cache.put("a", "A");
        cache.put("b", "B");
        assertThat(cache.putIfAbsent("b", "B2")).isFalse();

        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.removeAll();

        assertThat(cache.containsKey("b")).isFalse();
    }
}

package cn.qinglong.dangjian.command.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AggregateCacheTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void the_least_recently_used_entry_makes_room_for_a_new_one() {
        AggregateCache cache = new AggregateCache(2, Duration.ofMinutes(1), now::get);
        cache.put("a", "A");
        cache.put("b", "B");
        assertThat((String) cache.get("a")).isEqualTo("A");

        cache.put("c", "C");

        assertThat(cache.containsKey("b")).isFalse();
        assertThat((String) cache.get("a")).isEqualTo("A");
        assertThat((String) cache.get("c")).isEqualTo("C");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void an_entry_older_than_the_maximum_age_is_gone() {
        AggregateCache cache = new AggregateCache(10, Duration.ofSeconds(10), now::get);
        cache.put("a", "A");
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat((String) cache.get("a")).isEqualTo("A");

        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat((String) cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_put_renews_the_age_of_an_entry() {
        AggregateCache cache = new AggregateCache(10, Duration.ofSeconds(10), now::get);
        cache.put("a", "A");
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        cache.put("a", "A2");
        now.addAndGet(Duration.ofSeconds(9).toNanos());

        assertThat((String) cache.get("a")).isEqualTo("A2");
    }

    @Test
    void a_size_of_zero_keeps_nothing() {
        AggregateCache cache = new AggregateCache(0, Duration.ofMinutes(1), now::get);
        cache.put("a", "A");

        assertThat(cache.containsKey("a")).isFalse();
    }

    @Test
    void removed_entries_are_gone() {
        AggregateCache cache = new AggregateCache(10, Duration.ofMinutes(1), now::get);
        cache.put("a", "A");
        cache.put("b", "B");

        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.removeAll();

        assertThat(cache.size()).isZero();
    }
}

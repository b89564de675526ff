package cn.qinglong.dangjian.command.shared;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The command side's cache of loaded aggregates: at most {@code size} entries, least recently used dropped first,
 * and none older than {@code maxAge}, so that another node's changes (an erasure above all) are not kept here for
 * longer than that. Axon's caching repository puts an aggregate back after each command and removes it when a unit
 * of work rolls back; a cached aggregate that another node has moved on from appends a sequence number that is
 * already taken, the store refuses it, the entry is removed and the gateway's retry loads the stream again.
 */
public final class AggregateCache implements Cache {

    private record Entry(Object value, long storedAt) {
    }

    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final Map<Object, Entry> entries;

    public AggregateCache(int size, Duration maxAge) {
        this(size, maxAge, System::nanoTime);
    }

    AggregateCache(int size, Duration maxAge, LongSupplier nanoClock) {
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
                return size() > size;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nanoClock.getAsLong() - entry.storedAt() >= maxAgeNanos) {
            entries.remove(key);
            return null;
        }
        return (V) entry.value();
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (maxAgeNanos > 0) {
            entries.put(key, new Entry(value, nanoClock.getAsLong()));
        }
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (get(key) != null) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public synchronized void removeAll() {
        entries.clear();
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return get(key) != null;
    }

    synchronized int size() {
        return entries.size();
    }

    /** Nothing here listens to cache entries; a listener would silently never be called. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache has no entry listeners");
    }
}

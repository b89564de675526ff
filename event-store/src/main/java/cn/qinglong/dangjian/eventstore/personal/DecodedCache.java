package cn.qinglong.dangjian.eventstore.personal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the serializer decoded lately (payloads and metadata), by their stored type and bytes: every projection is a
 * processor of its own that reads every event, so without it each event is decrypted and parsed once per
 * projection. An entry lives no longer than the member keys' cache ({@link MemberKeys}), so an erasure is noticed
 * within the same time as there; and the whole cache is dropped whenever this node erases a key or reads an
 * erasure. At most {@code capacity} entries, the oldest go first.
 */
final class DecodedCache {

    private final int capacity;
    private final long ttlNanos;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Insertion order, for eviction; guarded by itself. */
    private final ArrayDeque<Key> order = new ArrayDeque<>();

    private record Entry(Object value, long until) {
    }

    /** A stored type and its bytes; the bytes are not copied, so they must not change afterwards. */
    static final class Key {
        private final String type;
        private final String revision;
        private final byte[] data;
        private final int hash;

        Key(String type, String revision, byte[] data) {
            this.type = type;
            this.revision = revision;
            this.data = data;
            this.hash = 31 * (31 * Objects.hashCode(type) + Objects.hashCode(revision)) + Arrays.hashCode(data);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash && Objects.equals(type, key.type)
                    && Objects.equals(revision, key.revision) && Arrays.equals(data, key.data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    DecodedCache(int capacity, java.time.Duration ttl) {
        this.capacity = capacity;
        this.ttlNanos = ttl.toNanos();
    }

    boolean enabled() {
        return capacity > 0 && ttlNanos > 0;
    }

    /** The value decoded from these bytes lately, or {@code null}. */
    Object get(Key key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.until() >= 0) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    void put(Key key, Object value) {
        Entry entry = new Entry(value, System.nanoTime() + ttlNanos);
        synchronized (order) {
            if (entries.put(key, entry) == null) {
                order.addLast(key);
            }
            while (order.size() > capacity) {
                entries.remove(order.pollFirst());
            }
        }
    }

    void clear() {
        synchronized (order) {
            entries.clear();
            order.clear();
        }
    }

    int size() {
        return entries.size();
    }
}

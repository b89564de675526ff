package cn.qinglong.dangjian.command.shared;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's {@link Cache} over a Caffeine cache, which does the bounds and the expiry. Thinner than Axon's
 * {@code JCacheAdapter} over Caffeine's JCache provider, which would add a JCache manager (a cache name per
 * application context), store-by-value to switch off and a ticker named by class for the tests.
 */
final class CaffeineAdapter implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;

    CaffeineAdapter(com.github.benmanes.caffeine.cache.Cache<Object, Object> cache) {
        this.cache = cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) cache.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        cache.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return cache.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return cache.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        cache.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return cache.asMap().containsKey(key);
    }

    /** Nothing here listens to cache entries; a listener would silently never be called. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache has no entry listeners");
    }
}

package cn.qinglong.dangjian.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize     how many events one read of the store fetches (aggregate loading and streaming)
 * @param masterKey     the master key wrapping the members' data keys, Base64 of 32 bytes; when empty, the key in
 *                      {@code masterKeyFile} (generated there on first start)
 * @param masterKeyFile where the master key is kept when {@code masterKey} is not given
 * @param keyCacheTtl   how long a member's key read for decryption is reused before it is read again (0: never);
 *                      an erasure on another node is noticed here within this time at the latest
 * @param keyCacheSize  how many members' keys that cache holds at most
 * @param chainHeadCacheSize how many streams' last chain hashes this node remembers after its commits, so that the
 *                      next append to such a stream need not read its predecessor (0: none)
 * @param decodedCacheSize how many decoded payloads and metadata are kept, each for at most {@code keyCacheTtl}, for
 *                      the next reader of the same stored event (every projection reads every event); 0: none
 */
@ConfigurationProperties("eventstore")
public record EventStoreProperties(@DefaultValue("500") int batchSize,
                                   String masterKey,
                                   @DefaultValue("./data/master.key") String masterKeyFile,
                                   @DefaultValue("10s") Duration keyCacheTtl,
                                   @DefaultValue("10000") int keyCacheSize,
                                   @DefaultValue("10000") int chainHeadCacheSize,
                                   @DefaultValue("20000") int decodedCacheSize) {
}

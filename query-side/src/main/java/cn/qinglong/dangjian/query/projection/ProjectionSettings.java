package cn.qinglong.dangjian.query.projection;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize   events a processor hands to a projection at once (one bulk write per collection)
 * @param segments    segments (and worker threads) per processor of an answering generation; a generation with
 *                    fewer (a rebuilt one, or after this was raised) is split up to it by the nodes holding its
 *                    widest segments; one with more keeps them
 * @param passMargin  how far below the head read before a stream-order pass its processor still looks for events
 *                    committed late (the positions the pass did not see there are kept as gaps of its token); as
 *                    far back as Axon's JDBC engine keeps gaps by default
 * @param claimTimeout how long a segment's claim lasts without being extended: after a node's death its segments
 *                    wait this long before another node may take them. Claims are extended every tenth of it and
 *                    every node looks for unclaimed segments every fifth of it.
 * @param fetchDelay  how long the event store waits before polling again when it found nothing new
 * @param pointerRefresh how often a node re-reads the generation pointers (another node's rebuild or swap)
 * @param retiredGenerationGrace how long a replaced generation's collections survive the swap, for queries
 *                    already reading them; longer than {@code pointerRefresh}, so every node has moved on by then
 * @param nodeId      this node's name in the token store's claims; unique per node (default: pid@host)
 */
@ConfigurationProperties("query.projections")
public record ProjectionSettings(@DefaultValue("500") int batchSize, @DefaultValue("4") int segments,
                                 @DefaultValue("10000") int passMargin, @DefaultValue("10s") Duration claimTimeout,
                                 @DefaultValue("100ms") Duration fetchDelay, @DefaultValue("500ms") Duration pointerRefresh,
                                 @DefaultValue("5s") Duration retiredGenerationGrace, @DefaultValue("") String nodeId) {

    public ProjectionSettings {
        if (segments < 1 || passMargin < 0) {
            throw new IllegalArgumentException("a processor needs a segment or more, a pass a margin of none or more");
        }
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    Duration claimExtension() {
        return claimTimeout.dividedBy(10);
    }

    Duration claimInterval() {
        return claimTimeout.dividedBy(5);
    }
}

package cn.qinglong.dangjian.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize   events a processor hands to a projection at once (one bulk write per collection)
 * @param segments    segments (and worker threads) per processor
 * @param fetchDelay  how long the event store waits before polling again when it found nothing new
 * @param retiredGenerationGrace how long a replaced generation's collections survive the swap, for queries
 *                    already reading them
 */
@ConfigurationProperties("query.projections")
public record ProjectionSettings(@DefaultValue("500") int batchSize, @DefaultValue("1") int segments,
                                 @DefaultValue("100ms") Duration fetchDelay,
                                 @DefaultValue("5s") Duration retiredGenerationGrace) {
}

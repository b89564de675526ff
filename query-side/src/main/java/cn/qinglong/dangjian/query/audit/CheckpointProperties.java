package cn.qinglong.dangjian.query.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled        whether this node takes part in making checkpoints (one node at a time makes them, by lease)
 * @param everyEvents    a checkpoint once this many events were committed since the last one
 * @param every          a checkpoint once this long passed since the last one, when any event was committed since
 * @param pollInterval   how often the node holding the lease takes in new events and checks the cadence
 * @param gapMargin      a missing global index counts as a rolled-back transaction once the event after it is older
 *                       than this; events above a younger gap wait (see {@link Checkpointer})
 * @param signingKey     the Ed25519 signing key as PEM (PKCS#8 private key, optionally followed by its public key);
 *                       when empty, the key in {@code signingKeyFile}
 * @param signingKeyFile where the signing key is kept when {@code signingKey} is not given; generated there,
 *                       readable by its owner only, when missing (the embedded default: beside the H2 file)
 * @param lease          how long a node's claim to make checkpoints lasts without renewal
 */
@ConfigurationProperties("checkpoints")
public record CheckpointProperties(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("10000") long everyEvents,
                                   @DefaultValue("10m") Duration every,
                                   @DefaultValue("10s") Duration pollInterval,
                                   @DefaultValue("1m") Duration gapMargin,
                                   String signingKey,
                                   @DefaultValue("./data/checkpoint.key") String signingKeyFile,
                                   @DefaultValue("30s") Duration lease) {
}

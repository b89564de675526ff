package cn.qinglong.dangjian.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param batchSize how many events one read of the store fetches (aggregate loading and streaming) */
@ConfigurationProperties("eventstore")
public record EventStoreProperties(@DefaultValue("500") int batchSize) {
}

package cn.qinglong.dangjian.query.integration;

import io.cloudevents.CloudEvent;

/**
 * One event as integration clients receive it.
 *
 * @param position   the event's global index in the store: the SSE {@code id:} and the publisher's resume point
 * @param aggregateId the member, organisation or study day the event belongs to (the CloudEvents {@code subject})
 * @param cloudEvent  the envelope with the redacted payload
 * @param structured  the CloudEvents structured-mode JSON of {@code cloudEvent}, one line, UTF-8
 */
public record IntegrationEvent(long position, String aggregateId, CloudEvent cloudEvent, byte[] structured) {

    public String type() {
        return cloudEvent.getType();
    }
}

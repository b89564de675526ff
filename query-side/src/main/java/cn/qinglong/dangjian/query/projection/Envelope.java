package cn.qinglong.dangjian.query.projection;

/**
 * One event as a projection sees it: the payload, the stream it belongs to and its number in that stream (which
 * makes applying it twice detectable), and its global position in the store.
 */
public record Envelope(Object payload, String aggregateId, long sequence, long position) {
}

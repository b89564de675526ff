package cn.qinglong.dangjian.query.history;

import cn.qinglong.dangjian.eventstore.chain.ChainHash;

/** One row of the event store exactly as stored: what the history shows and what the chain hash covers. */
record StoredEvent(long position, String eventId, String memberId, long sequence, String timeStamp,
                   String payloadType, String payloadRevision, byte[] payload, byte[] metaData,
                   String aggregateType) {

    ChainHash.Row hashed() {
        return new ChainHash.Row(memberId, sequence, payloadType, payloadRevision, timeStamp, payload, metaData);
    }
}

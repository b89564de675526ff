package cn.qinglong.dangjian.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of re-computing a stream's chain. {@code checked} counts the events examined; when the chain is
 * broken, {@code brokenAtSequence} is the first event whose stored hash does not match and {@code reason} says how.
 * {@code headHash} is the hash of the last event checked: noting it down lets a later audit detect a rewrite of the
 * whole chain from that point back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChainVerification(boolean valid, long checked, Long brokenAtSequence, String reason, Long headSequence,
                         String headHash) {
}
